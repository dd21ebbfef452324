"""The graph writer's pure part: ids and the rows it sends (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.graph import identity
from ingest.graph.rows import plan
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from ontology import load

NOW = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
TEXT = "Officers raided Bain & Company's Shanghai office. The MSS said so."


def _extraction(**event: object) -> Extraction:
    ev = {"type": "Raid", "date": "2023-04", "agents": ["MSS"], "targets": ["Bain & Company"],
          "location": "Shanghai", "laws": ["Counter-Espionage Law"],
          "evidence": Evidence(text=TEXT[:49], start=0, end=49), **event}
    return Extraction(
        document=Document(id="d1", text=TEXT, title="t", published=dt.date(2023, 4, 27)),
        entities=[ExtractedEntity(name="Bain & Company", type="Company", aliases=["Bain"], country="US"),
                  ExtractedEntity(name="Ministry of State Security", type="GovernmentBody", aliases=["MSS"],
                                  country="CN")],
        events=[ExtractedEvent.model_validate(ev)],
    )


def test_normalised_names() -> None:
    assert identity.normalise_name("The Bain & Company, Inc.") == "bain company"
    assert identity.normalise_name("Capvision's") == "capvision"
    assert identity.normalise_name("Mintz Group LLC") == identity.normalise_name("mintz group")


def test_ids_are_stable_and_deterministic() -> None:
    a = identity.entity_id("Company", "Mintz Group LLC")
    assert a == identity.entity_id("Company", "the Mintz Group") and a.startswith("company-")
    assert a != identity.entity_id("Organization", "Mintz Group")
    assert identity.entity_id("Company", "X", "gaz:1") == identity.entity_id("Company", "Other name", "gaz:1")
    e = identity.event_id("Raid", ["b", "a"], "2023-03")
    assert e == identity.event_id("Raid", ["a", "b", "a"], "2023-03") and e.startswith("raid-")
    assert e != identity.event_id("Raid", ["a", "b"], "2023-03-20")
    assert identity.event_id("ExitBan", ["a"], None).startswith("exit-ban-")
    law_rev = identity.event_id("LawRevision", [], "2023-04-26", law_ids=["law-1"])
    assert law_rev != identity.event_id("LawRevision", [], "2023-04-26", law_ids=["law-2"])
    assert identity.event_id("Raid", [], None, document_id="a") != identity.event_id("Raid", [], None, document_id="b")


def test_plan_resolves_arguments_and_takes_labels_from_the_ontology() -> None:
    rows = plan(_extraction(), ingested_at=NOW)
    onto = load()
    by_name = {r["name"]: r for r in rows.entities}
    assert by_name["Bain & Company"]["labels"] == onto.labels("Company")
    assert by_name["Bain & Company"]["names"] == ["Bain & Company", "Bain"]
    # names the entity list lacks become entities of the type their role implies
    assert by_name["Shanghai"]["labels"] == onto.labels("Place")
    assert by_name["Counter-Espionage Law"]["labels"] == onto.labels("Law")
    (event,) = rows.events
    assert event["labels"] == ["EnforcementEvent", "Raid"] and event["datePrecision"] == "month"
    assert event["evidence"] == TEXT[:49] and (event["start"], event["end"]) == (0, 49)
    types = {(a["type"], a["entity"]) for a in rows.arguments}
    assert ("AGENT", by_name["Ministry of State Security"]["id"]) in types
    assert ("TARGET", by_name["Bain & Company"]["id"]) in types
    assert {t for t, _ in types} <= set(onto.relation_types())
    assert rows.document["props"]["contentHash"] == identity_hash(TEXT)


def identity_hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def test_the_same_event_twice_in_a_document_is_one_row() -> None:
    ex = _extraction()
    ex.events.append(ex.events[0].model_copy(update={"confidence": 0.5}))
    assert len(plan(ex, ingested_at=NOW).events) == 1


def test_plan_rejects_evidence_that_is_not_in_the_text() -> None:
    with pytest.raises(ValueError, match="offsets"):
        plan(_extraction(evidence=Evidence(text="Officers stormed", start=0, end=16)), ingested_at=NOW)


def test_plan_is_deterministic() -> None:
    assert plan(_extraction(), ingested_at=NOW) == plan(_extraction(), ingested_at=NOW)


def test_rows_a_story_date_is_kept_as_inferred_never_as_the_events_date() -> None:
    undated = plan(_extraction(date=None), ingested_at=NOW).events[0]
    guessed = plan(_extraction(date="2023-03", date_basis="story"), ingested_at=NOW).events[0]
    stated = plan(_extraction(date="2023-03", date_basis="sentence"), ingested_at=NOW).events[0]
    assert guessed["id"] == undated["id"] != stated["id"]  # a guess never decides the event's identity
    assert guessed["date"] is None and guessed["reportedDate"] is None and guessed["datePrecision"] is None
    assert guessed["inferredDate"] == "2023-03"
    assert stated["date"] == stated["reportedDate"] == "2023-03" and stated["inferredDate"] is None
