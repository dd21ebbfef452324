"""The domain's datatypes: partial dates (parse, precision, bounds, comparison), country codes, type enums."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ontology import load
from ontology.types import (
    PARTIAL_DATE_PATTERN,
    PartialDate,
    country,
    precision_of,
    type_enum,
)


@pytest.mark.parametrize(("text", "precision", "xsd", "first", "last"), [
    ("2023", "year", "gYear", dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    ("2024-02", "month", "gYearMonth", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ("2023-05-09", "day", "date", dt.date(2023, 5, 9), dt.date(2023, 5, 9)),
])
def test_types_partial_date_precision_datatype_and_bounds(text: str, precision: str, xsd: str, first: dt.date,
                                                          last: dt.date) -> None:
    d = PartialDate.parse(text)
    assert (str(d), d.precision, d.xsd, d.first_day, d.last_day) == (text, precision, xsd, first, last)
    assert precision_of(text) == precision
    assert re.match(PARTIAL_DATE_PATTERN, text)


@pytest.mark.parametrize(("text", "reason"), [
    ("yesterday", "expected YYYY, YYYY-MM or YYYY-MM-DD"), ("2023-5", "expected"), ("23-05-01", "expected"),
    ("2023-13", "month must be in 1..12"), ("2023-02-30", "day is out of range for month"),
])
def test_types_partial_date_refuses_what_is_no_date(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        PartialDate.parse(text)


def test_types_partial_date_compares_by_what_it_may_stand_for() -> None:
    may = PartialDate.parse
    assert may("2023").may_be_on_or_after(may("2023-06-01"))  # some day of 2023 is after 1 June
    assert not may("2023-05").may_be_on_or_after(may("2023-06"))
    assert may("2023-06-01").may_be_on_or_after(may("2023-06"))
    with pytest.raises(ValueError, match="not a partial ISO date"):
        precision_of("2023-1")


def test_types_country_codes_are_checked_and_upper_case() -> None:
    assert country("de") == "DE" and country(" FR ") == "FR"
    for bad in ("DEU", "D", "1A", ""):
        with pytest.raises(ValueError, match="ISO 3166"):
            country(bad)


def test_types_type_enums_come_from_the_schema() -> None:
    onto = load()
    assert [t.value for t in type_enum("entity")] == onto.entity_types()
    assert [t.value for t in type_enum("event")] == onto.event_types()
    assert type_enum("event")("Raid") == "Raid"
    with pytest.raises(ValueError):
        type_enum("event")("Company")


def test_types_partial_date_of_a_day_at_a_precision() -> None:
    day = dt.date(2023, 5, 9)
    assert [PartialDate.of(day, p).text for p in ("year", "month", "day")] == ["2023", "2023-05", "2023-05-09"]
    assert all(PartialDate.of(day, p).precision == p for p in ("year", "month", "day"))
