"""Admission control (api.admission, applied in api.graph): at most N read transactions open in
Neo4j at once, the rest wait first come first served, a wait over its bound answers 503 with
Retry-After, and no error ever keeps a slot.

The live tests hold each read transaction open a little longer than its query (so that overlaps
are certain on the small sample graph) and count, from a second connection, the transactions the
server itself has open while a crowd of requests runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

import queries
from api import graph
from api.admission import Gate
from api.exc import Overloaded
from enforcegraph.settings import Settings
from tests.helpers import READ, entity_id
from tests.sample_graph import SAMPLE_CORPUS

HOLD_SECONDS = 0.15  # how long each read transaction stays open after its query


# -- the gate alone ------------------------------------------------------------------------------

def _queue_order(gate: Gate, arrivals: list[tuple[str, bool]]) -> list[str]:
    """Names in the order they got a slot while the only slot was taken, each waiter enqueued in turn."""
    order: list[str] = []
    threads = []
    gate.acquire()
    for name, resumed in arrivals:
        def wait(name: str = name, resumed: bool = resumed) -> None:
            with gate.slot(resumed=resumed):
                order.append(name)
        t = threading.Thread(target=wait)
        t.start()
        threads.append(t)
        while gate.waiting < len(threads):  # enqueued before the next one arrives
            time.sleep(0.001)
    gate.release()
    for t in threads:
        t.join(5)
    return order


def test_admission_gate_first_come_first_served_resumed_requests_first() -> None:
    gate = Gate(1, 5.0)
    order = _queue_order(gate, [("a", False), ("b", False), ("c", True), ("d", False), ("e", True)])
    assert order == ["c", "e", "a", "b", "d"]
    assert (gate.running, gate.waiting, gate.peak) == (0, 0, 1)


def test_admission_gate_wait_over_bound_raises_and_keeps_no_slot() -> None:
    gate = Gate(1, 0.2)
    gate.acquire()
    t = time.monotonic()
    with pytest.raises(Overloaded, match="1 at a time"):
        gate.acquire()
    assert 0.2 <= time.monotonic() - t < 2
    assert gate.waiting == 0
    gate.release()
    with gate.slot():  # the slot came back; no one is left queued
        assert gate.running == 1
    assert gate.running == 0


def test_admission_gate_slot_released_when_the_block_raises() -> None:
    gate = Gate(1, 0.2)
    with pytest.raises(RuntimeError), gate.slot():
        raise RuntimeError("a failing query")
    with gate.slot():
        assert gate.running == 1


# -- the API over a live Neo4j -------------------------------------------------------------------

pytestmark = pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")


@pytest.fixture
def slow_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each read transaction stays open ``HOLD_SECONDS`` after its query returned its rows."""
    real = queries.stream

    def held(tx: neo4j.Transaction, name: str, **params: Any) -> Iterator[dict[str, Any]]:
        rows = list(real(tx, name, **params))
        time.sleep(HOLD_SECONDS)
        return iter(rows)

    monkeypatch.setattr(queries, "stream", held)


@pytest.fixture
def gated(client: TestClient) -> Iterator[neo4j.Driver]:
    """The app's driver; its gate is put back after the test."""
    driver: neo4j.Driver = client.app.state.driver  # type: ignore[attr-defined]
    before = graph.gate_of(driver)
    yield driver
    graph.admit(driver, before)


def _open_transactions(settings: Settings, stop: threading.Event) -> list[int]:
    """Poll the server: how many transactions other than the poller's own are open, until ``stop``."""
    seen: list[int] = []
    with neo4j.GraphDatabase.driver(settings.bolt_uri, auth=settings.neo4j_auth) as driver, \
            driver.session(database="system") as session:
        while not stop.is_set():
            rows = session.run("SHOW TRANSACTIONS YIELD transactionId, database, currentQuery "
                               "WHERE database = $db AND NOT currentQuery STARTS WITH 'SHOW'",
                               db=settings.neo4j_database).data()
            seen.append(len(rows))
            time.sleep(0.01)
    return seen


def _crowd(client: TestClient, settings: Settings, urls: list[str]) -> tuple[list[int], list[int]]:
    """Every url at once from its own client thread: (status codes, open transactions seen by the server)."""
    stop = threading.Event()
    with ThreadPoolExecutor(len(urls) + 1) as pool:
        poller = pool.submit(_open_transactions, settings, stop)
        time.sleep(0.2)
        statuses = list(pool.map(lambda u: client.get(u, headers=READ).status_code, urls))
        stop.set()
        return statuses, poller.result()


def _urls(client: TestClient) -> list[str]:
    ministry = entity_id(client, "Ministry of State Security")
    return [f"/entities/{ministry}", f"/events?agent={ministry}", "/events?limit=5", "/entities?q=Ministry"] * 3


@pytest.mark.neo4j
def test_admission_bounds_transactions_open_in_neo4j(client: TestClient, gated: neo4j.Driver, slow_reads: None,
                                                     neo4j_settings: Settings) -> None:
    urls = _urls(client)
    graph.admit(gated, None)  # the control: without a gate the crowd is inside Neo4j at once
    statuses, seen = _crowd(client, neo4j_settings, urls)
    assert set(statuses) == {200}
    assert max(seen) > 2, seen
    gate = Gate(2, 30.0)
    graph.admit(gated, gate)
    statuses, seen = _crowd(client, neo4j_settings, urls)
    assert set(statuses) == {200}
    assert max(seen) == 2, seen  # reached, never exceeded
    assert gate.peak == 2
    assert (gate.running, gate.waiting) == (0, 0)


@pytest.mark.neo4j
def test_admission_queued_request_over_the_wait_answers_503_with_retry_after(client: TestClient,
                                                                             gated: neo4j.Driver) -> None:
    gate = Gate(1, 0.3)
    graph.admit(gated, gate)
    gate.acquire()  # another request's query holds the only slot
    try:
        resp = client.get("/events", params={"limit": 5}, headers=READ)
    finally:
        gate.release()
    assert resp.status_code == 503, resp.text
    assert resp.headers["Retry-After"].isdigit()
    body = resp.json()
    assert body["error"] == "Overloaded"
    assert "retry later" in body["detail"] and "Traceback" not in resp.text
    assert (gate.running, gate.waiting) == (0, 0)
    assert client.get("/events", params={"limit": 5}, headers=READ).status_code == 200


@pytest.mark.neo4j
def test_admission_no_slot_leaks_when_queries_fail(client: TestClient, gated: neo4j.Driver,
                                                   neo4j_settings: Settings) -> None:
    gate = Gate(1, 0.5)
    graph.admit(gated, gate)
    for _ in range(3):  # a query Neo4j refuses (a full-text query it cannot parse), through the gate
        with pytest.raises(neo4j.exceptions.ClientError):
            graph.read(gated, neo4j_settings.neo4j_database, "api-entity-search", query="name:(", candidates=5,
                       afterScore=None, afterId="",
                       type="Actor", country=None, limit=5)
        assert gate.running == 0
    assert client.get("/entities/no-such-entity", headers=READ).status_code == 404
    assert client.get("/events", params={"limit": 5}, headers=READ).status_code == 200
    assert (gate.running, gate.waiting) == (0, 0)
