"""Event extraction on our own sentences: every type in active, passive and nominal form,
and the mentions that are not events (negated, denied, hypothetical, future)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ingest.extract.pipeline import Extractor
from ingest.records import Document


def run(extractor: Extractor, text: str, published: str = "2024-05-15") -> dict[str, Any]:
    doc = Document(id="t", text=text, published=dt.date.fromisoformat(published))
    return extractor.extract(doc).to_schema()


def events_of(result: dict[str, Any], etype: str) -> list[dict[str, Any]]:
    return [e for e in result["events"] if e["type"] == etype]


def names(result: dict[str, Any], value: str) -> set[str]:
    """Every name of the entity that has ``value`` among its names."""
    for e in result["entities"]:
        if value in [e["name"], *e["aliases"]]:
            return {e["name"], *e["aliases"]}
    return {value}


# (type, sentence, expected target) -- active, passive and nominal form of each type
CASES = [
    ("Raid", "Police raided the offices of Acme Consulting in Shanghai on Monday.", "Acme Consulting"),
    ("Raid", "The offices of Acme Consulting were raided by police on Monday.", "Acme Consulting"),
    ("Raid", "Officers carried out a raid on Acme Consulting on Monday.", "Acme Consulting"),
    ("Detention", "State security officers detained Zhang Wei on Monday.", "Zhang Wei"),
    ("Detention", "Zhang Wei was detained by state security officers on Monday.", "Zhang Wei"),
    ("Detention", "The detention of Zhang Wei on Monday drew protests.", "Zhang Wei"),
    ("Arrest", "The FBI arrested John Carter in Boston on Tuesday.", "John Carter"),
    ("Arrest", "John Carter was arrested by the FBI on Tuesday.", "John Carter"),
    ("Arrest", "The arrest of John Carter by the FBI came on Tuesday.", "John Carter"),
    ("Questioning", "Police questioned staff at Acme Consulting's Beijing office.", "Acme Consulting"),
    ("Questioning", "Maria Lopez was questioned by police for six hours.", "Maria Lopez"),
    ("Questioning", "Two Acme Consulting employees were taken in for questioning.", "Acme Consulting"),
    ("Investigation", "The Cyberspace Administration of China investigated Orion Chips last year.",
     "Orion Chips"),
    ("Investigation", "Orion Chips was investigated by the Cyberspace Administration of China last year.",
     "Orion Chips"),
    ("Investigation", "The regulator launched an investigation into Orion Chips in March.", "Orion Chips"),
    ("Charge", "Prosecutors charged Maria Lopez with espionage on Friday.", "Maria Lopez"),
    ("Charge", "Maria Lopez was charged with espionage under the Official Secrets Act.", "Maria Lopez"),
    ("Charge", "The indictment of Maria Lopez was unsealed on Friday.", "Maria Lopez"),
    ("Sentence", "A Beijing court sentenced Li Ming to ten years in prison.", "Li Ming"),
    ("Sentence", "Li Ming was sentenced to ten years in prison on Friday.", "Li Ming"),
    ("Sentence", "Li Ming was handed a ten-year sentence on Friday.", "Li Ming"),
    ("Fine", "The State Administration for Market Regulation fined Orion Chips $2 million.", "Orion Chips"),
    ("Fine", "Orion Chips was fined $2 million by the regulator.", "Orion Chips"),
    ("Fine", "The regulator imposed a fine of $2 million on Orion Chips.", "Orion Chips"),
    ("ExitBan", "Authorities barred Tom Baker from leaving China.", "Tom Baker"),
    ("ExitBan", "Tom Baker has been barred from leaving China.", "Tom Baker"),
    ("ExitBan", "An exit ban was imposed on Tom Baker in April.", "Tom Baker"),
    ("Closure", "Authorities closed the Beijing office of Acme Consulting.", "Acme Consulting"),
    ("Closure", "Acme Consulting's Beijing office was closed by authorities in March.", "Acme Consulting"),
    ("Closure", "The regulator ordered the closure of Acme Consulting's Beijing office.", "Acme Consulting"),
    ("Expulsion", "Russia expelled Anna Schmidt, a German diplomat, on Monday.", "Anna Schmidt"),
    ("Expulsion", "Anna Schmidt was expelled from Russia on Monday.", "Anna Schmidt"),
    ("Expulsion", "The expulsion of Anna Schmidt was announced on Monday.", "Anna Schmidt"),
    ("Sanction", "The Treasury Department sanctioned Orion Chips on Monday.", "Orion Chips"),
    ("Sanction", "Orion Chips was added to the entity list by the Commerce Department.", "Orion Chips"),
    ("Sanction", "The Treasury Department imposed sanctions on Orion Chips.", "Orion Chips"),
]

LAW_CASES = [
    "Lawmakers adopted the Counter-Espionage Law on Wednesday.",
    "The Data Security Law was passed by the National People's Congress in June.",
    "The revision of the Data Security Law was approved in June.",
]


@pytest.mark.parametrize(("etype", "sentence", "target"), CASES,
                         ids=[f"{c[0]}-{i % 3}" for i, c in enumerate(CASES)])
def test_events_type_and_target(extractor: Extractor, etype: str, sentence: str, target: str) -> None:
    result = run(extractor, sentence)
    found = events_of(result, etype)
    assert found, f"no {etype} in {result['events']}"
    assert any(target in names(result, t) for ev in found for t in ev["targets"]), found


@pytest.mark.parametrize("sentence", LAW_CASES)
def test_events_law_revision(extractor: Extractor, sentence: str) -> None:
    found = events_of(run(extractor, sentence), "LawRevision")
    assert found and found[0]["laws"]


def test_events_law_revision_in_reduced_relative_tagged_past_tense(extractor: Extractor) -> None:
    """"a National Security Law passed in July 2015": the parser tags "passed" as a past tense
    modifying the noun; a subjectless verb in that place is a passive participle."""
    text = "The law is the latest in a run of security laws, following a National Security Law passed in July 2015."
    found = events_of(run(extractor, text, "2016-01-10"), "LawRevision")
    assert [(e["laws"], e["date"]) for e in found] == [(["National Security Law"], "2015-07")], found


def test_events_law_revision_effective_date(extractor: Extractor) -> None:
    text = "Lawmakers on Wednesday adopted the revised Counter-Espionage Law, which will take effect on July 1."
    found = events_of(run(extractor, text, "2023-04-27"), "LawRevision")
    assert len(found) == 1
    assert found[0]["date"] == "2023-04-26"
    assert found[0]["effective"] == "2023-07-01"


def test_events_agent_active_and_passive(extractor: Extractor) -> None:
    active = run(extractor, "The FBI arrested John Carter in Boston on Tuesday.")
    passive = run(extractor, "John Carter was arrested by the FBI on Tuesday.")
    for result in (active, passive):
        ev = events_of(result, "Arrest")[0]
        assert "FBI" in names(result, ev["agents"][0])


def test_events_bare_authorities_named_by_jurisdiction(extractor: Extractor) -> None:
    text = "Authorities in Beijing detained five employees of Acme Consulting in March."
    ev = events_of(run(extractor, text), "Detention")[0]
    assert ev["agents"] == ["Chinese authorities"]


@pytest.mark.parametrize("sentence", [
    "Police did not detain anyone from Acme Consulting.",
    "The ministry denied detaining John Carter.",
    "Acme Consulting could face fines under the new rules.",
    "If convicted, John Carter could be sentenced to ten years.",
    "Police will question Tom Baker next week.",
    "Officers searched the building without detaining Maria Lopez.",
    "Analysts warned that regulators may raid Acme Consulting.",
    "Acme Consulting fears the arrest of John Carter.",
])
def test_events_negated_or_hypothetical_is_no_event(extractor: Extractor, sentence: str) -> None:
    result = run(extractor, sentence)
    kinds = {"Detention", "Fine", "Sentence", "Questioning", "Raid", "Arrest"}
    assert not [e for e in result["events"] if e["type"] in kinds], result["events"]


def test_events_same_event_twice_is_one(extractor: Extractor) -> None:
    text = ("Police raided the offices of Acme Consulting on Monday. "
            "The raid on Acme Consulting lasted six hours.")
    assert len(events_of(run(extractor, text), "Raid")) == 1


def test_events_staff_of_firm_target_the_firm(extractor: Extractor) -> None:
    text = ("Acme Consulting opened in 2010. Police detained five of its staff on Monday.")
    ev = events_of(run(extractor, text), "Detention")[0]
    assert ev["targets"] == ["Acme Consulting"]


def test_events_evidence_is_the_sentence(extractor: Extractor) -> None:
    text = "Markets were calm.\nPolice raided the offices of Acme Consulting on Monday.\nNo one was hurt."
    ev = events_of(run(extractor, text), "Raid")[0]
    assert text[ev["evidence_start"]:ev["evidence_end"]] == ev["evidence"]
    assert ev["evidence"] == "Police raided the offices of Acme Consulting on Monday."
    assert ev["date"] == "2024-05-13"


def test_events_dateline_is_not_the_agent(extractor: Extractor) -> None:
    text = "SHANGHAI — Officers of the Shanghai State Security Bureau raided the office of Acme Consulting on Monday."
    ev = events_of(run(extractor, text), "Raid")[0]
    assert ev["agents"] == ["Shanghai State Security Bureau"]
    assert ev["evidence"].startswith("Officers")


def test_events_named_court_is_the_sentencing_agent(extractor: Extractor) -> None:
    text = ("The Beijing No. 3 Intermediate People's Court heard the case in May. "
            "A Chinese court on Friday sentenced Li Ming to ten years in prison.")
    ev = events_of(run(extractor, text), "Sentence")[0]
    assert ev["agents"] == ["Beijing No. 3 Intermediate People's Court"]


def test_events_fine_to_pay_targets_the_payer(extractor: Extractor) -> None:
    text = "The ministry ordered Orion Chips and Acme Consulting to pay fines of $2 million."
    ev = events_of(run(extractor, text), "Fine")[0]
    assert set(ev["targets"]) == {"Orion Chips", "Acme Consulting"}


def test_events_unnamed_employee_described_by_employer(extractor: Extractor) -> None:
    text = ("The woman, identified by local media as an employee of Orion Chips, was detained "
            "in June 2023 and placed under formal arrest in September.")
    result = run(extractor, text)
    assert events_of(result, "Detention")[0]["targets"] == ["Orion Chips"]
    assert events_of(result, "Arrest")[0]["targets"] == ["Orion Chips"]


def test_events_when_clause_actor_is_the_agent(extractor: Extractor) -> None:
    text = ("Li Ming was detained in May 2022, when officers of the Hangzhou State Security Bureau "
            "searched the offices of Acme Consulting.")
    ev = events_of(run(extractor, text), "Detention")[0]
    assert ev["agents"] == ["Hangzhou State Security Bureau"]


def test_events_agentless_sentence_takes_the_named_court(extractor: Extractor) -> None:
    text = ("Tom Baker has been sentenced to six years in prison for spying. "
            "The verdict was read out at the Shenyang Intermediate People's Court.")
    ev = events_of(run(extractor, text), "Sentence")[0]
    assert ev["agents"] == ["Shenyang Intermediate People's Court"]


def test_events_ordered_to_pay_fines_agent_is_the_orderer(extractor: Extractor) -> None:
    text = ("The Ministry of Commerce met on Monday. The ministry ordered Orion Chips to pay fines "
            "of $2 million.")
    ev = events_of(run(extractor, text), "Fine")[0]
    assert ev["agents"] == ["Ministry of Commerce"]


def test_events_present_perfect_dated_to_publication_day(extractor: Extractor) -> None:
    ev = events_of(run(extractor, "Regulators have fined Orion Chips $2 million.", "2024-05-15"), "Fine")[0]
    assert ev["date"] == "2024-05-15"


def test_events_reported_past_perfect_dated_to_publication_month(extractor: Extractor) -> None:
    text = "Markets were calm.\nThe FSB said it had opened a criminal case against Tom Baker."
    ev = events_of(run(extractor, text, "2024-05-15"), "Investigation")[0]
    assert ev["date"] == "2024-05"


def test_events_case_against_under_a_for_phrase(extractor: Extractor) -> None:
    text = "The FSB said on Monday that it had opened a criminal case for alleged treason against Tom Baker."
    ev = events_of(run(extractor, text), "Investigation")[0]
    assert ev["targets"] == ["Tom Baker"]
    assert ev["agents"] == ["FSB"]


@pytest.mark.parametrize("text", [
    "Police raided Acme Consulting on Monday. Acme Consulting is a corporate-investigations firm.",
    "Police raided Acme Consulting on Monday. The firm was told to stop conducting such investigations.",
])
def test_events_investigation_nouns_that_open_no_probe(extractor: Extractor, text: str) -> None:
    assert not events_of(run(extractor, text), "Investigation")


def test_events_regulator_found_after_investigation(extractor: Extractor) -> None:
    text = ("The regulator fined Orion Chips $2 million on Monday. The Ministry of Finance found after "
            "investigation that its accounts were false.")
    ev = events_of(run(extractor, text), "Investigation")[0]
    assert ev["targets"] == ["Orion Chips"]
    assert ev["agents"] == ["Ministry of Finance"]


def test_events_a_trigger_without_target_is_kept_pending_not_as_an_event(extractor: Extractor) -> None:
    from ingest.extract.events import EventExtractor
    from ingest.extract.linking import link_entities

    doc = extractor.nlp("Maria Kalesnikava and Maksim Znak were sentenced on Friday. Both were detained in "
                        "September 2020. An investigating judge heard the case.")
    ex = EventExtractor(doc, link_entities(doc), dt.date(2021, 11, 15))
    events = ex.run()
    assert [(e.type, [c.name for c in e.targets]) for e in events] == [
        ("Sentence", ["Maria Kalesnikava", "Maksim Znak"])]
    assert [(e.type, e.trigger.text, e.targets) for e in ex.pending] == [("Detention", "detained", [])]
    assert ex.pending[0].date == "2020-09"  # dated as every event is; "an investigating judge" is no event
    doc = extractor.nlp("Acme Consulting was raided. The firm was told to stop conducting such investigations.")
    ex = EventExtractor(doc, link_entities(doc), None)
    assert [e.type for e in ex.run()] == ["Raid"] and ex.pending == []  # not a probe the rules would count
