"""More date resolution: anchored sub-day and vague spans, undated news, and dates that belong
to another event than the trigger's (asides, "since"/relative clauses, nouns)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract.date_expressions import dateline_date, find_dates
from ingest.extract.pipeline import Extractor
from tests.helpers import events_in_text

# (anchor, phrase, expected) : counted from the previous event's date
ANCHORED = [
    ("2023-04-10", "Hours later, the ministry blocked the site.", "2023-04-10"),
    ("2023-04-10", "Less than two hours later, a second man was jailed.", "2023-04-10"),
    ("2023-04-10", "Thirty minutes later the court fined the firm.", "2023-04-10"),
    ("2023-04", "Hours later, the ministry blocked the site.", "2023-04"),
    ("2023-04-10", "Days later, the office was closed.", "2023-04"),
    ("2023-04-29", "A few days later, the office was closed.", "2023-05"),
    ("2023-04-10", "Several weeks later, the office was closed.", "2023-04"),
    ("2023-03", "Days later, the office was closed.", "2023-03"),
    # a part of the anchor's day, or the same time as the event before
    ("2023-04-10", "The same morning, officers searched the office.", "2023-04-10"),
    ("2023-04-10", "That night, officers searched the office.", "2023-04-10"),
    ("2023-04", "At the same time, officers searched the office.", "2023-04"),
]


@pytest.mark.parametrize(("anchor", "phrase", "expected"), ANCHORED)
def test_dates_anchored_spans(anchor: str, phrase: str, expected: str) -> None:
    found = find_dates(phrase, 0, dt.date(2023, 10, 18), anchor=anchor)
    assert [d.value for d in found] == [expected]


def test_dates_hours_after_clause_is_the_anchor_day() -> None:
    found = find_dates("Hours after the raid, the ministry blocked the site.", 0, dt.date(2023, 5, 19),
                       anchor="2023-05-18")
    assert found[0].value == "2023-05-18" and found[0].inverse == "2023-05-18"


def test_dates_hours_after_a_weekday_counts_from_that_day() -> None:
    found = find_dates("He was held on Sunday evening, minutes after landing.", 0, dt.date(2021, 1, 18))
    assert [(d.text, d.value) for d in found] == [("Sunday", "2021-01-17"), ("minutes after", "2021-01-17")]


def test_dates_dateline_date_span() -> None:
    text = "TUNIS, 27 July 2021 (Maghreb Wire) — Police stormed the bureau on Monday."
    span = dateline_date(text)
    assert span is not None and text[span[0]:span[1]] == "27 July 2021"
    assert dateline_date("Police stormed the bureau on Monday, 27 July 2021 — witnesses said.") is None


# (published, phrase, event date for the clause after "after") : no event date precise enough
# to count from, so the sentence's own event is taken as the news of the day
@pytest.mark.parametrize(("published", "phrase", "expected"), [
    ("2023-04-26", "The vote came a month after police raided the office.", "2023-03"),
    ("2024-01-15", "The ruling came two weeks after police searched the office.", "2024-01-01"),
])
def test_dates_after_clause_without_anchor_counts_from_publication(published: str, phrase: str,
                                                                   expected: str) -> None:
    found = find_dates(phrase, 0, dt.date.fromisoformat(published), anchor="2014")
    assert found[0].inverse == expected


# (published, text, event type, expected date) : through the whole extractor
DOCS = [
    # no time in the text: null - the publication date is never a silent default
    ("2021-12-29", "Officers searched the home of John Doe, a reporter, and took him away for questioning.",
     "Raid", None),
    # a past perfect inside reported speech, also when coordinated
    ("2023-10-11", "The Ministry of State Security said Jane Roe had been sentenced to two years in prison "
                   "and that she had been deported.", "Expulsion", "2023-10"),
    # a present perfect is the news of the day, not the year in an aside between dashes
    ("2021-04-10", "Chinese regulators have fined Acme Corp 18 billion yuan - around 4 per cent of its "
                   "revenues in 2019 - for abusing its market position.", "Fine", "2021-04-10"),
    # a narrative goes on from an event dated by the sentence before it
    ("2024-09-23", "On September 19, the court heard the case.\n\nJohn Doe was jailed for a year.\n\n"
                   "Less than two hours later, Richard Roe was sentenced to ten months in prison.",
     "Sentence", "2024-09-19"),
    # a state that began on the date "since" gives: the detention's date, not the report's
    ("2024-05-28", "Jane Roe has been in custody since September 2021, her lawyers said.", "Detention", "2021-09"),
    # "hours after" counts from the weekday the sentence gives, not from the publication day
    ("2025-10-25", "A court placed the broadcaster Northgate TV under a state fund late on Friday, hours after "
                   "police searched its studios and detained its editor, John Doe.", "Detention", "2025-10-24"),
    # the dateline's date is the day the story was filed: the weekday dates the event
    ("2023-04-27", "BEIJING, April 27 — The national legislature on Wednesday approved a revised version of the "
                   "Data Security Law, with the new rules to apply from July 1.", "LawRevision", "2023-04-26"),
    ("2021-07-27", "TUNIS, 27 July 2021 — Plainclothes police stormed the bureau of Harbour Radio on Monday, "
                   "ordered every journalist out of the building and took the keys.", "Raid", "2021-07-26"),
    # and with no other date in the sentence it still dates the news of the day
    ("2023-04-27", "BEIJING, April 27 (Harbour Wire) — Lawmakers have approved a revised version of the "
                   "Counter-Espionage Law.", "LawRevision", "2023-04-27"),
]


def test_event_dates_also_continues_the_episode(extractor: Extractor) -> None:
    """An undated sentence told as more of the same episode ("was also arrested") takes the date
    of the event told before it; one that is not is dated only by the story, as a guess."""
    text = ("Police arrested John Doe on 12 March in Lisbon. He denies wrongdoing.\n\n"
            "Richard Roe, a prosecutor, was also arrested, accused of leaking information.")
    evs = events_in_text(extractor, text, "Arrest", "2022-07-30")
    assert {e["date"] for e in evs} == {"2022-03-12"} and len(evs) == 2, evs
    assert sorted(e["date_basis"] for e in evs) == ["narrative", "sentence"], evs
    plain = text.replace("was also arrested", "was arrested")
    evs = events_in_text(extractor, plain, "Arrest", "2022-07-30")
    assert {e["date"] for e in evs} == {"2022-03-12"} and len(evs) == 2, evs
    assert sorted(e["date_basis"] for e in evs) == ["sentence", "story"], evs


@pytest.mark.parametrize(("published", "text", "etype", "expected"), DOCS)
def test_event_dates_in_documents(extractor: Extractor, published: str, text: str, etype: str,
                                  expected: str) -> None:
    evs = events_in_text(extractor, text, etype, published)
    assert evs, text
    assert all(e["date"] == expected for e in evs), evs


def test_since_clause_date_is_not_the_event_date(extractor: Extractor) -> None:
    text = ("Richard Roe, a German manager at the firm, has been barred from leaving China since the "
            "revised Counter-Espionage Law came into force in July 2023, the company said.")
    evs = events_in_text(extractor, text, "ExitBan", "2024-03-15")
    assert evs and all(e["date"] != "2023-07" for e in evs)


def test_past_perfect_background_stays_undated(extractor: Extractor) -> None:
    text = "Richard Roe had been detained by police before the trial."
    evs = events_in_text(extractor, text, "Detention", "2024-03-15")
    assert evs and all(e["date"] is None for e in evs)


def test_event_dates_year_before_another_noun_is_not_the_date(extractor: Extractor) -> None:
    """"the 1989 crackdown" dates the crackdown: a re-mention dated so would not fold into the
    event it repeats. The trigger's own year ("the 2019 raid") still dates it."""
    text = "Police arrested Jane Roe ahead of the anniversary of the 1989 crackdown."
    evs = events_in_text(extractor, text, "Arrest", "2024-05-28")
    assert [e["date"] for e in evs] == [None], evs
    own = events_in_text(extractor, "The 2019 raid on the offices of Acme Consulting was the first of many.",
                         "Raid", "2024-05-28")
    assert [e["date"] for e in own] == ["2019"], own
    law = events_in_text(extractor, "The rule builds on the 2012 foreign agents law, which the Duma passed.",
                         "LawRevision", "2015-05-23")
    assert [e["date"] for e in law] == ["2012"], law  # a law's own year is its adoption date


