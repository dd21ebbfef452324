"""The change feeds on the live graph: events by record time (when we learned them) apart from valid
time (when they happened), paged, narrowed to a watchlist; and the corrections feed after a document
is changed and then removed."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from tests.helpers import READ, WRITE, started, write_sample
from tests.sample_graph import SAMPLE_CORPUS, extraction_from_gold

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

FINE = "Beijing police fined Mintz Group on 2 May 2024 for unapproved statistical work."
PROBE = "Police in Beijing opened an investigation into Mintz Group on 3 May 2024."
CLOSURE = "Beijing police had already closed an office of Mintz Group on 10 November 2022."
AGENT = {"agents": ["Beijing police"], "targets": ["Mintz Group"]}
EVENTS = {FINE: {"type": "Fine", "date": "2024-05-02", **AGENT},
          PROBE: {"type": "Investigation", "date": "2024-05-03", **AGENT},
          CLOSURE: {"type": "Closure", "date": "2022-11-10", **AGENT}}


def _doc(*sentences: str) -> dict[str, Any]:
    return {"id": "mintz-feed-testwire", "title": "Mintz Group fined", "published": "2024-05-04",
            "source": "testwire.example", "text": " ".join(sentences),
            "gold": {"entities": [{"name": "Mintz Group", "type": "Company", "country": "US"},
                                  {"name": "Beijing police", "type": "GovernmentBody", "country": "CN"}],
                     "events": [{**EVENTS[s], "evidence": s} for s in sentences]}}


@pytest.fixture(scope="module")
def client(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    write_sample(neo4j_driver, neo4j_settings.neo4j_database)
    with started(neo4j_settings) as c:
        yield c


def _next_second() -> dt.datetime:
    """The start of the next whole second, once it has come: record times are stored to the second,
    so what was written before this instant is never "since" it."""
    now = dt.datetime.now(dt.UTC)
    time.sleep(1 - now.microsecond / 1e6 + 0.01)
    return (now + dt.timedelta(seconds=1)).replace(microsecond=0)


def _all(client: TestClient, path: str, **query: str) -> list[dict[str, Any]]:
    """Every item of a feed, read one per page (so paging is exercised)."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(100):
        resp = client.get(path, headers=READ, params={**query, "limit": "1", **({"cursor": cursor} if cursor else {})})
        assert resp.status_code == 200, resp.text
        items += resp.json()["items"]
        cursor = resp.json()["next"]
        if cursor is None:
            return items
    raise AssertionError("paging did not end")


def test_change_feeds_record_time_valid_time_watchlist_and_corrections(
        client: TestClient, neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> None:
    writer = GraphWriter(neo4j_driver, database=neo4j_settings.neo4j_database)
    t0 = _next_second()
    assert client.get("/changes/events", headers=READ, params={"since": t0.isoformat()}).json()["items"] == []
    assert writer.write([extraction_from_gold(_doc(FINE, PROBE, CLOSURE))]).failed == []

    learned = _all(client, "/changes/events", since=t0.isoformat())
    assert sorted((i["event"]["type"], i["valid_date"]) for i in learned) == [
        ("Closure", "2022-11-10"), ("Fine", "2024-05-02"), ("Investigation", "2024-05-03")]  # a 2022 closure is news
    assert all(dt.datetime.fromisoformat(i["recorded_at"]) >= t0 for i in learned)
    assert all([t["name"] for t in i["targets"]] == ["Mintz Group"] and i["documents"] == ["mintz-feed-testwire"]
               for i in learned)
    recent = _all(client, "/changes/events", since=t0.isoformat(), happened_since="2024")
    assert sorted(i["event"]["type"] for i in recent) == ["Fine", "Investigation"]
    everything = _all(client, "/changes/events", since="2000-01-01T00:00:00Z", happened_since="2024-05-02")
    assert {i["event"]["id"] for i in recent} <= {i["event"]["id"] for i in everything}

    watched = {"name": "Mintz", "watchlist": {"items": [{"name": "Mintz Group", "country": "US"}]}}
    other = {"name": "Absent", "watchlist": {"items": [{"name": "Harwick Due Diligence Ltd", "country": "GB"}]}}
    mintz = client.post("/watchlists", headers=WRITE, json=watched).json()["id"]
    absent = client.post("/watchlists", headers=WRITE, json=other).json()["id"]
    assert len(_all(client, "/changes/events", since=t0.isoformat(), watchlist=mintz)) == 3
    assert _all(client, "/changes/events", since=t0.isoformat(), watchlist=absent) == []
    assert client.get("/changes/events", headers=READ, params={"since": t0.isoformat(),
                                                               "watchlist": "watchlist-none"}).status_code == 404

    # the article is corrected (the closure sentence goes), then withdrawn
    t1 = _next_second()
    assert writer.write([extraction_from_gold(_doc(FINE, PROBE))]).failed == []
    corrected = _all(client, "/changes/corrections", since=t1.isoformat())
    assert [(c["kind"], c["reason"]) for c in corrected] == [("event", "no document reports this event any more")]
    closure_id = corrected[0]["id"]
    assert closure_id.startswith("closure-")
    assert _all(client, "/changes/corrections", since=t1.isoformat(), watchlist=mintz) == corrected
    assert _all(client, "/changes/corrections", since=t1.isoformat(), watchlist=absent) == []

    t2 = _next_second()
    writer.remove(["mintz-feed-testwire"])
    removed = _all(client, "/changes/corrections", since=t2.isoformat())
    kinds = sorted((c["kind"], c["id"].split("-")[0]) for c in removed if c["kind"] != "report")
    assert kinds == [("document", "mintz"), ("event", "fine"), ("event", "investigation")]
    reports = sorted(c["id"].split("-")[0] for c in removed if c["kind"] == "report")
    assert reports == ["company", "government"]  # Mintz Group and Beijing police stay: other documents name them
    report = next(c for c in removed if c["kind"] == "report" and c["id"].startswith("company-"))
    assert report["document"] == "mintz-feed-testwire" and "was removed" in report["reason"]
    assert _all(client, "/changes/events", since=t0.isoformat()) == []  # nothing learned since t0 is still said
    followed = _all(client, "/changes/corrections", since=t1.isoformat(), watchlist=mintz)
    assert sorted((c["kind"], c["id"].split("-")[0]) for c in followed) == [  # each retraction once
        ("event", "closure"), ("event", "fine"), ("event", "investigation"), ("report", "company")]
    for wid in (mintz, absent):
        assert client.delete(f"/watchlists/{wid}", headers=WRITE).status_code == 204
