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
from ingest.readers import read_paths
from ingest.records import Document
from queries import run
from tests.helpers import READ, WRITE, cli, cli_env, started, write_sample
from tests.sample_graph import SAMPLE_CORPUS, extraction_from_gold

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

SECRET = "receiver-shared-secret-0123456789"
LOCAL = webhooks.Policy(allow_private=True)  # the receivers of these tests listen on 127.0.0.1
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


@pytest.fixture(scope="module")
def client(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    """The conftest's client, with webhooks to private addresses allowed (the receivers are on 127.0.0.1)."""
    write_sample(neo4j_driver, neo4j_settings.neo4j_database)
    with started(neo4j_settings.model_copy(update={"webhook_allow_private": True})) as c:
        yield c


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
    first = monitor.check(driver, database, stored, LOCAL)
    assert first.alerts == 1 and first.delivered == 0 and len(first.failed) == 1
    [entry] = client.get(f"/watchlists/{saved['id']}/deliveries", headers=READ).json()["items"]
    assert entry["status"] == "failed" and entry["attempts"] == 1 and "HTTP 410" in entry["error"]
    stored = monitor.get(driver, database, saved["id"])
    stored.request = ScreenRequest.model_validate(patched["watchlist"])
    second = monitor.check(driver, database, stored, LOCAL)
    assert second.delivered == 1 and len(receiver.requests) == 2
    headers, raw = receiver.requests[-1]
    assert webhooks.verify(secret, raw, headers["x-enforcegraph-signature"])
    assert json.loads(raw)["type"] == "score" and json.loads(raw)["score"] > 0
    monitor.delete(driver, database, saved["id"])


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


def _saved_for(client: TestClient, receiver: Receiver, name: str) -> str:
    body = {"name": name, "watchlist": {"items": [{"name": "Mintz Group", "country": "US", "countries": ["CN"]}]},
            "webhook": {"url": receiver.url, "secret": SECRET}}
    resp = client.post("/watchlists", headers=WRITE, json=body)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["id"])


def test_watchlists_events_learned_before_saving_never_alert(client: TestClient, receiver: Receiver) -> None:
    """The cause of the old flake: a baseline without the firm's events (it matched nothing, or another
    entity, when saved) made every event the firm already had look new at the next check."""
    wid = _saved_for(client, receiver, "Baseline")
    driver = client.app.state.driver  # type: ignore[attr-defined]
    database = client.app.state.settings.neo4j_database  # type: ignore[attr-defined]
    stored = monitor.get(driver, database, wid)
    assert len(stored.state["0"]["events"]) == 4  # the sample's four events against Mintz Group
    emptied = {"0": {**stored.state["0"], "entity": None, "events": []}}
    run(driver, "watchlist-state", database=database, id=wid, state=json.dumps(emptied), now=stored.saved_at)
    report = monitor.check(driver, database, monitor.get(driver, database, wid), LOCAL)
    assert (report.alerts, receiver.requests) == (0, [])  # known before the watchlist existed: not news
    assert monitor.get(driver, database, wid).state["0"]["events"] == stored.state["0"]["events"]
    assert monitor.check(driver, database, monitor.get(driver, database, wid), LOCAL).alerts == 0  # idempotent
    monitor.delete(driver, database, wid)


RAID = "Beijing police raided the Beijing office of Mintz Group on 3 June 2025, the company said.\n"
FINE = "Shanghai authorities fined Mintz Group 1.5 million yuan on 9 July 2025 for unapproved statistical work."


def _one_event_delivery(receiver: Receiver, wid: str, event_type: str) -> None:
    [(headers, raw)] = receiver.requests
    assert webhooks.verify(SECRET, raw, headers["x-enforcegraph-signature"])
    payload = json.loads(raw)
    assert (payload["watchlist"]["id"], payload["type"], payload["entity"]["name"]) == (wid, "event", "Mintz Group")
    assert payload["event"]["type"] == event_type


