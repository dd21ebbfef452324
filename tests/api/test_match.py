"""The yente-compatible ``POST /match/{dataset}`` on the sample corpus graph (live Neo4j): a request in
the shape of yente's documentation example gets an answer in yente's shape, scored and explained."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.helpers import READ
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

#: Shaped like the example in yente's /match documentation: two examples keyed by the caller's ids,
#: a Person with a birth date and nationality, a Company with jurisdiction and registration number.
YENTE_STYLE = {"queries": {
    "entity1": {"schema": "Person", "properties": {
        "name": ["Hirano Daisuke"], "birthDate": ["1961-02-14"], "nationality": ["jp"]}},
    "entity2": {"schema": "Company", "properties": {
        "name": ["Mintz Group LLC"], "jurisdiction": ["us"], "registrationNumber": ["12345"]}},
    "nobody": {"schema": "Company", "properties": {"name": "Quillfeather Widgets"}},
}}
RESULT_KEYS = {"id", "caption", "schema", "properties", "datasets", "referents", "target", "first_seen",
               "last_seen", "last_change", "score", "features", "match"}


def match(client: TestClient, body: dict[str, Any], dataset: str = "default", **query: Any) -> Any:
    resp = client.post(f"/match/{dataset}", headers=READ, json=body, params=query)
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_match_answers_a_yente_request_in_yentes_shape(client: TestClient) -> None:
    body = match(client, YENTE_STYLE)
    assert set(body) == {"responses", "matcher", "limit"} and body["limit"] == 5
    assert set(body["responses"]) == {"entity1", "entity2", "nobody"}
    assert set(body["matcher"]) == {"name_similarity", "country_mismatch"}
    assert all({"description", "coefficient"} <= set(f) for f in body["matcher"].values())
    for key, resp in body["responses"].items():
        assert resp["status"] == 200 and resp["total"]["relation"] == "eq"
        assert resp["query"]["schema"] == YENTE_STYLE["queries"][key]["schema"]
        assert resp["total"]["value"] >= len(resp["results"])
        for r in resp["results"]:
            assert set(r) == RESULT_KEYS and r["datasets"] == ["enforcegraph"]
            assert r["match"] == (r["score"] >= 0.7) and r["caption"] == r["properties"]["name"][0]
    [person] = [r for r in body["responses"]["entity1"]["results"] if r["match"]]
    assert person["caption"] == "Daisuke Hirano" and person["schema"] == "Person"
    assert person["features"] == {"name_similarity": 1.0} and person["score"] == 1.0
    best = body["responses"]["entity2"]["results"][0]
    assert best["caption"] == "Mintz Group" and best["schema"] == "Company" and best["match"]
    assert best["target"] is True and "reg.action" in best["properties"]["topics"]
    assert body["responses"]["nobody"]["results"] == []
    assert body["responses"]["nobody"]["query"]["properties"] == {"name": ["Quillfeather Widgets"]}


def test_match_countries_weights_and_filters(client: TestClient) -> None:
    query = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Mintz Group"], "country": ["cn"]}}}}
    hit = match(client, query, "enforcegraph")["responses"]["q"]["results"][0]
    assert hit["caption"] == "Mintz Group"
    assert hit["features"] == {"name_similarity": 1.0, "country_mismatch": 1.0} and hit["score"] == 0.9
    heavier = match(client, {**query, "weights": {"country_mismatch": -0.5}})["responses"]["q"]["results"]
    assert heavier[0]["score"] == 0.5 and not heavier[0]["match"]
    only = match(client, query, topics=["sanction"])["responses"]["q"]["results"]
    assert only == []
    gone = match(client, query, exclude_entity_ids=[hit["id"]])["responses"]["q"]["results"]
    assert hit["id"] not in {r["id"] for r in gone}


def test_match_refuses_what_it_cannot_answer(client: TestClient) -> None:
    ok = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Mintz"]}}}}
    for dataset, body, params, parameter in [
        ("sanctions", ok, {}, "dataset"),
        ("default", ok, {"algorithm": "magic"}, "algorithm"),
        ("default", {"queries": {"q": {"schema": "Vessel", "properties": {"name": ["X"]}}}}, {}, "queries.q.schema"),
        ("default", {"queries": {"q": {"schema": "Company", "properties": {"country": ["us"]}}}}, {},
         "queries.q.properties"),
        ("default", {"queries": {"q": {"schema": "Company", "properties": {"name": ["X"], "country": ["xx"]}}}}, {},
         "queries.q.properties"),
        ("default", {"queries": {}}, {}, "queries"),
    ]:
        resp = client.post(f"/match/{dataset}", headers=READ, json=body, params=params)
        assert resp.status_code == 422, (dataset, body, resp.text)
        assert resp.json()["parameter"] == parameter and "Traceback" not in resp.text
    assert client.post("/match/default", json=ok).status_code == 401
