"""Admission control: at most N read queries inside Neo4j at once, the others wait their turn.

Why: under a crowd (50 clients on 2 cores) every query that Neo4j runs at the same time shares
the same CPUs, so each one's wall time grows with the crowd until the transaction timeout fires
on queries that would have taken 200 ms alone, and the server answers nothing in time. Bounding
how many queries run at once (``api_concurrent_queries``, a small multiple of the CPU count) keeps
each started query at full speed, so the timeout measures the query and not the crowd; the rest
wait in the API, first come first served, for at most ``api_queue_seconds``, after which the
request answers 503 with ``Retry-After`` (:class:`Overloaded`) instead of hanging.

A request that already ran a query (a page's ids, then their events) is let in ahead of requests
that have not started: finishing what was started keeps the number of half-done requests, and
their latency, low. A slot is handed straight to the next waiter on release, so a newcomer can
never overtake the queue, and a waiter that gives up takes its place back out under the same lock
(a slot handed to it at that instant is passed on, never lost).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from api.exc import Overloaded


class _Waiter:
    __slots__ = ("event", "granted")

    def __init__(self) -> None:
        self.event = threading.Event()
        self.granted = False


class Gate:
    """At most ``limit`` holders at once; the others wait in FIFO order (resumed requests first)."""

    def __init__(self, limit: int, wait_seconds: float) -> None:
        if limit < 1 or wait_seconds <= 0:
            raise ValueError("a gate needs a limit >= 1 and a positive wait")
        self.limit = limit
        self.wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self._free = limit
        self._queue: deque[_Waiter] = deque()
        self._resumed: deque[_Waiter] = deque()
        self.running = 0
        self.peak = 0  # most holders ever at once (for tests and diagnostics)

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._queue) + len(self._resumed)

    def _take(self) -> None:  # called with the lock held
        self.running += 1
        self.peak = max(self.peak, self.running)

    def acquire(self, *, resumed: bool = False) -> None:
        """Take a slot, waiting at most ``wait_seconds``; :class:`Overloaded` when none came."""
        with self._lock:
            if self._free and not self._queue and not self._resumed:
                self._free -= 1
                self._take()
                return
            waiter = _Waiter()
            (self._resumed if resumed else self._queue).append(waiter)
            ahead = len(self._queue) + len(self._resumed) - 1
        start = time.monotonic()
        waiter.event.wait(self.wait_seconds)
        with self._lock:
            if waiter.granted:  # handed over (possibly just as the wait ended): the slot is ours
                return
            (self._resumed if resumed else self._queue).remove(waiter)
        raise Overloaded(f"the service is answering other questions ({ahead} were ahead of this one, "
                         f"{self.limit} at a time); waited {time.monotonic() - start:.1f} s, retry later")

    def release(self) -> None:
        """Give the slot back: straight to the longest waiter (resumed ones first), else to the pool."""
        with self._lock:
            self.running -= 1
            queue = self._resumed or self._queue
            if queue:
                waiter = queue.popleft()
                waiter.granted = True
                self._take()
                waiter.event.set()
            else:
                self._free += 1

    @contextmanager
    def slot(self, *, resumed: bool = False) -> Iterator[None]:
        """Hold a slot for the ``with`` block; released however the block ends."""
        self.acquire(resumed=resumed)
        try:
            yield
        finally:
            self.release()