def test_event_dates_previous_sentence_gives_its_own_event_date(extractor: Extractor) -> None:
    """An undated sentence goes on from the date of the event the sentence before tells, not from
    a year in that sentence's relative clause ("who covered the 2021 protests")."""
    text = ("Two reporters who covered the 2021 protests were detained on Monday, ending months of pressure.\n\n"
            "Police searched the office of Acme News and seized its computers.")
    evs = events_in_text(extractor, text, "Raid", "2024-07-16")
    assert [e["date"] for e in evs] == ["2024-07-15"], evs


def test_event_dates_previous_sentence_relative_clause_date_is_not_taken(extractor: Extractor) -> None:
    """A previous sentence whose only date lies in a relative clause ("who was freed in January")
    dates nothing after it."""
    text = ("John Doe, who was freed in January after four years in prison, told reporters he would appeal.\n\n"
            "Jane Roe was barred from leaving the country.")
    evs = events_in_text(extractor, text, "ExitBan", "2006-04-26")
    assert evs and all(e["date"] != "2006-01" for e in evs), evs


def test_event_dates_year_after_law_name_is_part_of_the_name(extractor: Extractor) -> None:
    """"the X Act, 2006" names the law of 2006: the conviction is not dated 2006."""
    text = ("A judge convicted John Doe under section 57 of the Information and Communication "
            "Technology Act, 2006.")
    evs = events_in_text(extractor, text, "Sentence", "2023-09-15")
    assert evs and all(e["date"] != "2006" for e in evs), evs
    text = "The tribunal on Thursday sent Jane Roe to prison.\n\n" + text
    evs = events_in_text(extractor, text, "Sentence", "2023-09-15")
    assert {e["date"] for e in evs} == {"2023-09-14"}, evs


