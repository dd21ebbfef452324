"""The API's questions on the sample corpus graph (live Neo4j, through HTTP): answers, empty answers,
bad parameters, unknown ids, and injection attempts that must change nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

import neo4j
import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from enforcegraph.localneo4j import free_port
from enforcegraph.settings import Settings
from tests.helpers import READ, WRITE, all_pages, counts, entity_id, get, started
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

CEL = "Counter-Espionage Law"
THISTLECOMBE, SAKURAGAWA, FALKENRIED = ("Thistlecombe Risk Partners", "Sakuragawa Research Partners",
                                        "Falkenried Consulting")
NOT_ANSWERS = {"Mintz Group", "Capvision", "Bain & Company", "Bain", "Kestrel Bay Advisory"}


def firms(body: dict[str, Any], law: str | None = CEL) -> set[str]:
    return {i["firm"]["name"] for i in body["items"] if law is None or i["law"]["name"] == law}


def test_api_signature_question_adopted_is_exactly_the_foreign_firms_raided_after_adoption(
        client: TestClient) -> None:
    body = get(client, "/questions/targeted-after-law", law=CEL, event_type="Raid", basis="adopted", foreign=True)
    assert firms(body) == {THISTLECOMBE, SAKURAGAWA, FALKENRIED}
    assert not firms(body) & NOT_ANSWERS
    [revision] = body["revisions"]
    assert (revision["law"]["name"], revision["adopted"], revision["effective"]) == (CEL, "2023-04-26", "2023-07-01")
    assert revision["basis_date"] == "2023-04-26" and revision["sources"]
    homes = {i["firm"]["name"]: i["firm"]["country"] for i in body["items"]}
    assert homes == {THISTLECOMBE: "GB", SAKURAGAWA: "JP", FALKENRIED: "DE"}
    for item in body["items"]:
        assert item["foreign"] is True and item["basis"] == "adopted" and item["basis_date"] == "2023-04-26"
        assert item["events"] and item["first_date"] == item["events"][0]["date"]
        for ev in item["events"]:
            assert ev["type"] == "Raid" and ev["date"] >= "2023-04-26"
            assert ev["jurisdiction"] == "CN" and ev["jurisdiction"] != item["firm"]["country"]
            assert ev["sources"] and all(s["evidence"] for s in ev["sources"])


def test_api_signature_question_effective_leaves_out_the_raid_before_entry_into_force(client: TestClient) -> None:
    body = get(client, "/questions/targeted-after-law", law=CEL, basis="effective")
    assert firms(body) == {SAKURAGAWA, FALKENRIED}
    assert body["revisions"][0]["basis_date"] == "2023-07-01"
    assert all(ev["date"] >= "2023-07-01" for i in body["items"] for ev in i["events"])


def test_api_signature_question_finds_the_law_by_alias_or_id_case_insensitively(client: TestClient) -> None:
    by_name = get(client, "/questions/targeted-after-law", law=CEL)
    law_id = by_name["revisions"][0]["law"]["id"]
    for law in ("anti-espionage law", "COUNTER-ESPIONAGE LAW", law_id):
        assert get(client, "/questions/targeted-after-law", law=law)["items"] == by_name["items"], law


def test_api_signature_question_without_law_names_each_rows_law(client: TestClient) -> None:
    for basis, expected in (("adopted", {THISTLECOMBE, SAKURAGAWA, FALKENRIED}), ("effective", {SAKURAGAWA,
                                                                                               FALKENRIED})):
        body = get(client, "/questions/targeted-after-law", basis=basis)
        assert firms(body, CEL) == expected
        assert all(i["law"]["name"] and i["revision"] for i in body["items"])
        assert {r["law"]["name"] for r in body["revisions"]} >= {CEL}
        keys = [(i["law"]["id"], i["firm"]["id"]) for i in body["items"]]
        assert keys == sorted(keys)


def test_api_signature_question_other_types_domestic_firms_and_empty_answers(client: TestClient) -> None:
    everyone = get(client, "/questions/targeted-after-law", law=CEL, foreign=False)
    assert firms(everyone) == {THISTLECOMBE, SAKURAGAWA, FALKENRIED, "Capvision"}
    assert {i["firm"]["name"]: i["foreign"] for i in everyone["items"]}["Capvision"] is False
    questioned = get(client, "/questions/targeted-after-law", law=CEL, event_type="Questioning")
    assert firms(questioned) == {"Kestrel Bay Advisory", THISTLECOMBE}  # Bain's (April 2023) is not known to be after
    none = get(client, "/questions/targeted-after-law", law=CEL, event_type="Expulsion")
    assert none["items"] == [] and none["next"] is None and none["revisions"]
    unknown = get(client, "/questions/targeted-after-law", law="No Such Law")
    assert unknown == {"items": [], "next": None, "revisions": []}


def test_api_signature_question_pages_in_a_stable_order(client: TestClient) -> None:
    whole = get(client, "/questions/targeted-after-law", foreign=False)["items"]
    paged = all_pages(client, "/questions/targeted-after-law", foreign=False, limit=1)
    assert paged == whole and len(paged) >= 4


# -- entities ---------------------------------------------------------------------------------

def test_api_entity_search_tolerates_case_accents_typos_and_ranks(client: TestClient) -> None:
    for q in ("Sakuragawa", "sakuragawa research partners", "Sakuragwa", "SAKURAGAWA", "Sakurágawa", "Sakura"):
        items = get(client, "/entities", q=q)["items"]
        assert items and items[0]["name"] == SAKURAGAWA, (q, items[:2])
        scores = [i["score"] for i in items]
        assert scores == sorted(scores, reverse=True)
    alias = get(client, "/entities", q="Thistlecombe")["items"][0]
    assert alias["name"] == THISTLECOMBE and "Thistlecombe" in alias["aliases"]
    assert SAKURAGAWA not in {i["name"] for i in get(client, "/entities", q="Sakuragawa", type="Person")["items"]}
    assert all(i["country"] == "DE" for i in get(client, "/entities", q="Falkenried", country="de")["items"])
    assert get(client, "/entities", q="zzyzx qwxv")["items"] == []
    assert get(client, "/entities", q="&& ||")["items"] == []


def test_api_entity_list_without_search_pages_by_id(client: TestClient) -> None:
    laws = all_pages(client, "/entities", type="Law", limit=2)
    ids = [i["id"] for i in laws]
    assert ids == sorted(ids) and len(set(ids)) == len(ids) and CEL in {i["name"] for i in laws}
    assert all(i["type"] == "Law" and i["score"] is None for i in laws)
    assert get(client, "/entities", type="Law", country="ZZ")["items"] == []


def test_api_entity_profile(client: TestClient) -> None:
    mintz = entity_id(client, "Mintz Group", "Company")
    body = get(client, f"/entities/{mintz}")
    assert body["name"] == "Mintz Group" and body["country"] == "US" and "Mintz" in body["aliases"]
    assert body["type"] == "Company" and body["labels"][0] == "Entity"
    raids = [t for t in body["timeline"] if t["type"] == "Raid"]
    assert raids and all(t["role"] == "target" for t in raids) and raids[0]["date"].startswith("2023-03")
    assert body["event_count"] >= len(body["timeline"])
    dates = [t["date"] or "" for t in body["timeline"]]
    assert dates == sorted(dates, reverse=True)
    assert "Beijing police" in {x["name"] for x in body["linked"]}
    assert body["sources"] and all(s["evidence"] and s["document"] for s in body["sources"])
    short = get(client, f"/entities/{mintz}", timeline_limit=1)
    assert len(short["timeline"]) == 1


def test_api_entity_profile_follows_ids_that_resolution_merged_away(client: TestClient, neo4j_driver: neo4j.Driver,
                                                                   neo4j_settings: Settings) -> None:
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (n:Entity) UNWIND coalesce(n.memberIds, []) AS old WITH n, old WHERE old <> n.id "
        "AND NOT EXISTS { MATCH (:Entity {id: old}) } RETURN n.id AS id, n.name AS name, old ORDER BY old LIMIT 1",
        database_=neo4j_settings.neo4j_database)
    if not records:
        pytest.skip("entity resolution merged nothing in this graph")
    body = get(client, f"/entities/{records[0]['old']}")
    assert (body["id"], body["name"]) == (records[0]["id"], records[0]["name"])


def test_api_entity_profile_and_network_unknown_id_is_404(client: TestClient) -> None:
    for url in ("/entities/company-0000000000000000", "/entities/company-0000000000000000/network"):
        resp = client.get(url, headers=READ)
        assert resp.status_code == 404 and resp.json()["error"] == "NotFound"


def test_api_entity_network(client: TestClient) -> None:
    mintz = entity_id(client, "Mintz Group", "Company")
    one = get(client, f"/entities/{mintz}/network")
    ids = {n["id"] for n in one["nodes"]}
    assert mintz in ids and "Beijing police" in {n["label"] for n in one["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in one["edges"])
    assert {n["kind"] for n in one["nodes"]} == {"entity", "event"} and not one["truncated"]
    two = get(client, f"/entities/{mintz}/network", hops=2)
    assert ids <= {n["id"] for n in two["nodes"]}
    law = entity_id(client, CEL)
    wide = get(client, f"/entities/{law}/network", hops=2)
    small = get(client, f"/entities/{law}/network", hops=2, limit=10)
    assert len(wide["nodes"]) > 10 and not wide["truncated"]
    assert len(small["nodes"]) <= 10 and small["truncated"]
    lonely = entity_id(client, "Executive Order 13936")
    assert get(client, f"/entities/{lonely}/network")["nodes"]


# -- events -------------------------------------------------------------------------------------

def test_api_events_filters(client: TestClient) -> None:
    raids = get(client, "/events", type="Raid", country="CN", **{"from": "2023-04-26"})["items"]
    targets = {t["name"] for e in raids for t in e["targets"]}
    assert {THISTLECOMBE, SAKURAGAWA, FALKENRIED, "Capvision"} <= targets and "Mintz Group" not in targets
    assert all(e["type"] == "Raid" and e["date"] >= "2023-04" for e in raids)
    mintz = entity_id(client, "Mintz Group", "Company")
    by_id = get(client, "/events", target=mintz)["items"]
    assert by_id and all(mintz in {t["id"] for t in e["targets"]} for e in by_id)
    assert get(client, "/events", target="Mintz Group")["items"] == by_id
    police = get(client, "/events", agent="Beijing police", type="Raid")["items"]
    assert police and all("Beijing police" in {a["name"] for a in e["agents"]} for e in police)
    for e in get(client, "/events", foreign=True, type="Raid")["items"]:
        assert {a["country"] for a in e["agents"]} != {t["country"] for t in e["targets"]}
    assert all(e["source_count"] >= 2 for e in get(client, "/events", min_sources=2)["items"])
    under = get(client, "/events", law=CEL)["items"]
    assert under and all(CEL in {x["name"] for x in e["laws"]} for e in under)
    window = get(client, "/events", **{"from": "2023-03", "to": "2023-03"})["items"]
    assert window and all(e["date"].startswith("2023") and e["date"][:7] in ("2023", "2023-03") for e in window)


def test_api_events_page_through_everything_newest_first(client: TestClient, neo4j_driver: neo4j.Driver,
                                                         neo4j_settings: Settings) -> None:
    events = all_pages(client, "/events", limit=7)
    ids = [e["id"] for e in events]
    assert len(ids) == len(set(ids)) == counts(neo4j_driver, neo4j_settings.neo4j_database)[
        "nodes:EnforcementEvent"]
    dated = [e["date"] for e in events if e["date"]]
    assert dated == sorted(dated, reverse=True)
    assert [e["date"] for e in events[len(dated):]] == [None] * (len(events) - len(dated))  # undated last
    for e in events:
        assert e["sources"] and all(s["evidence"] for s in e["sources"])
        assert e["date_precision"] == {4: "year", 7: "month", 10: "day"}.get(len(e["date"] or ""))


def test_api_events_empty_and_bad_parameters(client: TestClient) -> None:
    assert get(client, "/events", type="Expulsion", country="CN")["items"] == []
    assert get(client, "/events", agent="Nobody at all")["items"] == []
    assert get(client, "/events", **{"from": "2099"})["items"] == []
    for params, name in (({"from": "2024", "to": "2023"}, "to"), ({"from": "2023-02-30"}, "from"),
                         ({"cursor": "bogus"}, "cursor"), ({"type": "raid"}, "type")):
        resp = client.get("/events", params=params, headers=READ)
        assert resp.status_code == 422 and resp.json()["parameter"] == name, (params, resp.text)


def test_api_event_detail_has_every_source_and_argument_support(client: TestClient) -> None:
    mintz = entity_id(client, "Mintz Group", "Company")
    raid = next(e for e in get(client, "/events", target=mintz, type="Raid")["items"] if e["source_count"] >= 2)
    body = get(client, f"/events/{raid['id']}")
    assert body["id"] == raid["id"] and body["type"] == "Raid" and len(body["sources"]) == body["source_count"] >= 2
    assert all(s["evidence"] and s["start"] is not None and s["end"] > s["start"] for s in body["sources"])
    docs = {s["document"] for s in body["sources"]}
    roles = {a["role"] for a in body["arguments"]}
    assert {"agent", "target"} <= roles
    assert all(set(a["documents"]) <= docs and a["documents"] for a in body["arguments"])
    # reports that give the date less precisely (2023-03 for 2023-03-20) do not disagree with it
    assert all(not body["date"].startswith(a["value"]) for a in body["alternatives"])
    resp = client.get("/events/raid-0000000000000000", headers=READ)
    assert resp.status_code == 404


# -- paths ------------------------------------------------------------------------------------

def test_api_paths_link_entities_through_events_and_laws(client: TestClient) -> None:
    kestrel, hirano = entity_id(client, "Kestrel Bay Advisory"), entity_id(client, "Daisuke Hirano")
    body = get(client, "/paths", **{"from": kestrel, "to": hirano}, max_hops=3)
    assert body["items"]
    for path in body["items"]:
        assert path["nodes"][0]["id"] == kestrel and path["nodes"][-1]["id"] == hirano
        assert path["hops"] == 2 and len(path["edges"]) == 4
        assert [n["kind"] for n in path["nodes"]] == ["entity", "event", "entity", "event", "entity"]
    assert CEL in {n["label"] for p in body["items"] for n in p["nodes"]}
    assert get(client, "/paths", **{"from": kestrel, "to": hirano}, max_hops=1) == {"items": [], "next": None}
    paged = all_pages(client, "/paths", **{"from": kestrel, "to": hirano}, limit=1)
    assert paged == body["items"]


def test_api_paths_bad_and_unknown_ids(client: TestClient) -> None:
    kestrel = entity_id(client, "Kestrel Bay Advisory")
    same = client.get("/paths", params={"from": kestrel, "to": kestrel}, headers=READ)
    assert same.status_code == 422 and same.json()["parameter"] == "to"
    unknown = client.get("/paths", params={"from": kestrel, "to": "company-0000000000000000"}, headers=READ)
    assert unknown.status_code == 404 and "'to'" in unknown.json()["detail"]


# -- changes ----------------------------------------------------------------------------------

def test_api_changes_since(client: TestClient, neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> None:
    everything = all_pages(client, "/changes", since="2000-01-01T00:00:00Z", limit=6)
    docs = [c["document"]["id"] for c in everything]
    assert len(docs) == len(set(docs)) == counts(neo4j_driver, neo4j_settings.neo4j_database)["nodes:Document"]
    assert all(c["kind"] == "document" and c["entities"] for c in everything)
    keys = [(c["at"], c["document"]["id"]) for c in everything]
    assert keys == sorted(keys)
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).replace(tzinfo=None).isoformat()
    assert get(client, "/changes", since=future) == {"items": [], "next": None}  # naive = UTC


# -- screening --------------------------------------------------------------------------------

def test_api_screen_matches_scores_and_explains(client: TestClient) -> None:
    falkenried = entity_id(client, "Falkenried Consulting")
    resp = client.post("/screen", headers=READ, json={
        "items": [{"name": "Mintz", "country": "US", "countries": ["CN"]}, {"id": falkenried},
                  {"name": "Thistlecomb Risk Partners"}, {"name": "Nobody Whatsoever Ltd"}],
        "since": "2023-01-01", "sectors": ["consulting"]})
    assert resp.status_code == 200, resp.text
    mintz, falk, thistle, nobody = resp.json()["items"]
    assert mintz["match"]["entity"]["name"] == "Mintz Group" and mintz["match"]["method"] == "alias"
    assert mintz["match"]["confidence"] == 0.95 and mintz["jurisdictions"] == ["CN"]
    assert mintz["direct_events"] and all(e["date"] >= "2023" for e in mintz["direct_events"])
    assert mintz["peer_event_count"] >= 1 and mintz["peer_firm_count"] >= 1
    assert all(t["country"] == "US" and t["name"] != "Mintz Group"
               for e in mintz["peer_events"] for t in e["targets"] if t["type"] == "Company")
    assert mintz["score"] == min(100, sum(r["points"] for r in mintz["reasons"])) and mintz["level"] == "high"
    assert any("sector" in n for n in mintz["notes"])
    assert falk["match"]["method"] == "id" and falk["match"]["confidence"] == 1.0 and falk["jurisdictions"] == ["CN"]
    assert thistle["match"]["entity"]["name"] == THISTLECOMBE and thistle["match"]["method"] == "fuzzy"
    assert 0.6 <= thistle["match"]["confidence"] < 0.95
    assert nobody["match"] is None and nobody["score"] == 0 and nobody["level"] == "none"


def test_api_screen_needs_a_key_and_valid_items(client: TestClient) -> None:
    assert client.post("/screen", headers=READ, json={"items": [{"name": "Mintz"}]}).status_code == 200
    assert client.post("/screen", json={"items": [{"name": "Mintz"}]}).status_code == 401
    too_many = client.post("/screen", headers=READ, json={"items": [{"name": f"f{i}"} for i in range(1001)]})
    assert too_many.status_code == 422 and too_many.json()["parameter"] == "items"


# -- export -----------------------------------------------------------------------------------

@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_api_export_streams_rdf(client: TestClient) -> None:
    resp = client.get("/export", params={"format": "ntriples", "type": "Raid", "since": "2023-06"}, headers=READ)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/n-triples")
    graph = Graph().parse(data=resp.text, format="nt")
    names = {str(o) for s, p, o in graph if str(p).endswith("#name")}
    assert {SAKURAGAWA, FALKENRIED} <= names and "Apple Daily" not in names
    empty = client.get("/export", params={"format": "turtle", "since": "2099"}, headers=READ)
    assert empty.status_code == 200
    assert client.get("/export", params={"since": "June"}, headers=READ).status_code == 422


# -- injection --------------------------------------------------------------------------------

PAYLOADS = ["'", '"', "}", "')})", "MATCH (n) DETACH DELETE n", "' OR 1=1 //", "x\"}) DETACH DELETE n //",
            "\\", "$law", "`a`", "*:*", "a:b OR *", "CALL db.labels()"]


def injection_requests(payload: str) -> list[tuple[str, str, dict[str, Any]]]:
    p = payload
    q = quote(p, safe="")
    gets: list[tuple[str, dict[str, Any]]] = [
        ("/entities", {"q": p}), ("/entities", {"type": p}), ("/entities", {"country": p}),
        ("/entities", {"cursor": p}), (f"/entities/{q}", {}), (f"/entities/{q}/network", {}),
        ("/events", {"type": p}), ("/events", {"from": p}), ("/events", {"to": p}), ("/events", {"country": p}),
        ("/events", {"agent": p}), ("/events", {"target": p}), ("/events", {"law": p}), ("/events", {"foreign": p}),
        ("/events", {"cursor": p}), (f"/events/{q}", {}),
        ("/questions/targeted-after-law", {"law": p}), ("/questions/targeted-after-law", {"event_type": p}),
        ("/questions/targeted-after-law", {"basis": p}), ("/questions/targeted-after-law", {"cursor": p}),
        ("/paths", {"from": p, "to": "x"}), ("/paths", {"from": "x", "to": p}), ("/paths", {"from": "a", "to": "b",
                                                                                      "cursor": p}),
        ("/changes", {"since": p}), ("/changes", {"since": "2020-01-01T00:00:00Z", "cursor": p}),
        ("/export", {"format": p}), ("/export", {"since": p}), ("/export", {"type": p}),
    ]
    out: list[tuple[str, str, dict[str, Any]]] = [("GET", url, {"params": prm, "headers": READ}) for url, prm in gets]
    for item in ({"name": p}, {"id": p}, {"name": "x", "country": p}, {"name": "x", "countries": [p]},
                 {"name": "x", "sector": p}):
        out.append(("POST", "/screen", {"json": {"items": [item]}, "headers": WRITE}))
    out.append(("POST", "/screen", {"json": {"items": [{"name": "x"}], "since": p, "sectors": [p]},
                                    "headers": WRITE}))
    return out


def test_api_injection_attempts_change_nothing(client: TestClient, neo4j_driver: neo4j.Driver,
                                               neo4j_settings: Settings) -> None:
    before = counts(neo4j_driver, neo4j_settings.neo4j_database)
    for payload in PAYLOADS:
        for method, url, kwargs in injection_requests(payload):
            resp = client.request(method, url, **kwargs)
            # a normal answer (200, or 404 for an id that names nothing) or a 422 naming the parameter
            assert resp.status_code in (200, 404, 422), (method, url, kwargs, resp.status_code, resp.text)
            assert "Traceback" not in resp.text
    assert counts(neo4j_driver, neo4j_settings.neo4j_database) == before


def test_api_neo4j_down_is_503_with_retry_after(neo4j_settings: Settings) -> None:
    down = neo4j_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}",
                                             "neo4j_connect_timeout": 1.0})
    with started(down) as c:
        for url in ("/events", "/entities?q=mintz", "/questions/targeted-after-law"):
            resp = c.get(url, headers=READ)
            assert resp.status_code == 503, (url, resp.text)
            assert resp.headers["Retry-After"].isdigit() and resp.json()["error"] == "Neo4jUnavailable"
