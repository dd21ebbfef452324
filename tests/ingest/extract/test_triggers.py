"""More trigger forms and date expressions, on our own sentences: designations without "as",
closures ordered in a small clause, law changes told in relative clauses and participles,
proposals that are not changes, dates counted from another date, and the ninth step's wordings
(suspensions, blocked sites, boarding or travel stopped, put on a flight; their look-alikes are
in test_events_recall's non-events) and two non-events (a diplomat summoned, an act asked for)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.extract.date_expressions import find_dates
from ingest.extract.pipeline import Extractor
from tests.helpers import (
    events_in_text,
)


@pytest.mark.parametrize(("text", "target"), [
    ("The Justice Ministry declared the Baltic Research Fund an extremist organisation in March.",
     "Baltic Research Fund"),
    ("The Justice Ministry labelled Echo Weekly a foreign agent in 2021.", "Echo Weekly"),
    ("Last year prosecutors declared the news site Echo Weekly undesirable.", "Echo Weekly"),
    ("Readers trust Echo Weekly, a newspaper that Moscow has designated a terrorist organisation.",
     "Echo Weekly"),
])
def test_designation_without_as_is_a_sanction(extractor: Extractor, text: str, target: str) -> None:
    found = events_in_text(extractor, text, "Sanction")
    assert found and target in found[0]["targets"], text


def test_declaring_something_else_is_not_a_sanction(extractor: Extractor) -> None:
    assert not events_in_text(extractor, "The governor declared a state of emergency in Harbor County on Monday.",
                              "Sanction")


@pytest.mark.parametrize(("text", "target"), [
    ("A court ordered the Baltic Research Fund dissolved in March.", "Baltic Research Fund"),
    ("Last month a court ordered the Jesuit University to be shut down.", "Jesuit University"),
    ("The Interior Ministry stripped Harbor Aid of its legal status on Tuesday.", "Harbor Aid"),
])
def test_closure_forms(extractor: Extractor, text: str, target: str) -> None:
    found = events_in_text(extractor, text, "Closure")
    assert found and target in found[0]["targets"], text


def test_closure_ordered_in_small_clause_has_the_orderer_as_agent(extractor: Extractor) -> None:
    found = events_in_text(extractor, "In March the Interior Ministry ordered the offices of Acme Consulting closed.",
                           "Closure")
    assert found and found[0]["agents"] and "Acme Consulting" not in found[0]["agents"]


def test_blocked_from_leaving_is_an_exit_ban(extractor: Extractor) -> None:
    found = events_in_text(extractor, "Anna Petrova was blocked from leaving China in 2019.", "ExitBan")
    assert found and found[0]["date"] == "2019"


def test_travel_ban_beside_asset_freeze_is_no_exit_ban(extractor: Extractor) -> None:
    text = "Ministers approved asset freezes and travel bans on Zhang Wei and Li Ming on Monday."
    assert not events_in_text(extractor, text, "ExitBan")


def test_in_the_custody_of_is_a_detention(extractor: Extractor) -> None:
    found = events_in_text(extractor, "Tom Baker was in the custody of the Harbin State Security Bureau in May.",
                           "Detention")
    assert found and "Tom Baker" in found[0]["targets"]


def test_modifier_noun_is_no_event(extractor: Extractor) -> None:
    text = "Li Ming studied the detention camps of the region for the Orion Institute in 2019."
    assert not events_in_text(extractor, text, "Detention")


@pytest.mark.parametrize(("text", "law", "date"), [
    ("The listings were the first under the Global Rights Sanctions Regime, which the bloc adopted in December.",
     "Global Rights Sanctions Regime", "2023-12"),
    ("The National Security Act, which received royal assent in July 2023, created new offences.",
     "National Security Act", "2023-07"),
    ("Under the Data Security Law, signed by President Xi Jinping in July, firms must store data locally.",
     "Data Security Law", "2023-07"),
    ("Adopted by lawmakers in November 2014, the Counter-Espionage Law is a special law.",
     "Counter-Espionage Law", "2014-11"),
    ("Beijing imposed the National Security Law on the city in June 2020.", "National Security Law", "2020-06"),
])
def test_law_revision_in_relative_clauses_and_participles(extractor: Extractor, text: str, law: str,
                                                          date: str) -> None:
    found = events_in_text(extractor, text, "LawRevision")
    assert found and law in found[0]["laws"] and found[0]["date"] == date, text


def test_law_taking_effect_gets_its_effective_date(extractor: Extractor) -> None:
    found = events_in_text(extractor,
                           "The revised Counter-Espionage Law, which was adopted in April, takes effect on 1 July.",
                           "LawRevision")
    assert len(found) == 1
    assert found[0]["date"] == "2024-04" and found[0]["effective"] == "2024-07-01"


@pytest.mark.parametrize("text", [
    "An earlier attempt to pass the Data Security Law was shelved in 2003.",
    "Lawmakers are reviewing a draft revision of the Data Security Law.",
    "Readers know the Beijing-imposed National Security Law well.",
])
def test_law_proposals_and_names_are_no_revision(extractor: Extractor, text: str) -> None:
    assert not events_in_text(extractor, text, "LawRevision"), text


def test_after_clause_dates_the_earlier_event(extractor: Extractor) -> None:
    text = ("Police raided the offices of Acme Consulting in Shanghai on Monday. "
            "The raid came six months after authorities froze the assets of Apple Daily, another newspaper.")
    found = events_in_text(extractor, text, "Sanction")
    assert found and found[0]["date"] == "2023-11"


@pytest.mark.parametrize(("phrase", "anchor", "expected"), [
    ("He was arrested in October last year.", None, "2023-10"),
    ("The licence was revoked on 3 June last year.", None, "2023-06-03"),
    ("It reopened in March this year.", None, "2024-03"),
    ("In 2020 the office closed, and it was searched the following year.", "2024-01-09", "2021"),
    ("He was detained on March 3 and charged the following day.", None, "2024-03-04"),
    ("The United States sanctioned them on the same day.", "2024-03-22", "2024-03-22"),
    ("Several employees were detained that month.", "2024-02-11", "2024-02"),
])
def test_dates_counted_from_another_date(phrase: str, anchor: str | None, expected: str) -> None:
    found = find_dates(phrase, 0, dt.date(2024, 5, 15), anchor=anchor)
    assert found and found[-1].value == expected, phrase


def test_dates_after_clause_keeps_the_inverse() -> None:
    found = find_dates("The raid came six months after police froze its assets.", 0, dt.date(2024, 5, 15),
                       anchor="2024-05-13")
    assert found[0].value == "2024-11" and found[0].inverse == "2023-11"


# -- ninth step: wordings the lexicon lacked, and two non-events (our own sentences) ----------

@pytest.mark.parametrize(("text", "etype", "target"), [
    ("The media regulator suspended the licence of Harbor Radio for three months on Friday.", "Closure",
     "Harbor Radio"),
    ("On Wednesday a judge ordered the suspension of the Green Future Party.", "Closure", "Green Future Party"),
    ("The regulator blocked the website of Echo Weekly in March.", "Closure", "Echo Weekly"),
    ("Border guards stopped Tom Baker from boarding a flight to London on Monday.", "ExitBan", "Tom Baker"),
    ("Immigration officers held Tom Baker overnight and put him on a flight to London on Friday.", "Expulsion",
     "Tom Baker"),
])
def test_triggers_new_wordings_are_events(extractor: Extractor, text: str, etype: str, target: str) -> None:
    found = events_in_text(extractor, text, etype)
    assert found and any(target in e["targets"] for e in found), (text, found)


def test_triggers_diplomat_summoned_is_no_questioning(extractor: Extractor) -> None:
    assert not events_in_text(extractor, "The Foreign Ministry summoned Ambassador Anna Petrova on Monday.",
                              "Questioning")
    found = events_in_text(extractor, "Police summoned Tom Baker for talks on Monday.", "Questioning")
    assert found and "Tom Baker" in found[0]["targets"]


def test_triggers_asking_for_an_act_is_no_act(extractor: Extractor) -> None:
    assert not events_in_text(extractor, "Prosecutors asked the court to freeze the assets of Tom Baker in May.",
                              "Sanction")
    found = events_in_text(extractor, "The court froze the assets of Tom Baker in May.", "Sanction")
    assert found and "Tom Baker" in found[0]["targets"]


# -- twelfth step: a context word must be another word than the trigger ----------------------

def test_triggers_listing_offences_is_no_sanction(extractor: Extractor) -> None:
    """"list" is among the listing words a listing needs around it; the verb itself does not
    count, so listing offences or shares is no sanction."""
    for text in ("The prosecutor, Anna Petrova, listed the offences Tom Baker now faces.",
                 "Harbor Holdings listed its shares in New York in June."):
        assert not events_in_text(extractor, text, "Sanction"), text


def test_triggers_listing_with_a_listing_word_is_a_sanction(extractor: Extractor) -> None:
    found = events_in_text(extractor, "The Justice Ministry listed Echo Weekly as a foreign agent on Friday.",
                           "Sanction")
    assert found and "Echo Weekly" in found[0]["targets"]


# -- fourteenth step: closures and fines the lexicon lacked (our own sentences) --------------

@pytest.mark.parametrize(("text", "etype", "target"), [
    ("On Thursday a magistrate ordered Harbor Holdings to pay 3 million roubles.", "Fine", "Harbor Holdings"),
    ("Harbor Holdings was ordered on Monday to pay $3,000,000 to the Treasury.", "Fine", "Harbor Holdings"),
    ("The competition watchdog hit Harbor Holdings with a 200 million euro penalty on Monday.", "Fine",
     "Harbor Holdings"),
    ("The broadcasting regulator took Harbor Radio off the air on Tuesday.", "Closure", "Harbor Radio"),
    ("In March the Media Authority ordered Echo Weekly off the news-stands.", "Closure", "Echo Weekly"),
    ("Police searched the newsroom and sealed the office of Echo Weekly on Friday.", "Closure", "Echo Weekly"),
])
def test_triggers_fourteenth_step_wordings_are_events(extractor: Extractor, text: str, etype: str,
                                                      target: str) -> None:
    found = events_in_text(extractor, text, etype)
    assert found and any(target in e["targets"] for e in found), (text, found)


def test_triggers_ordered_to_pay_a_fine_is_one_fine_with_its_agent(extractor: Extractor) -> None:
    """"ordered X to pay a fine": the noun's rule reads it (with the court as its agent); the
    verb's rule stands aside, so the sentence holds one Fine."""
    found = events_in_text(extractor, "The Harbor District Court ordered Tom Baker to pay a fine of $5,000 on Monday.",
                           "Fine")
    assert len(found) == 1 and "Tom Baker" in found[0]["targets"], found
    assert found[0]["agents"] == ["Harbor District Court"], found
