"""Argument probabilities through the API (live Neo4j, a hand-built graph): `min_argument_probability`
and `unscored_arguments` on /events and /events/{id} list exactly the arguments and events they
should, the walk of the date index agrees with the expansion under the bound, and the OpenAPI
document describes both."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import neo4j
import pyshacl
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, XSD, Literal, Namespace, URIRef
from rdflib import Graph as RdfGraph

import ontology
from api.deps import Graph
from api.params import ArgumentFilter
from api.services import anchored, profiles
from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from tests.helpers import READ, entity_id, started

pytestmark = pytest.mark.neo4j

SHAPES = Path(ontology.__file__).parent / "shapes.ttl"
EG = Namespace("https://w3id.org/enforcegraph/ontology#")
EVENT = "https://w3id.org/enforcegraph/id/event/"
POLICE, HALVORSEN, KVIST = "Oslo police", "Halvorsen Analytics", "Kvist Partners"


def _report(doc_id: str, etype: str, date: str, targets: list[str],
            probabilities: dict[str, dict[str, float]]) -> Extraction:
    text = f"{POLICE} acted against {' and '.join(targets)} in Oslo on {date} ({doc_id})."
    return Extraction(
        document=Document(id=doc_id, text=text, published=dt.date(2024, 6, 30)),
        entities=[ExtractedEntity(name=POLICE, type="GovernmentBody", country="NO"),
                  ExtractedEntity(name=HALVORSEN, type="Company", country="NO"),
                  ExtractedEntity(name=KVIST, type="Company", country="SE"),
                  ExtractedEntity(name="Oslo", type="Place", country="NO")],
        events=[ExtractedEvent(type=etype, date=date, agents=[POLICE], targets=targets, location="Oslo",
                               evidence=Evidence(text=text, start=0, end=len(text)),
                               argument_probabilities=probabilities)])


REPORTS = [
    # the raid: two documents judge the police (0.9 and 0.5); Kvist is a weak target (0.3)
    _report("raid-a", "Raid", "2024-06-04", [HALVORSEN, KVIST],
            {"agents": {POLICE: 0.9}, "targets": {HALVORSEN: 0.8, KVIST: 0.3}}),
    _report("raid-b", "Raid", "2024-06-04", [HALVORSEN], {"agents": {POLICE: 0.5}}),
    # the fine: the police only 0.4, Kvist 0.95
    _report("fine-c", "Fine", "2024-05-01", [KVIST], {"agents": {POLICE: 0.4}, "targets": {KVIST: 0.95}}),
    # the questioning: the rules alone (no probability)
    _report("question-d", "Questioning", "2024-04-01", [HALVORSEN], {}),
]


@pytest.fixture(scope="module")
def client(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    from queries import run

    db = neo4j_settings.neo4j_database
    run(neo4j_driver, "graph-clear", database=db)
    report = GraphWriter(neo4j_driver, database=db).write(REPORTS)
    assert report.failed == [] and report.events == 3, report
    with started(neo4j_settings) as c:
        yield c


def _events(client: TestClient, **params: Any) -> dict[str, dict[str, Any]]:
    """Event type -> the listed event, for /events with these parameters."""
    r = client.get("/events", params=params, headers=READ)
    assert r.status_code == 200, r.text
    return {e["type"]: e for e in r.json()["items"]}


def _names(event: dict[str, Any], role: str) -> dict[str, float | None]:
    return {x["name"]: x["probability"] for x in event[role]}


def test_argument_probability_listed_with_each_agent_and_target(client: TestClient) -> None:
    events = _events(client)
    assert set(events) == {"Raid", "Fine", "Questioning"}
    assert _names(events["Raid"], "agents") == {POLICE: 0.9}  # the highest of the two documents
    assert _names(events["Raid"], "targets") == {HALVORSEN: 0.8, KVIST: 0.3}
    assert _names(events["Questioning"], "agents") == {POLICE: None}  # rules alone: no probability
    assert events["Raid"]["location"]["name"] == "Oslo"


def test_argument_probability_bound_leaves_out_weaker_arguments_not_events(client: TestClient) -> None:
    events = _events(client, min_argument_probability=0.7)
    assert set(events) == {"Raid", "Fine", "Questioning"}  # no agent or target asked: every event
    assert _names(events["Raid"], "targets") == {HALVORSEN: 0.8}
    assert _names(events["Fine"], "agents") == {} and _names(events["Fine"], "targets") == {KVIST: 0.95}
    assert _names(events["Questioning"], "agents") == {POLICE: None}  # kept unless asked
    assert events["Fine"]["location"]["name"] == "Oslo"  # never judged, never filtered
    dropped = _events(client, unscored_arguments="drop")
    assert _names(dropped["Questioning"], "agents") == {} and _names(dropped["Questioning"], "targets") == {}
    assert _names(dropped["Raid"], "targets") == {HALVORSEN: 0.8, KVIST: 0.3}


def test_argument_probability_bound_on_the_asked_agent_or_target(client: TestClient) -> None:
    assert set(_events(client, agent=POLICE)) == {"Raid", "Fine", "Questioning"}
    assert set(_events(client, agent=POLICE, min_argument_probability=0.7)) == {"Raid", "Questioning"}
    assert set(_events(client, agent=POLICE, min_argument_probability=0.7, unscored_arguments="drop")) == {"Raid"}
    assert set(_events(client, target=KVIST, min_argument_probability=0.5)) == {"Fine"}
    assert set(_events(client, target=KVIST, min_argument_probability=0.2)) == {"Raid", "Fine"}
    both = {"agent": POLICE, "target": HALVORSEN, "min_argument_probability": 0.85}
    assert set(_events(client, **both)) == {"Questioning"}  # the raid's target is only 0.8
    assert set(_events(client, **both, unscored_arguments="drop")) == set()
    assert set(_events(client, agent=POLICE, target=HALVORSEN, min_argument_probability=0.8)) == {
        "Raid", "Questioning"}
    # a bound no judged argument reaches, without the unjudged ones: nothing
    assert set(_events(client, target=HALVORSEN, min_argument_probability=1.0, unscored_arguments="drop")) == set()


def test_argument_probability_walk_agrees_with_the_expansion(client: TestClient, neo4j_settings: Settings) -> None:
    graph = Graph(client.app.state.driver, neo4j_settings.neo4j_database)  # type: ignore[attr-defined]
    base = {"agent": POLICE, "target": None, "law": None, "from": None, "to": "2024-12", "type": None,
            "country": None, "foreign": None, "minSources": 1, "minConfidence": 0.0, "afterDate": None,
            "afterId": "", "limit": 50}
    answered = 0
    for keep in (ArgumentFilter(0.7), ArgumentFilter(0.45, keep_unscored=False), ArgumentFilter(None, False)):
        args = {**base, **keep.query_params()}
        expanded = [(r["id"], r["date"]) for r in graph.read("api-events-anchored", **args)]
        for budget in (1, 2, 3):
            walked = anchored.walk(graph, args, {"from": None, "to": "2024-12"}, None, budget)
            if walked is not None:
                assert [(r["id"], r["date"]) for r in walked] == expanded, (keep, budget)
                answered += 1
    assert answered >= 3  # the walk told some pages itself


def test_argument_probability_in_the_event_detail(client: TestClient) -> None:
    raid = _events(client)["Raid"]["id"]
    r = client.get(f"/events/{raid}", headers=READ)
    assert r.status_code == 200, r.text
    args = {(a["role"], a["entity"]["name"]): a for a in r.json()["arguments"]}
    police = args[("agent", POLICE)]
    assert police["probability"] == 0.9 and police["probabilities"] == {"raid-a": 0.9, "raid-b": 0.5}
    assert police["documents"] == ["raid-a", "raid-b"]
    assert args[("location", "Oslo")]["probability"] is None and args[("location", "Oslo")]["probabilities"] == {}
    trimmed = client.get(f"/events/{raid}", params={"min_argument_probability": 0.5}, headers=READ).json()
    assert {(a["role"], a["entity"]["name"]) for a in trimmed["arguments"]} == {
        ("agent", POLICE), ("target", HALVORSEN), ("location", "Oslo")}
    assert _names(trimmed, "targets") == {HALVORSEN: 0.8}


def test_argument_probability_bad_bound_is_one_clear_error(client: TestClient) -> None:
    for params in ({"min_argument_probability": "1.5"}, {"min_argument_probability": "high"},
                   {"unscored_arguments": "maybe"}):
        r = client.get("/events", params=params, headers=READ)
        assert r.status_code == 422, r.text
        assert next(iter(params)) in r.json()["detail"], r.text


def test_argument_probability_documented_in_the_openapi(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path in ("/events", "/events/{id}"):
        names = {p["name"] for p in doc["paths"][path]["get"]["parameters"]}
        assert {"min_argument_probability", "unscored_arguments"} <= names, path
    schemas = doc["components"]["schemas"]
    assert "probability" in schemas["ArgumentRef"]["properties"]
    assert {"probability", "probabilities"} <= set(schemas["Argument"]["properties"])


ASSESSMENTS = """
PREFIX eg: <https://w3id.org/enforcegraph/ontology#>
SELECT ?e ?role ?name ?p (GROUP_CONCAT(?doc; separator=" ") AS ?docs) WHERE {
  ?e eg:assessment ?a .
  ?a a eg:ArgumentAssessment ; eg:assessedRole ?role ; eg:assessedEntity ?x ; eg:argumentProbability ?p ;
     eg:judgedIn ?d .
  ?x eg:name ?name . ?d eg:id ?doc .
} GROUP BY ?e ?role ?name ?p
"""


def test_argument_probability_export_has_an_assessment_per_judged_argument(client: TestClient) -> None:
    """Each judged agent and target is an eg:ArgumentAssessment with its probability (the highest) and
    the documents that judged it; the plain argument triples stay; it conforms to the shapes."""
    r = client.get("/export", params={"format": "ntriples"}, headers=READ)
    assert r.status_code == 200, r.text
    data = RdfGraph().parse(data=r.text, format="nt")
    types = {f"{EVENT}{e['id']}": t for t, e in _events(client).items()}
    found = {(types[str(e)], str(role), str(name), float(p), " ".join(sorted(str(docs).split())))
             for e, role, name, p, docs in data.query(ASSESSMENTS)}  # type: ignore[misc]
    assert found == {("Raid", "agent", POLICE, 0.9, "raid-a raid-b"), ("Raid", "target", HALVORSEN, 0.8, "raid-a"),
                     ("Raid", "target", KVIST, 0.3, "raid-a"), ("Fine", "agent", POLICE, 0.4, "fine-c"),
                     ("Fine", "target", KVIST, 0.95, "fine-c")}
    assert all(p.datatype == XSD.decimal for p in data.objects(None, EG.argumentProbability))
    raid = _events(client)["Raid"]
    plain = {str(o) for o in data.objects(URIRef(f"{EVENT}{raid['id']}"), EG.target)}
    assert plain == {f"https://w3id.org/enforcegraph/id/entity/{t['id']}" for t in raid["targets"]}
    shapes = RdfGraph().parse(SHAPES, format="turtle")
    conforms, _g, text = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms, text[:2000]
    broken = RdfGraph().parse(data=r.text, format="nt")
    a = next(iter(broken.subjects(RDF.type, EG.ArgumentAssessment)))
    broken.remove((a, EG.argumentProbability, None))
    broken.add((a, EG.argumentProbability, Literal("1.5", datatype=XSD.decimal)))
    broken.remove((a, EG.judgedIn, None))
    conforms, _g, text = pyshacl.validate(broken, shacl_graph=shapes)
    assert not conforms and "argumentProbability" in text and "judgedIn" in text


def _timeline(client: TestClient, name: str, **params: Any) -> dict[str, Any]:
    r = client.get(f"/entities/{entity_id(client, name)}/timeline", params=params, headers=READ)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def test_argument_probability_timeline_keeps_the_events_where_the_entity_passes(client: TestClient) -> None:
    everything = _timeline(client, POLICE)
    assert {e["type"] for e in everything["events"]} == {"Raid", "Fine", "Questioning"}
    bounded = _timeline(client, POLICE, min_argument_probability=0.7)
    assert [e["type"] for e in bounded["events"]] == ["Raid", "Questioning"]  # the fine's police: only 0.4
    assert bounded["event_count"] == 2
    raid = bounded["events"][0]
    assert _names(raid, "agents") == {POLICE: 0.9} and _names(raid, "targets") == {HALVORSEN: 0.8}
    dropped = _timeline(client, POLICE, min_argument_probability=0.7, unscored_arguments="drop")
    assert [e["type"] for e in dropped["events"]] == ["Raid"] and dropped["event_count"] == 1
    # a place is never judged: all its events stay, each listing only the arguments that pass
    oslo = {e["type"]: e for e in _timeline(client, "Oslo", min_argument_probability=0.7,
                                            unscored_arguments="drop")["events"]}
    assert set(oslo) == {"Raid", "Fine", "Questioning"}
    assert _names(oslo["Fine"], "agents") == {} and _names(oslo["Fine"], "targets") == {KVIST: 0.95}
    assert _names(oslo["Questioning"], "agents") == {} and _names(oslo["Questioning"], "targets") == {}


def test_argument_probability_profile_timeline_count_and_links_follow_the_bound(
        client: TestClient, neo4j_settings: Settings) -> None:
    kvist = entity_id(client, KVIST)
    r = client.get(f"/entities/{kvist}", headers=READ)
    assert r.status_code == 200, r.text
    plain = r.json()
    assert {t["type"] for t in plain["timeline"]} == {"Raid", "Fine"} and plain["event_count"] == 2
    assert {x["name"] for x in plain["linked"]} == {POLICE, HALVORSEN, "Oslo"}
    r = client.get(f"/entities/{kvist}", params={"min_argument_probability": 0.5}, headers=READ)
    assert r.status_code == 200, r.text
    bounded = r.json()
    assert [(t["type"], t["role"]) for t in bounded["timeline"]] == [("Fine", "target")]  # the raid's Kvist: 0.3
    assert bounded["event_count"] == 1
    assert _names(bounded["timeline"][0], "agents") == {} and _names(bounded["timeline"][0], "targets") == {
        KVIST: 0.95}  # the fine's police: 0.4
    assert {x["name"] for x in bounded["linked"]} == {"Oslo"}  # the police only through its 0.4
    # the kept lists and the scan of every event agree under the bound
    graph = Graph(client.app.state.driver, neo4j_settings.neo4j_database)  # type: ignore[attr-defined]
    for keep in (ArgumentFilter(0.5), ArgumentFilter(0.85, keep_unscored=False), ArgumentFilter(None, False)):
        for name in (POLICE, KVIST, HALVORSEN):
            pid = entity_id(client, name)
            assert (profiles.profile(graph, pid, timeline_limit=50, keep=keep)
                    == profiles.profile(graph, pid, timeline_limit=50, keep=keep, scan=True)), (name, keep)
    police = profiles.profile(graph, entity_id(client, POLICE), timeline_limit=50, keep=ArgumentFilter(None, False))
    assert {t.type for t in police.timeline} == {"Raid", "Fine"}  # drop alone: the rules-only questioning goes


def test_argument_probability_entity_views_documented_in_the_openapi(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    for path in ("/entities/{id}", "/entities/{id}/timeline"):
        names = {p["name"] for p in doc["paths"][path]["get"]["parameters"]}
        assert {"min_argument_probability", "unscored_arguments"} <= names, path
    agents = doc["components"]["schemas"]["TimelineEvent"]["properties"]["agents"]
    assert agents["items"] == {"$ref": "#/components/schemas/ArgumentRef"} and "min_argument_probability" in agents[
        "description"]
