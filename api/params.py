"""Request parameters: their types, checks and the values derived from the ontology.

Everything a request says is checked here before it reaches a query, and reaches the query
as a parameter only: entity and event types are enumerations built from the ontology (so the
OpenAPI document lists them and nothing else gets through), dates and countries are checked
by pattern, cursors are opaque tokens the API issued itself, and full-text search terms are
escaped for Lucene.
"""

from __future__ import annotations

import base64
import json
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query

from api.exc import InvalidParameter
from api.models.types import ENTITY_CLASSES, EVENT_TYPES, SCORED_ARGUMENT_TYPES
from ontology import load as load_ontology
from ontology.types import PartialDate, precision_of


def partial_date(value: str | None, parameter: str) -> str | None:
    """A checked ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (no 2023-02-30)."""
    if value is None:
        return None
    try:
        return PartialDate.parse(value).text
    except ValueError as exc:
        raise InvalidParameter(parameter, str(exc)) from None


def country(value: str | None) -> str | None:
    return value.upper() if value else None


def precision(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return precision_of(value)
    except ValueError:
        return None


def type_of(labels: list[str], known: list[str]) -> str:
    """The most specific ontology class among a node's labels that are in ``known``."""
    found = load_ontology().most_specific([lb for lb in labels if lb in known])
    return found or (labels[-1] if labels else "")


def entity_type(labels: list[str]) -> str:
    return type_of(labels, ENTITY_CLASSES)


def event_type(labels: list[str]) -> str:
    return type_of(labels, EVENT_TYPES)


# -- argument probabilities -------------------------------------------------------------------

MinArgumentProbability = Annotated[float | None, Query(ge=0.0, le=1.0, description=(
    "Keep an agent or target only when the argument model's calibrated probability that the entity "
    "fills that role (the highest of the documents that state it; reliability on the tune split in "
    "docs/LEARNED.md) is at least this: a weaker one is not listed, and with `agent` or `target` an "
    "event counts only when that agent or target passes. Locations and laws are never judged and "
    "never filtered. Unset: every argument is listed."))]
UnscoredArguments = Annotated[Literal["keep", "drop"], Query(description=(
    "An agent or target without a probability (stated by the rules alone, or written before "
    "probabilities were kept; `probability` null): `keep` (default) lists it whatever the bound, "
    "`drop` leaves it out (with no bound: every unjudged agent and target)."))]


@dataclass(frozen=True)
class ArgumentFilter:
    """Which agents and targets a request keeps, by their probability: the one rule the queries that
    pick events by an agent or target and the lists each answer shows both follow."""

    minimum: float | None = None
    keep_unscored: bool = True

    @classmethod
    def of(cls, minimum: float | None, unscored: str) -> ArgumentFilter:
        return cls(minimum, unscored != "drop")

    @property
    def active(self) -> bool:
        return self.minimum is not None or not self.keep_unscored

    def keeps(self, probability: float | None) -> bool:
        if probability is None:
            return self.keep_unscored
        return self.minimum is None or probability >= self.minimum

    def query_params(self) -> dict[str, Any]:
        """``minArgumentProbability`` (null: no bound) and ``keepUnscored`` of the anchored queries."""
        bound = self.minimum if self.minimum is not None else 0.0 if not self.keep_unscored else None
        return {"minArgumentProbability": bound, "keepUnscored": self.keep_unscored}

    def role_params(self) -> dict[str, Any]:
        """:meth:`query_params` with ``judged``, the relationship types the bound applies to (the ontology's):
        for the queries that follow an entity's own roles (timeline, profile, network)."""
        return {**self.query_params(), "judged": SCORED_ARGUMENT_TYPES}

    def keeps_argument(self, rel_type: str, probability: float | None) -> bool:
        """Whether an argument of relationship ``rel_type`` is kept: locations and laws always are."""
        return rel_type not in SCORED_ARGUMENT_TYPES or self.keeps(probability)


NO_ARGUMENT_FILTER = ArgumentFilter()


# -- pagination -------------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=200, description="Page size (1-200).")]
CursorParam = Annotated[str | None, Query(max_length=2000, description=(
    "Opaque token from the previous page's `next`, to read the following page."))]
ScreenLimit = Annotated[int, Query(ge=1, le=200, description="Items screened per page (1-200).")]


def encode_cursor(kind: str, key: list[Any]) -> str:
    raw = json.dumps({"k": kind, "v": key}, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode_cursor(token: str | None, kind: str, shape: tuple[type, ...]) -> list[Any] | None:
    """The key a cursor of ``kind`` carries, checked against ``shape`` (types; None allowed)."""
    if token is None or token == "":
        return None
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError):
        raise InvalidParameter("cursor", "not a cursor this API issued") from None
    if not isinstance(data, dict) or data.get("k") != kind or not isinstance(data.get("v"), list):
        raise InvalidParameter("cursor", "not a cursor of this list")
    key: list[Any] = data["v"]
    if len(key) != len(shape):
        raise InvalidParameter("cursor", "not a cursor of this list")
    for value, typ in zip(key, shape, strict=True):
        ok = value is None or (isinstance(value, typ) and not isinstance(value, bool))
        if typ is float and isinstance(value, int) and not isinstance(value, bool):
            ok = True
        if not ok:
            raise InvalidParameter("cursor", "not a cursor of this list")
    return key


def page(rows: list[dict[str, Any]], limit: int, kind: str, key: Any) -> tuple[list[dict[str, Any]], str | None]:
    """The first ``limit`` rows and the cursor of the next page (the query fetched ``limit + 1``)."""
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(kind, key(rows[-1]))


# -- full-text search -------------------------------------------------------------------------

_LUCENE_SPECIAL = set('+-&|!(){}[]^"~*?:\\/')
MAX_TERMS = 8


def escape_lucene(text: str) -> str:
    """``text`` with every Lucene query-syntax character escaped by a backslash."""
    return "".join(f"\\{c}" if c in _LUCENE_SPECIAL else c for c in text)


def fold(text: str) -> str:
    """Accents removed (é -> e), for names typed without them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _edits(term: str) -> int:
    letters = sum(c.isalnum() for c in term)
    return 0 if letters < 4 else 1 if letters < 8 else 2


def lucene_query(q: str) -> str | None:
    """A Lucene query for a user's search text, ranked: every word matching first, then most words.

    Each word is escaped (no operator, wildcard or field syntax survives from the input),
    lower-cased (so AND/OR/NOT are plain words), tried with and without accents, with one or two
    edits allowed by its length; the last word also matches as a prefix (search as you type).
    Names with every word rank above names with some, and the whole text as a phrase ranks
    first. ``None`` when no word is left.
    """
    words = [w for w in q.split() if any(c.isalnum() for c in w)][:MAX_TERMS]
    if not words:
        return None
    clauses = []
    for i, word in enumerate(words):
        variants = dict.fromkeys([word.casefold(), fold(word).casefold()])
        parts = []
        for v in variants:
            e = escape_lucene(v)
            parts.append(f"{e}^2")
            edits = _edits(v)
            if edits:
                parts.append(f"{e}~{edits}")
            if i == len(words) - 1:
                parts.append(f"{e}*")
        clauses.append("(" + " OR ".join(parts) + ")")
    phrase = escape_lucene(" ".join(fold(w).casefold() for w in words))
    every = f"({' AND '.join(clauses)})^3"
    some = " OR ".join(clauses)
    return f"{every} OR {some} OR \"{phrase}\"^4" if len(clauses) > 1 else f"{some} OR \"{phrase}\"^4"
