"""``GET /documents/{id}``, ``GET /entities/{id}/timeline``, the evidence inside ``GET /paths`` and
the dates each source gave in ``GET /events/{id}`` (live Neo4j, sample corpus, through HTTP); and
the web app and API docs served by the API from its own assets."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from api import web
from tests.helpers import READ, entity_id, get
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

FIRM, AGENCY, CEL = "Falkenried Consulting", "Suzhou State Security Bureau", "Counter-Espionage Law"


def test_api_evidence_document_text_holds_each_evidence_sentence_at_its_offsets(client: TestClient) -> None:
    events = get(client, "/events", limit=100)["items"]
    checked = 0
    for ev in events:
        for s in ev["sources"]:
            doc = get(client, f"/documents/{s['document']}")
            assert doc["id"] == s["document"] and doc["title"] == s["title"] and doc["source"] == s["source"]
            assert doc["text"][s["start"]:s["end"]] == s["evidence"], (ev["id"], s["document"])
            checked += 1
    assert checked >= 20


def test_api_evidence_document_unknown_id_is_404_and_needs_a_key(client: TestClient) -> None:
    resp = client.get("/documents/no-such-document", headers=READ)
    assert resp.status_code == 404 and resp.json()["error"] == "NotFound"
    doc = get(client, "/events", limit=1)["items"][0]["sources"][0]["document"]
    assert client.get(f"/documents/{doc}").status_code == 401


def test_api_evidence_timeline_has_the_events_and_the_revisions_of_the_acting_country(client: TestClient) -> None:
    body = get(client, f"/entities/{entity_id(client, FIRM)}/timeline")
    assert body["entity"]["name"] == FIRM and body["event_count"] == len(body["events"]) >= 1
    raids = [e for e in body["events"] if e["type"] == "Raid"]
    assert raids and AGENCY in {a["name"] for r in raids for a in r["agents"]}
    assert all(s["evidence"] for e in body["events"] for s in e["sources"])
    revisions = [(r["laws"][0]["name"], r["date"], r["effective_date"]) for r in body["revisions"]]
    assert any(law == CEL and adopted == "2023-04-26" for law, adopted, _ in revisions), revisions
    assert all(r["type"] == "LawRevision" for r in body["revisions"])
    dates = [r["date"] or "" for r in body["revisions"]]
    assert dates == sorted(dates)


def test_api_evidence_timeline_of_a_law_lists_its_own_revisions(client: TestClient) -> None:
    body = get(client, f"/entities/{entity_id(client, CEL)}/timeline")
    own = {e["id"] for e in body["events"] if e["type"] == "LawRevision"}
    assert own and own <= {r["id"] for r in body["revisions"]}
    assert "2023-04-26" in {r["date"] for r in body["revisions"] if r["id"] in own}


def test_api_evidence_timeline_rejects_unknown_ids_and_bad_limits(client: TestClient) -> None:
    assert client.get("/entities/company-0000000000000000/timeline", headers=READ).status_code == 404
    resp = client.get(f"/entities/{entity_id(client, FIRM)}/timeline", params={"limit": 0}, headers=READ)
    assert resp.status_code == 422 and resp.json()["parameter"] == "limit"


def test_api_evidence_paths_carry_each_event_sentence(client: TestClient) -> None:
    firm, agency = entity_id(client, FIRM), entity_id(client, AGENCY)
    [path, *_] = get(client, "/paths", **{"from": firm, "to": agency, "max_hops": 1})["items"]
    events = [n["id"] for n in path["nodes"] if n["kind"] == "event"]
    assert events and {e["event"] for e in path["evidence"]} == set(events)
    for e in path["evidence"]:
        detail = get(client, f"/events/{e['event']}")
        assert (e["document"], e["evidence"]) in {(s["document"], s["evidence"]) for s in detail["sources"]}
    bare = get(client, "/paths", **{"from": firm, "to": agency, "max_hops": 1, "evidence": "false"})["items"][0]
    assert bare["evidence"] == []


def test_api_evidence_event_lists_the_date_each_source_gave(client: TestClient) -> None:
    events = get(client, "/events", limit=100)["items"]
    many = next(e for e in events if e["source_count"] and e["source_count"] > 1)
    detail = get(client, f"/events/{many['id']}")
    assert {r["document"] for r in detail["reported_dates"]} <= {s["document"] for s in detail["sources"]}
    assert detail["reported_dates"] and all(re.fullmatch(r"\d{4}(-\d\d){0,2}", r["value"])
                                            for r in detail["reported_dates"])


@pytest.mark.skipif(not web.built(), reason="the web app is not built (make web)")
def test_api_evidence_web_app_and_docs_use_only_the_apis_own_assets(client: TestClient) -> None:
    index = client.get("/")
    assert index.status_code == 200 and "default-src 'self'" in index.headers["content-security-policy"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "default-src 'self'" in docs.headers["content-security-policy"]
    for page in (index.text, docs.text):
        refs = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', page) + re.findall(r"url:\s*'([^']+)'", page)
        assert refs and all(r.startswith(("/", "#")) for r in refs), refs
        for ref in refs:
            if ref.startswith("/static/"):
                assert client.get(ref).status_code == 200, ref
    assert client.get("/redoc").status_code == 404


def test_api_evidence_export_of_selected_events_holds_those_and_what_they_involve(client: TestClient) -> None:
    from rdflib import RDF, Graph

    from ontology.rdf import mapping

    m = mapping()
    firm = entity_id(client, FIRM)
    chosen = [e["id"] for e in get(client, f"/entities/{firm}/timeline")["events"]][:2]
    resp = client.get("/export", params={"format": "ntriples", "event": chosen}, headers=READ)
    assert resp.status_code == 200, resp.text
    g = Graph().parse(data=resp.text, format="nt")
    events = {str(s) for s in g.subjects(RDF.type, m.cls("EnforcementEvent"))}
    assert len(events) == len(chosen) and all(any(e.endswith(i) for e in events) for i in chosen)
    assert any(str(s).endswith(firm) for s in g.subjects(RDF.type, m.cls("Company")))
    full = client.get("/export", params={"format": "ntriples"}, headers=READ).text
    assert len(g) < len(Graph().parse(data=full, format="nt"))
    too_many = client.get("/export", params={"event": [f"raid-{i}" for i in range(501)]}, headers=READ)
    assert too_many.status_code == 422 and too_many.json()["parameter"] == "event"
