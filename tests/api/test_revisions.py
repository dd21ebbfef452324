"""The signature question under the argument filter (live Neo4j: the hand-built graph of
tests/api/test_argument_probability.py and a revision of a Norwegian law before its events):
/questions/targeted-after-law returns each agent's and the firm's probability as target, and with
`min_argument_probability` / `unscored_arguments` an agent or target that does not pass counts as not
stated - the firm must pass as the target, only the agents that pass are listed and give the jurisdiction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from tests.api.test_argument_probability import HALVORSEN, KVIST, POLICE, REPORTS
from tests.helpers import get, started

pytestmark = pytest.mark.neo4j

ACT = "Oslo Security Act"
REVISION_TEXT = f"Norway's parliament revised the {ACT} on 1 March 2024; it took effect on 1 April 2024."
REVISION = Extraction(
    document=Document(id="act-revision", text=REVISION_TEXT, published=dt.date(2024, 3, 2)),
    entities=[ExtractedEntity(name=ACT, type="Law", country="NO")],
    events=[ExtractedEvent(type="LawRevision", date="2024-03-01", effective="2024-04-01", laws=[ACT],
                           evidence=Evidence(text=REVISION_TEXT, start=0, end=len(REVISION_TEXT)))])


@pytest.fixture(scope="module")
def client(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    from queries import run

    db = neo4j_settings.neo4j_database
    run(neo4j_driver, "graph-clear", database=db)
    assert GraphWriter(neo4j_driver, database=db).write([*REPORTS, REVISION]).failed == []
    with started(neo4j_settings) as c:
        yield c


def answer(client: TestClient, event_type: str, **params: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Firm -> its events as (type, the firm's probability as target, {agent: probability}, jurisdiction)."""
    body = get(client, "/questions/targeted-after-law", law=ACT, event_type=event_type, **params)
    assert [r["basis_date"] for r in body["revisions"]] == ["2024-03-01"]  # never filtered
    return {it["firm"]["name"]: [(e["type"], e["target"]["probability"], {a["name"]: a["probability"]
                                                                          for a in e["agents"]}, e["jurisdiction"])
                                 for e in it["events"]] for it in body["items"]}


def test_revisions_answer_carries_each_agent_and_target_probability(client: TestClient) -> None:
    assert answer(client, "Raid", foreign=False) == {
        HALVORSEN: [("Raid", 0.8, {POLICE: 0.9}, "NO")], KVIST: [("Raid", 0.3, {POLICE: 0.9}, "NO")]}
    assert answer(client, "Raid") == {KVIST: [("Raid", 0.3, {POLICE: 0.9}, "NO")]}  # foreign: the Swedish firm
    # the rules alone: no probability, and kept unless asked
    assert answer(client, "Questioning", foreign=False) == {HALVORSEN: [("Questioning", None, {POLICE: None}, "NO")]}
    body = get(client, "/questions/targeted-after-law", law=ACT, event_type="Raid")
    target = body["items"][0]["events"][0]["target"]
    assert target["id"] == body["items"][0]["firm"]["id"] and target["type"] == "Company"


def test_revisions_a_firm_counts_only_where_it_passes_as_the_target(client: TestClient) -> None:
    assert answer(client, "Raid", foreign=False, min_argument_probability=0.5) == {
        HALVORSEN: [("Raid", 0.8, {POLICE: 0.9}, "NO")]}  # Kvist is the raid's target at 0.3 only
    assert answer(client, "Raid", min_argument_probability=0.5) == {}
    assert answer(client, "Questioning", foreign=False, unscored_arguments="drop") == {}
    assert answer(client, "Questioning", foreign=False, min_argument_probability=0.9) == {
        HALVORSEN: [("Questioning", None, {POLICE: None}, "NO")]}


def test_revisions_an_agent_below_the_bound_is_not_listed_nor_the_jurisdiction(client: TestClient) -> None:
    # the fine's police are only 0.4: not listed; the location (Oslo, NO) gives the jurisdiction instead
    assert answer(client, "Fine") == {KVIST: [("Fine", 0.95, {POLICE: 0.4}, "NO")]}
    assert answer(client, "Fine", min_argument_probability=0.5) == {KVIST: [("Fine", 0.95, {}, "NO")]}
    assert answer(client, "Fine", min_argument_probability=0.96) == {}


def test_revisions_filter_and_target_documented_in_the_openapi(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    names = {p["name"] for p in doc["paths"]["/questions/targeted-after-law"]["get"]["parameters"]}
    assert {"min_argument_probability", "unscored_arguments"} <= names
    event = doc["components"]["schemas"]["QualifyingEvent"]["properties"]
    assert event["target"]["$ref"] == "#/components/schemas/ArgumentRef"
    assert event["agents"]["items"] == {"$ref": "#/components/schemas/ArgumentRef"}
