"""Writing behind extraction: order kept, the producer not held up by a busy writer, errors surfaced.

The consumer stands in for ``GraphWriter.write`` (it takes an iterable and works through it);
the service's own tests (golden graph, Dask against one process, Neo4j killed mid-way) run the
real writer behind the queue.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable

import pytest

from ingest.errors import GraphUnavailable
from ingest.run.write_behind import WriteBehind


def test_write_behind_consumes_everything_in_order() -> None:
    seen: list[int] = []

    def consume(items: Iterable[int]) -> None:
        for i in items:
            if i % 50 == 0:
                time.sleep(0.01)  # a group's transaction
            seen.append(i)

    with WriteBehind[int](consume, depth=7) as behind:
        for i in range(500):
            behind.put(i)
    assert seen == list(range(500))


def test_write_behind_producer_goes_on_while_the_writer_is_busy() -> None:
    release = threading.Event()
    taken: list[int] = []

    def consume(items: Iterable[int]) -> None:
        for i in items:
            taken.append(i)
            release.wait(10)  # the first group's transaction takes long

    with WriteBehind[int](consume, depth=20) as behind:
        behind.put(0)
        t0 = time.monotonic()
        for i in range(1, 21):  # the queue holds 20 while the writer is busy
            behind.put(i)
        queued_in = time.monotonic() - t0
        release.set()
    assert queued_in < 1.0  # not held until the writer is done (10 s)
    assert taken == list(range(21))


def test_write_behind_queue_bounds_what_is_held() -> None:
    release = threading.Event()

    def consume(items: Iterable[int]) -> None:
        for _ in items:
            release.wait(10)

    behind = WriteBehind[int](consume, depth=3)
    behind.put(0)
    time.sleep(0.1)  # the writer took item 0 and is busy with it
    for i in range(1, 4):
        behind.put(i)
    blocked = threading.Thread(target=behind.put, args=(4,))
    blocked.start()
    blocked.join(0.5)
    assert blocked.is_alive()  # the fifth item waits for room
    release.set()
    blocked.join(5)
    behind.finish()


def test_write_behind_writer_error_stops_the_producer() -> None:
    def consume(items: Iterable[int]) -> None:
        for i in items:
            if i == 3:
                raise GraphUnavailable("Neo4j was lost during the ingest")

    put = 0
    t0 = time.monotonic()
    with pytest.raises(GraphUnavailable, match="was lost"), WriteBehind[int](consume, depth=2) as behind:
        for i in range(10_000):
            behind.put(i)
            put += 1
    assert put < 10  # stopped at the next put, not after the whole stream
    assert time.monotonic() - t0 < 5


def test_write_behind_error_found_at_the_end_is_raised() -> None:
    def consume(items: Iterable[int]) -> None:
        list(items)
        raise GraphUnavailable("the last group could not be written")

    behind = WriteBehind[int](consume, depth=4)
    behind.put(1)
    with pytest.raises(GraphUnavailable, match="last group"):
        behind.finish()


def test_write_behind_producer_error_ends_the_writer_after_what_it_took() -> None:
    taken: list[int] = []
    writing = threading.Event()

    def consume(items: Iterable[int]) -> None:
        for i in items:
            taken.append(i)
            writing.set()

    with pytest.raises(KeyboardInterrupt), WriteBehind[int](consume, depth=4) as behind:
        behind.put(0)
        behind.put(1)
        writing.wait(5)
        raise KeyboardInterrupt
    assert taken[:1] == [0] and taken == sorted(taken)  # a prefix of what was put, nothing after
    assert not behind._thread.is_alive()


def test_write_behind_rejects_a_depth_below_one() -> None:
    with pytest.raises(ValueError, match="depth"):
        WriteBehind[int](lambda items: None, depth=0)
