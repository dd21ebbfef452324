"""Screening when Neo4j runs out of transaction memory (issue 14: 1 in 3 screening requests answered
500 at 1M events when the peer query hit the server's transaction memory pool).

A real server of its own with a small transaction memory pool (``dbms.memory.transaction.total.max``,
passed through ``local_server(conf=...)``) over the sample graph. Another client's heavy query
holds most of the pool while its result is open, as a burst of large questions does at scale;
a screening request then needs more than is left and must answer 503 with the reason and
``Retry-After``, never 500; once the pool is free the same request answers in full.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import neo4j
import pytest

from enforcegraph.db import open_driver
from enforcegraph.settings import Settings
from queries import schema
from tests.helpers import READ, local_server, started, write_sample
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

#: The server's pool for all transactions together (small enough to fill, large enough to start).
POOL = "16m"
#: A firm absent from the graph: its screening is the name search plus the peer query.
ABSENT_FIRM = {"name": "Harwick Due Diligence Ltd", "type": "Company", "country": "GB", "countries": ["CN"]}
#: Other clients' questions keep lists of numbers in memory while their results are open: the pool
#: is filled with the largest that still fit, then smaller ones, down to a sliver.
HOLD_NUMBERS = (500_000, 200_000, 100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000)


@pytest.fixture(scope="module")
def small_pool() -> Iterator[Settings]:
    with local_server("screen-memory", conf={"dbms.memory.transaction.total.max": POOL}) as settings:
        driver = open_driver(settings)
        try:
            schema.apply(driver, database=settings.neo4j_database)
            write_sample(driver, settings.neo4j_database)
        finally:
            driver.close()
        yield settings


def _hold(driver: neo4j.Driver, database: str, n: int, stack: ExitStack) -> bool:
    """Open a read transaction holding a list of ``n`` numbers until ``stack`` closes; False if the pool refuses."""
    session = stack.enter_context(driver.session(database=database, default_access_mode=neo4j.READ_ACCESS))
    try:  # the list is built and held until the transaction ends
        tx = session.begin_transaction()
    except neo4j.exceptions.TransientError:  # the pool cannot even start one more
        return False
    try:
        tx.run("UNWIND range(1, $n) AS x WITH collect(x) AS xs UNWIND xs AS y RETURN y", n=n).peek()
    except neo4j.exceptions.TransientError:
        tx.close()
        return False
    stack.callback(tx.close)
    return True


@contextmanager
def pool_held(settings: Settings) -> Iterator[int]:
    """Open read transactions of other clients holding all but a sliver of the pool (yields how many)."""
    driver = open_driver(settings)
    try:
        with ExitStack() as stack:
            held = 0
            for n in HOLD_NUMBERS:
                while held < 1000 and _hold(driver, settings.neo4j_database, n, stack):
                    held += 1
            assert held, f"no list of {HOLD_NUMBERS[-1]} numbers fits a pool of {POOL}"
            yield held
    finally:
        driver.close()


def test_screening_memory_limit_answers_503_with_reason_not_500(small_pool: Settings) -> None:
    with started(small_pool) as client:
        with pool_held(small_pool):
            resp = client.post("/screen", headers=READ, json={"items": [ABSENT_FIRM]})
        assert resp.status_code == 503, resp.text
        body = resp.json()
        assert body["error"] == "QueryTooLarge"
        assert body["detail"].startswith("the question needs more memory than the graph database allows one query")
        assert "MemoryPoolOutOfMemoryError" in body["detail"] and "retry later" in body["detail"]
        assert resp.headers["Retry-After"] == "10"

        # the pool is free again: the same request answers in full (what Retry-After promised)
        again = client.post("/screen", headers=READ, json={"items": [ABSENT_FIRM]})
        assert again.status_code == 200, again.text
        [item] = again.json()["items"]
        assert item["match"] is None and item["peer_event_count"] > 0 and item["peer_firm_count"] == 1
