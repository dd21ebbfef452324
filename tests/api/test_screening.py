"""Screening as a compliance analyst uses it, on the sample corpus graph (live Neo4j, through HTTP):
a 10-firm watchlist with spelling variants, a reversed name, a firm typed wrongly in the graph and
firms absent from it; read-key access, ISO countries, `since` accounting, paging and CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from queries import run
from tests.helpers import READ, firms
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

WATCHLIST: list[dict[str, Any]] = [
    {"name": "Bain and Company", "type": "Company", "country": "US", "countries": ["CN"]},
    {"name": "Hirano Daisuke", "type": "Person", "country": "JP"},
    {"name": "Tut.by", "type": "Company", "country": "BY"},
    {"name": "Mintz Group LLC", "country": "US", "countries": ["CN"]},
    {"name": "Thistlecombe Risk Partners Ltd", "country": "GB", "countries": ["CN"]},
    {"name": "Falkenried Consulting GmbH", "country": "DE", "countries": ["CN"]},
    {"name": "Sakuragawa Research Partners", "country": "JP", "countries": ["CN"]},
    {"name": "Kestrel Bay Advisory", "country": "NZ", "countries": ["CN"]},
    {"name": "Harwick Due Diligence Ltd", "type": "Company", "country": "GB", "countries": ["CN"]},
    {"name": "Ostwald Beratung GmbH", "type": "Company", "country": "DE", "countries": ["CN"]},
]
EXPECTED = ["Bain & Company", "Daisuke Hirano", "Tut.by", "Mintz Group", "Thistlecombe Risk Partners",
            "Falkenried Consulting", "Sakuragawa Research Partners", "Kestrel Bay Advisory", None, None]


def screen(client: TestClient, body: dict[str, Any], **query: Any) -> dict[str, Any]:
    resp = client.post("/screen", headers=READ, json=body, params=query)
    assert resp.status_code == 200, resp.text
    result: dict[str, Any] = resp.json()
    return result


def test_screening_watchlist_matches_like_an_analyst(client: TestClient) -> None:
    body = screen(client, {"items": WATCHLIST})
    items = body["items"]
    assert body["total"] == 10 and body["next"] is None and [i["row"] for i in items] == list(range(10))
    assert [i["match"] and i["match"]["entity"]["name"] for i in items] == EXPECTED
    bain, hirano, tutby, mintz = items[:4]
    assert bain["match"]["method"] == "name" and bain["match"]["confidence"] == 1.0
    assert hirano["match"]["method"] == "fuzzy" and hirano["match"]["name_score"] == 1.0
    assert hirano["match"]["confidence"] >= 0.8 and "token-sort" in hirano["match"]["explanation"]
    # the graph calls Tut.by an Organization: the analyst's Company wins, both are shown
    assert tutby["match"]["entity"]["type"] == "Organization" and tutby["type"] == "Company"
    assert tutby["conflicts"] == ["type: Company in the watchlist, Organization in the graph"]
    assert mintz["match"]["method"] == "name" and mintz["direct_events"]
    kestrel = items[7]
    assert kestrel["match"]["entity"]["country"] == "AU" and kestrel["home_country"] == "NZ"
    assert kestrel["conflicts"] == ["home country: NZ in the watchlist, AU in the graph"]
    assert kestrel["match"]["confidence"] == 0.9 and "AU" in kestrel["match"]["explanation"]


def test_screening_absent_firms_get_peer_exposure_from_the_analysts_countries(client: TestClient) -> None:
    harwick, ostwald = screen(client, {"items": WATCHLIST[8:]})["items"]
    for item, home, peer in ((harwick, "GB", "Thistlecombe Risk Partners"), (ostwald, "DE", "Falkenried Consulting")):
        assert item["match"] is None and item["home_country"] == home and item["jurisdictions"] == ["CN"]
        assert item["peer_event_count"] > 0 and item["peer_firm_count"] == 1 and item["score"] > 0
        assert {t["name"] for e in item["peer_events"] for t in e["targets"] if t["type"] == "Company"} == {peer}
        [reason] = item["reasons"]
        assert reason["component"] == "peer" and reason["count"] == item["peer_event_count"]
        assert reason["points"] == min(reason["cap"], reason["count"] * reason["points_each"]) == item["score"]


def test_screening_every_number_is_explained(client: TestClient) -> None:
    for item in screen(client, {"items": WATCHLIST})["items"]:
        assert item["score"] == min(100, sum(r["points"] for r in item["reasons"]))
        for r in item["reasons"]:
            if r["component"] == "direct":
                assert sum(r["by_type"].values()) == r["count"] and r["points"] <= r["cap"]
            else:
                assert r["points"] == min(r["cap"], r["count"] * r["points_each"])
            assert str(r["count"]) in r["reason"]
        if item["match"]:
            assert item["match"]["explanation"]
            assert {r["component"] for r in item["reasons"]} == {"direct", "peer"}


def test_screening_since_limits_events_and_says_what_it_left_out(client: TestClient) -> None:
    item = {"name": "Mintz Group", "country": "US", "countries": ["CN"]}
    everything = screen(client, {"items": [item]})["items"][0]
    recent = screen(client, {"items": [item], "since": "2023-06"})["items"][0]
    future = screen(client, {"items": [item], "since": "2099"})["items"][0]
    direct = {r["component"]: r for r in everything["reasons"]}["direct"]
    assert direct["left_out"] == {} and "not counted" not in direct["reason"]
    for body in (recent, future):
        d = {r["component"]: r for r in body["reasons"]}
        assert set(d) == {"direct", "peer"}  # no part disappears
        left = d["direct"]["left_out"]
        assert d["direct"]["count"] + sum(left.values()) == direct["count"]
        assert left.get("earlier", 0) > 0 and "not counted (since=" in d["direct"]["reason"]
    assert 0 < recent["reasons"][0]["count"] < direct["count"] and future["score"] == 0
    assert [e["type"] for e in recent["direct_events"]] == ["Fine"] and recent["reasons"][0]["points"] == 15


def test_screening_read_key_screens_and_countries_are_iso(client: TestClient) -> None:
    assert client.post("/screen", json={"items": [{"name": "Mintz"}]}).status_code == 401
    bad = client.post("/screen", headers=READ, json={"items": [{"name": "Mintz Group", "country": "XX"}]})
    assert bad.status_code == 422 and bad.json()["parameter"] == "items.0.country"
    assert "'XX' is not an ISO 3166-1 alpha-2 country code" in bad.json()["detail"]
    bad = client.post("/screen", headers=READ, json={"items": [{"name": "A", "countries": ["CN", "UK"]}]})
    assert bad.status_code == 422 and bad.json()["parameter"].startswith("items.0.countries")
    lower = screen(client, {"items": [{"name": "Mintz Group", "country": "us"}]})["items"][0]
    assert lower["home_country"] == "US" and lower["conflicts"] == []


def test_screening_pages_through_long_watchlists(client: TestClient) -> None:
    body = {"items": WATCHLIST}
    rows: list[int] = []
    cursor = None
    for _ in range(5):
        page = screen(client, body, limit=4, **({"cursor": cursor} if cursor else {}))
        rows += [i["row"] for i in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert rows == list(range(10))
    first = screen(client, body, limit=4)
    other = client.post("/screen", headers=READ, params={"cursor": first["next"]}, json={"items": WATCHLIST[:5]})
    assert other.status_code == 422 and other.json()["parameter"] == "cursor"


def test_screening_csv_in_and_out(client: TestClient) -> None:
    lines = ["Name,Type,Country,Countries,Ref"]
    for i, item in enumerate(WATCHLIST):
        lines.append(f"\"{item['name']}\",{item.get('type', '')},{item['country']},"
                     f"{' '.join(item.get('countries', []))},r{i}")
    resp = client.post("/screen/csv", headers={**READ, "content-type": "text/csv"}, content="\n".join(lines))
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert [r["ref"] for r in rows] == [f"r{i}" for i in range(10)]
    assert [r["match_name"] or None for r in rows] == EXPECTED
    json_items = screen(client, {"items": WATCHLIST})["items"]
    assert [float(r["score"]) for r in rows] == [i["score"] for i in json_items]
    assert int(rows[8]["peer_events"]) > 0 and rows[2]["conflicts"].startswith("type:")
    bad = client.post("/screen/csv", headers={**READ, "content-type": "text/csv"},
                      content="name,country\nAcme,XX\n")
    assert bad.status_code == 422 and "row 2" in bad.json()["detail"] and "XX" in bad.json()["detail"]
    bad = client.post("/screen/csv", headers={**READ, "content-type": "text/csv"}, content="firm,land\nA,B\n")
    assert bad.status_code == 422 and "header" in bad.json()["detail"]


def test_screening_peers_from_summaries_equal_the_scan_on_the_sample_graph(
        client: TestClient, neo4j_driver: neo4j.Driver) -> None:
    """Every firm of the sample graph, with the jurisdictions of its own events as the service takes them:
    the summaries' answer (api-screen-peers) is the events' own (api-screen-peers-scan)."""
    compared = counted = 0
    for firm in [p for p in firms(neo4j_driver).values() if p.get("country")]:
        direct = run(neo4j_driver, "api-screen-direct", id=firm["id"], since=None, limit=1)[0]
        for js, since, exclude in [(sorted(direct["jurisdictions"]) or ["CN"], None, firm["id"]),
                                   (["CN"], "2023-06", firm["id"]), (["CN", "RU"], "2020", "")]:
            args = {"home": firm["country"], "jurisdictions": js, "since": since, "exclude": exclude, "limit": 20}
            kept = run(neo4j_driver, "api-screen-peers", **args)
            assert kept == run(neo4j_driver, "api-screen-peers-scan", **args), args
            compared += 1
            counted += int(kept[0]["events"])
    assert compared > 30 and counted > 0
