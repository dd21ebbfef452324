"""Date resolution against the publication date: a table of (published, phrase, expected)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract.date_expressions import find_dates

TABLE = [
    # absolute dates keep their own precision
    ("2023-10-18", "It happened on March 17, 2023.", "2023-03-17"),
    ("2023-10-18", "It happened on 17 March 2023.", "2023-03-17"),
    ("2023-10-18", "It happened on 2023-03-17.", "2023-03-17"),
    ("2023-10-18", "It happened in November 2014.", "2014-11"),
    ("2023-10-18", "It happened in 2014.", "2014"),
    # a year-less month or day: the latest one not after publication
    ("2023-10-18", "It happened in March.", "2023-03"),
    ("2023-10-18", "It happened in November.", "2022-11"),
    ("2023-10-18", "It happened on Nov. 15.", "2022-11-15"),
    ("2023-10-18", "It happened on 6 September.", "2023-09-06"),
    ("2023-10-18", "It happened in early August.", "2023-08"),
    # weekdays: the latest such day on or before publication
    ("2023-10-18", "It happened on Monday.", "2023-10-16"),
    ("2023-10-18", "It happened on Wednesday.", "2023-10-18"),
    ("2023-10-18", "It happened late Sunday.", "2023-10-15"),
    # "last Wednesday" said on a Wednesday is a week before, not that day
    ("2023-10-18", "It happened last Wednesday.", "2023-10-11"),
    ("2023-10-18", "It happened last Monday.", "2023-10-16"),
    # relative to publication
    ("2023-10-18", "It happened last month.", "2023-09"),
    ("2023-01-10", "It happened last month.", "2022-12"),
    ("2023-10-18", "It happened earlier this month.", "2023-10"),
    ("2023-10-18", "It happened earlier this year.", "2023"),
    ("2023-10-18", "It happened last year.", "2022"),
    ("2023-10-18", "It happened yesterday.", "2023-10-17"),
    ("2023-10-18", "It happened today.", "2023-10-18"),
    ("2023-10-18", "It happened three days ago.", "2023-10-15"),
    ("2023-10-18", "It happened two weeks ago.", "2023-10"),
    ("2023-10-18", "It happened two months ago.", "2023-08"),
    # the sentence's own year wins for a later year-less month
    ("2025-07-16", "He was detained in March 2023 and arrested in October.", "2023-10"),
]


@pytest.mark.parametrize(("published", "phrase", "expected"), TABLE)
def test_dates_relative_table(published: str, phrase: str, expected: str) -> None:
    found = find_dates(phrase, 0, dt.date.fromisoformat(published))
    assert found, phrase
    assert found[-1].value == expected


@pytest.mark.parametrize(("anchor", "phrase", "expected"), [
    ("2023-04", "The offices were raided the following month.", "2023-05"),
    ("2023-04-10", "He was released the following day.", "2023-04-11"),
    ("2023-04-10", "He was charged a day later.", "2023-04-11"),
    ("2023-04-10", "He was questioned the previous day.", "2023-04-09"),
])
def test_dates_relative_to_previous_event(anchor: str, phrase: str, expected: str) -> None:
    found = find_dates(phrase, 0, dt.date(2023, 10, 18), anchor=anchor)
    assert [d.value for d in found] == [expected]


def test_dates_future_resolves_forward() -> None:
    found = find_dates("The law is set to take effect in July.", 0, dt.date(2023, 10, 18), future=True)
    assert found[0].value == "2024-07"


def test_dates_last_weekday_is_behind_even_in_a_future_sentence() -> None:
    """"The law, signed last Monday, will take effect ...": "Monday" alone in a sentence about the
    future is ahead; "last Monday" is behind."""
    ref = dt.date(2023, 10, 18)  # a Wednesday
    assert find_dates("It will take effect on Monday.", 0, ref, future=True)[0].value == "2023-10-23"
    assert find_dates("Signed last Monday, it will take effect.", 0, ref, future=True)[0].value == "2023-10-16"


def test_dates_none_without_expression() -> None:
    assert find_dates("Police raided the office.", 0, dt.date(2023, 10, 18)) == []


def test_dates_may_the_verb_is_not_a_month() -> None:
    assert find_dates("Officials may raid the office.", 0, dt.date(2023, 10, 18)) == []
    assert find_dates("It happened in May.", 0, dt.date(2023, 10, 18))[0].value == "2023-05"


def test_dates_explicit_beats_weekday_next_to_it() -> None:
    found = find_dates("On Friday (March 17), the ministry spoke.", 0, dt.date(2023, 3, 20))
    assert [d.value for d in found] == ["2023-03-17"]


def test_dates_without_published_use_anchor_year() -> None:
    found = find_dates("On 6 September, a court acted.", 0, None, anchor="2022-09-15")
    assert found[0].value == "2022-09-06"
    assert find_dates("On 6 September, a court acted.", 0, None) == []


def test_dates_offsets_point_into_text() -> None:
    text = "Intro. It happened on March 17, 2023."
    for d in find_dates(text[7:], 7, dt.date(2023, 10, 18)):
        assert text[d.start:d.end] == d.text
