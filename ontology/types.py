"""The domain's small datatypes, defined once: the partial date, the country code, the type enums.

News reports give dates as precisely as they know them - "in 2023", "in May 2023", "on 9 May
2023" - so a date in the graph is a *partial* ISO date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` whose
precision (year, month, day) is part of its meaning: it stands for every day between its bounds,
and its RDF datatype is ``xsd:gYear``, ``xsd:gYearMonth`` or ``xsd:date``. Countries are ISO 3166
alpha-2 codes. Every package asks this module rather than repeating a pattern or a length table;
the SHACL shapes, the RDF mapping and the API's parameter checks derive from the same constants.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Literal, cast

from ontology.model import load

Precision = Literal["year", "month", "day"]
#: The precisions, coarsest first.
PRECISIONS: tuple[Precision, ...] = ("year", "month", "day")
#: The local name of the XSD datatype of a partial date, by precision.
XSD_LOCAL: dict[Precision, str] = {"year": "gYear", "month": "gYearMonth", "day": "date"}
#: The shape of a partial date (months and days in range; whether the day exists is checked apart).
PARTIAL_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
#: An ISO 3166 alpha-2 country code as stored (upper case).
COUNTRY_PATTERN = "^[A-Z]{2}$"
PARTIAL_DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"

_SHAPE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY_RE = re.compile(COUNTRY_PATTERN)
_PRECISION_OF_LENGTH: dict[int, Precision] = {4: "year", 7: "month", 10: "day"}
_LENGTH_OF_PRECISION = {p: n for n, p in _PRECISION_OF_LENGTH.items()}


@dataclass(frozen=True)
class PartialDate:
    """A checked partial ISO date; ``text`` is its ``YYYY[-MM[-DD]]`` form."""

    text: str

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        """The partial date ``value`` stands for; ``ValueError`` (naming the reason) otherwise."""
        if not _SHAPE_RE.match(value):
            raise ValueError(f"expected {PARTIAL_DATE_FORMS}")
        parts = [int(p) for p in value.split("-")]
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)  # ValueError
        return cls(value)

    @classmethod
    def of(cls, day: dt.date, precision: Precision) -> PartialDate:
        """``day`` as known at ``precision`` (its year, its month, or the day itself)."""
        return cls(day.isoformat()[: _LENGTH_OF_PRECISION[precision]])

    @property
    def precision(self) -> Precision:
        return _PRECISION_OF_LENGTH[len(self.text)]

    @property
    def xsd(self) -> str:
        """The local name of its XSD datatype (``gYear``, ``gYearMonth`` or ``date``)."""
        return XSD_LOCAL[self.precision]

    @property
    def parts(self) -> tuple[int, int | None, int | None]:
        """(year, month or None, day or None)."""
        p = [int(x) for x in self.text.split("-")]
        return p[0], p[1] if len(p) > 1 else None, p[2] if len(p) > 2 else None

    @property
    def first_day(self) -> dt.date:
        year, month, day = self.parts
        return dt.date(year, month or 1, day or 1)

    @property
    def last_day(self) -> dt.date:
        year, month, day = self.parts
        if day is not None and month is not None:
            return dt.date(year, month, day)
        month = month or 12
        return dt.date(year, month, calendar.monthrange(year, month)[1])

    def may_be_on_or_after(self, other: PartialDate) -> bool:
        """Whether some day this date stands for is on or after the first day of ``other``."""
        return self.last_day >= other.first_day

    def __str__(self) -> str:
        return self.text


def checked_partial_date(value: str | None) -> str | None:
    """``value`` when it is a partial ISO date (or None); ``ValueError`` naming the value and the reason."""
    if value is None:
        return None
    try:
        PartialDate.parse(value)
    except ValueError as exc:
        raise ValueError(f"{value!r}: {exc}") from None
    return value


def precision_of(value: str) -> Precision:
    """``year``, ``month`` or ``day`` for the text of a stored partial date (``ValueError`` otherwise)."""
    try:
        return _PRECISION_OF_LENGTH[len(value)]
    except KeyError:
        raise ValueError(f"{value!r} is not a partial ISO date") from None


def country(value: str) -> str:
    """An ISO 3166 alpha-2 code as stored (upper case); ``ValueError`` for anything else."""
    code = value.strip().upper()
    if not _COUNTRY_RE.match(code):
        raise ValueError(f"{value!r} is not a two-letter ISO 3166 country code")
    return code


@cache
def type_enum(kind: Literal["entity", "event"]) -> type[StrEnum]:
    """The entity or event types of ``schema.yaml`` as a string enum (for API fields and parameters)."""
    onto = load()
    names = onto.entity_types() if kind == "entity" else onto.event_types()
    return cast(type[StrEnum], StrEnum(f"{kind.capitalize()}Type", [(n, n) for n in names]))
