"""Admission control (api.admission, applied in api.graph): at most N read transactions open in
Neo4j at once, the rest wait first come first served, a wait over its bound answers 503 with
Retry-After, and no error ever keeps a slot.

The live tests count, from a second connection, the transactions the server itself has open while
a crowd of requests runs. Each read transaction is held open after its query until a set number of
reads are held at once (or every request still running is holding one) and then until a whole poll
of the server has begun and ended: so the overlap the test looks for happens, and is seen, however
busy the machine is. A fixed hold (it was 0.15 s) could pass unseen between two polls, or end
before the next request got in, when other jobs slowed the test's threads.
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

WAIT_SECONDS = 4.0  # a bound on each wait of a hold, well inside the app's 10 s transaction timeout


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


class Rendezvous:
    """Holds read transactions open, after their query, until ``parties`` are held at once or no
    other request can join them (every request in flight holds a read or is queued at ``gate``),
    and then until a poll of the server has begun and ended since."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.parties = 0  # 0: reads are not held
        self.gate: Gate | None = None
        self.held = self.in_flight = self.round = self.polls = 0
        self.errors: list[str] = []  # bodies of answers other than 200, for the failure message

    def _complete(self) -> bool:
        queued = self.gate.waiting if self.gate is not None else 0
        return self.held >= self.parties or self.held + queued >= self.in_flight

    def hold(self) -> None:
        with self.cond:
            if not self.parties:
                return
            mine, deadline = self.round, time.monotonic() + WAIT_SECONDS
            self.held += 1
            while self.round == mine and time.monotonic() < deadline:
                if self._complete():
                    self.round, self.held = self.round + 1, 0
                    self.cond.notify_all()
                    break
                self.cond.wait(0.02)  # the gate's queue changes without telling us
            seen = self.polls
            self.cond.wait_for(lambda: self.polls >= seen + 2, WAIT_SECONDS)  # one whole poll since

    def polled(self) -> None:
        with self.cond:
            self.polls += 1
            self.cond.notify_all()

    def request(self, client: TestClient, url: str) -> int:
        """One request of the crowd (``in_flight`` counted all of them before the first started)."""
        try:
            resp = client.get(url, headers=READ)
            if resp.status_code != 200:
                self.errors.append(f"{url}: {resp.status_code} {resp.text}")
            return resp.status_code
        finally:
            with self.cond:
                self.in_flight -= 1
                self.cond.notify_all()


@pytest.fixture
def held_reads(monkeypatch: pytest.MonkeyPatch) -> Rendezvous:
    """Read transactions of the app stay open after their query while the rendezvous is armed."""
    meet = Rendezvous()
    real = queries.stream

    def held(tx: neo4j.Transaction, name: str, **params: Any) -> Iterator[dict[str, Any]]:
        rows = list(real(tx, name, **params))
        meet.hold()
        return iter(rows)

    monkeypatch.setattr(queries, "stream", held)
    return meet


@pytest.fixture
def gated(client: TestClient) -> Iterator[neo4j.Driver]:
    """The app's driver; its gate is put back after the test."""
    driver: neo4j.Driver = client.app.state.driver  # type: ignore[attr-defined]
    before = graph.gate_of(driver)
    yield driver
    graph.admit(driver, before)


def _open_transactions(settings: Settings, stop: threading.Event, meet: Rendezvous) -> list[int]:
    """Poll the server: how many transactions other than the poller's own are open, until ``stop``."""
    seen: list[int] = []
    with neo4j.GraphDatabase.driver(settings.bolt_uri, auth=settings.neo4j_auth) as driver, \
            driver.session(database="system") as session:
        while not stop.is_set():
            rows = session.run("SHOW TRANSACTIONS YIELD transactionId, database, currentQuery "
                               "WHERE database = $db AND NOT currentQuery STARTS WITH 'SHOW'",
                               db=settings.neo4j_database).data()
            seen.append(len(rows))
            meet.polled()
            time.sleep(0.01)
    return seen


def _crowd(client: TestClient, settings: Settings, urls: list[str], meet: Rendezvous, parties: int,
           gate: Gate | None) -> tuple[list[int], list[int]]:
    """Every url at once from its own client thread, reads held until ``parties`` meet: (status codes,
    open transactions seen by the server)."""
    stop = threading.Event()
    for url in dict.fromkeys(urls):  # each query planned once first: a cold plan takes seconds on a busy machine
        assert client.get(url, headers=READ).status_code == 200, url
    meet.parties, meet.gate, meet.in_flight = parties, gate, len(urls)
    try:
        with ThreadPoolExecutor(len(urls) + 1) as pool:
            poller = pool.submit(_open_transactions, settings, stop, meet)
            statuses = list(pool.map(lambda u: meet.request(client, u), urls))
            stop.set()
            return statuses, poller.result()
    finally:
        meet.parties = 0


def _urls(client: TestClient) -> list[str]:
    ministry = entity_id(client, "Ministry of State Security")
    return [f"/entities/{ministry}", f"/events?agent={ministry}", "/events?limit=5", "/entities?q=Ministry"] * 3


@pytest.mark.neo4j
def test_admission_bounds_transactions_open_in_neo4j(client: TestClient, gated: neo4j.Driver,
                                                     held_reads: Rendezvous, neo4j_settings: Settings) -> None:
    urls = _urls(client)
    graph.admit(gated, None)  # the control: without a gate the crowd is inside Neo4j at once
    statuses, seen = _crowd(client, neo4j_settings, urls, held_reads, parties=4, gate=None)
    assert set(statuses) == {200}, held_reads.errors
    assert max(seen) > 2, seen
    gate = Gate(2, 60.0)
    graph.admit(gated, gate)
    # three meet only if the gate let a third in: with two inside and the rest queued, two go on
    statuses, seen = _crowd(client, neo4j_settings, urls, held_reads, parties=3, gate=gate)
    assert set(statuses) == {200}, held_reads.errors
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
