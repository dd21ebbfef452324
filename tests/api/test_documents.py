"""``POST /documents``: articles submitted over HTTP go through the ingest pipeline into the graph."""

from __future__ import annotations

import datetime as dt

import neo4j
import pytest
from fastapi.testclient import TestClient

from enforcegraph.settings import Settings
from tests.helpers import READ, WRITE, counts
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

ARTICLE = {
    "id": "api-test-harbour-raid-2024-05-02",
    "title": "State security officers search Qingdao office of Norwegian shipping analyst",
    "published": "2024-05-02", "source": "eastwire.example",
    "text": ("Officers of the Qingdao State Security Bureau raided the Qingdao office of Fjordline Analytics, "
             "a Norwegian shipping consultancy, on Tuesday, the company said. "
             "Fjordline Analytics said it was cooperating with the authorities."),
}


def test_api_documents_ingests_articles(client: TestClient, neo4j_driver: neo4j.Driver,
                                        neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    before = counts(neo4j_driver, db)
    since = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()  # the sample is of an earlier second
    resp = client.post("/documents", headers=WRITE, json={"documents": [ARTICLE]})
    assert resp.status_code == 200, resp.text
    report = resp.json()
    assert report["written"] == [ARTICLE["id"]] and report["failed"] == []
    assert report["entities"] >= 1 and report["events"] >= 1
    after = counts(neo4j_driver, db)
    assert after["nodes:Document"] == before["nodes:Document"] + 1
    changed = client.get("/changes", params={"since": since}, headers=READ).json()["items"]
    assert [c["document"]["id"] for c in changed] == [ARTICLE["id"]] and changed[0]["events"]
    again = client.post("/documents", headers=WRITE, json={"documents": [ARTICLE]})
    assert again.status_code == 200 and counts(neo4j_driver, db) == after  # same article, same graph


def test_api_documents_store_hostile_text_as_text(client: TestClient, neo4j_driver: neo4j.Driver,
                                                  neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    before = counts(neo4j_driver, db)
    hostile = {"id": "x'}) MATCH (n) DETACH DELETE n //", "title": "\"}) RETURN 1 //",
               "text": "MATCH (n) DETACH DELETE n. Police in Beijing raided the office of Mintz Group."}
    resp = client.post("/documents", headers=WRITE, json={"documents": [hostile]})
    assert resp.status_code == 200, resp.text
    after = counts(neo4j_driver, db)
    assert after["nodes:Document"] == before["nodes:Document"] + 1
    assert all(after.get(k, 0) >= v for k, v in before.items())  # nothing deleted


def test_api_documents_needs_a_write_key_and_a_valid_body(client: TestClient) -> None:
    body = {"documents": [ARTICLE]}
    assert client.post("/documents", json=body).status_code == 401
    assert client.post("/documents", headers=READ, json=body).status_code == 403
    resp = client.post("/documents", headers=WRITE, json={"documents": []})
    assert resp.status_code == 422 and resp.json()["parameter"] == "documents", resp.text
    # a document that does not validate is refused alone, naming its field; the request stands
    for bad, reason in (({"id": "a"}, "text: Field required"),
                        ({**ARTICLE, "id": "b", "published": "someday"}, "published: ")):
        resp = client.post("/documents", headers=WRITE, json={"documents": [bad]})
        assert resp.status_code == 200, resp.text
        [failed] = resp.json()["failed"]
        assert failed["id"] == bad["id"] and failed["reason"].startswith(reason), failed