def test_watchlists_rescreened_after_each_ingest(client: TestClient, receiver: Receiver, neo4j_settings: Settings,
                                                 neo4j_driver: neo4j.Driver, tmp_path: Path) -> None:
    wid = _saved_for(client, receiver, "Monitored")
    article = tmp_path / "mintz-raid.txt"
    article.write_text(RAID, encoding="utf-8")
    [raid_doc] = [d.id for d in read_paths([article], None) if isinstance(d, Document)]
    try:
        env = cli_env(neo4j_settings, ENFORCEGRAPH_WEBHOOK_ALLOW_PRIVATE="true")
        done = subprocess.run(cli("ingest", str(article)), capture_output=True, text=True, timeout=600, env=env)
        assert done.returncode == 0, done.stderr
        assert "watchlists: 1 checked, 1 alert(s), 1 delivered" in done.stderr
        _one_event_delivery(receiver, wid, "Raid")  # no check called: the ingest re-screened the watchlist

        receiver.requests.clear()
        resp = client.post("/documents", headers=WRITE, json={"documents": [
            {"id": "mintz-fine-2025", "text": FINE, "published": "2025-07-10", "source": "testwire.example"}]})
        assert resp.status_code == 200 and resp.json()["written"] == ["mintz-fine-2025"], resp.text
        _one_event_delivery(receiver, wid, "Fine")
        again = client.post("/documents", headers=WRITE, json={"documents": [
            {"id": "mintz-fine-2025", "text": FINE, "published": "2025-07-10", "source": "testwire.example"}]})
        assert again.json()["unchanged"] == 1 and len(receiver.requests) == 1  # nothing new, nothing sent
    finally:
        monitor.delete(neo4j_driver, neo4j_settings.neo4j_database, wid)
        GraphWriter(neo4j_driver, database=neo4j_settings.neo4j_database).remove(["mintz-fine-2025", raid_doc])


def test_watchlists_an_alert_is_claimed_by_one_check_at_a_time(neo4j_driver: neo4j.Driver,
                                                               neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    now = dt.datetime.now(dt.UTC)

    def claim(at: dt.datetime) -> str:
        return str(run(neo4j_driver, "webhook-delivery-claim", database=db, id="delivery-claim-test",
                       watchlist="watchlist-claim-test", kind="event", subject="raid-x", detail="Raid", now=at,
                       leaseSeconds=60)[0]["status"])

    def record(status: str) -> None:
        run(neo4j_driver, "webhook-delivery-record", database=db, id="delivery-claim-test", status=status,
            attempts=1, httpStatus=None, error=None, now=now)

    # (the delivery node stays: bookkeeping of no watchlist, out of every listing)
    assert claim(now) == "claimed"
    assert claim(now) == "busy"  # a second process checking at the same moment does not send it too
    assert claim(now + dt.timedelta(seconds=61)) == "claimed"  # the first sender died: its claim lapsed
    record("failed")
    assert claim(now) == "claimed"  # a failed alert is tried again at once
    record("delivered")
    assert claim(now) == "delivered"


def test_watchlists_private_webhook_targets_refused_by_default(neo4j_settings: Settings) -> None:
    body = {"name": "Probe", "watchlist": {"items": [{"name": "Mintz Group"}]}}
    with started(neo4j_settings) as default:  # ENFORCEGRAPH_WEBHOOK_ALLOW_PRIVATE unset
        for url, why in (("http://169.254.169.254/latest/meta-data", "link-local"),
                         ("http://127.0.0.1:7474/db", "loopback"), ("ftp://files.example/hook", "http(s)")):
            resp = default.post("/watchlists", headers=WRITE, json={**body, "webhook": {"url": url}})
            assert resp.status_code == 422, resp.text
            detail = resp.json()["detail"]
            assert "webhook.url" in detail and why in detail and "\n" not in detail
        assert all(w["name"] != "Probe" for w in default.get("/watchlists", headers=READ).json()["items"])


def test_watchlists_news_is_what_was_learned_from_the_saving_second_on() -> None:
    """Record times are stored to the second; an event written in the second the watchlist was saved
    (a fast test, a busy feed) is news, one learned the second before is not."""
    saved_at = dt.datetime(2026, 12, 5, 12, 0, 0, 700_000, tzinfo=dt.UTC)
    saved = monitor.Saved(id="w", name="w", request=ScreenRequest.model_validate({"items": [{"name": "x"}]}),
                          webhook_url=None, secret=None, state={}, saved_at=saved_at)
    learned = {"same-second": saved_at.replace(microsecond=0), "before": saved_at - dt.timedelta(seconds=1),
               "after": saved_at + dt.timedelta(seconds=3), "unknown": None}
    assert monitor._news(saved, set(learned), learned) == ["after", "same-second", "unknown"]