class _NoEntities:
    """An entity index that knows no names: the dater then sees only the parse."""

    def at(self, tok: object) -> None:
        return None


def test_event_dates_relative_clause_of_the_trigger_noun_dates_it(extractor: Extractor) -> None:
    """"a case the police registered in 2019": the relative clause tells the case's own event,
    while a relative clause of another noun still does not date the trigger."""
    from ingest.extract.event_dates import EventDater
    from ingest.extract.triggers import load_config

    for text, trigger, expected in [
        ("The ban is linked to a case the police registered in 2019 against Acme Trust.", "case", "2019"),
        ("Police opened a case against John Doe, who was freed in 2019.", "case", None),
    ]:
        doc = extractor.nlp(text)
        dater = EventDater(doc, _NoEntities(), dt.date(2022, 4, 7), load_config())  # type: ignore[arg-type]
        tok = next(t for t in doc if t.lower_ == trigger)
        found = dater._nearest(tok, dater.dates_of(tok.sent), set())
        assert (found.value if found else None) == expected, text


def test_event_dates_noun_under_a_participle_takes_the_verb_date(extractor: Extractor) -> None:
    """"on Wednesday ordered ..., converting her term into a suspended sentence": the sentence
    the participle tells is dated by the verb it hangs from."""
    text = ("The Supreme Court on Wednesday ordered the release of Jane Roe, converting her seven-year "
            "prison term into a suspended sentence of three years.")
    evs = events_in_text(extractor, text, "Sentence", "2016-05-25")
    assert evs and {e["date"] for e in evs} == {"2016-05-25"}, evs
