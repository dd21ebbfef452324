"""Event status in the graph (live Neo4j): each report keeps what its document says, the event takes a
reversal over a confirmation over a denial, and the API's events and the FtM export show it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import neo4j
import pytest

from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from ontology import ftm
from queries import run
from tests.helpers import READ, started

pytestmark = pytest.mark.neo4j

RAID = "Police raided the office of Halvorsen Analytics on 4 June 2024."


def _report(doc_id: str, extra: str, status: str | None) -> Extraction:
    text = f"{RAID} {extra}"
    return Extraction(
        document=Document(id=doc_id, text=text, published=dt.date(2024, 6, 5)),
        entities=[ExtractedEntity(name="Halvorsen Analytics", type="Company", country="NO"),
                  ExtractedEntity(name="Police", type="GovernmentBody", country="CN")],
        events=[ExtractedEvent(type="Raid", date="2024-06-04", agents=["Police"], targets=["Halvorsen Analytics"],
                               evidence=Evidence(text=RAID, start=0, end=len(RAID)), status=status)])  # type: ignore[arg-type]


def _status(driver: neo4j.Driver, db: str) -> Any:
    rows = run(driver, "graph-node", database=db, id=_event_id(driver, db))
    return rows[0]["props"].get("status") if rows else None


def _event_id(driver: neo4j.Driver, db: str) -> str:
    [row] = [r for r in run(driver, "graph-snapshot", database=db)
             if r["kind"] == "node" and "Raid" in r["labels"]]
    return str(row["key"])


def test_event_status_graph_precedence_api_and_ftm(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    writer = GraphWriter(clean_graph, database=db)
    writer.write([_report("status-a", "The firm denied it.", "denied")])
    assert _status(clean_graph, db) == "denied"
    writer.write([_report("status-b", "The ministry confirmed it.", "confirmed")])
    assert _status(clean_graph, db) == "confirmed"  # a confirmation outweighs a denial
    writer.write([_report("status-c", "No word on its standing.", None)])
    assert _status(clean_graph, db) == "confirmed"
    writer.write([_report("status-d", "A court later overturned it.", "reversed")])
    assert _status(clean_graph, db) == "reversed"
    writer.remove(["status-d"])
    assert _status(clean_graph, db) == "confirmed"  # the status follows the reports that remain

    event_id = _event_id(clean_graph, db)
    with started(neo4j_settings) as client:
        event = client.get(f"/events/{event_id}", headers=READ)
        assert event.status_code == 200 and event.json()["status"] == "confirmed", event.text
        rdf = client.get("/export?format=ntriples", headers=READ).text
        assert f'{event_id}> <https://w3id.org/enforcegraph/ontology#status> "confirmed"' in rdf
    [ftm_event] = [e for row in run(clean_graph, "export-ftm-events", database=db, after="", limit=10)
                   for e in ftm.event_entities(row)]
    assert ftm_event["properties"]["notes"] == ["status: confirmed"]
