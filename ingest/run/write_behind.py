"""Writing behind extraction: the writer runs in a thread of its own, fed through a bounded queue.

Why: the writer pulls extractions one at a time and, at every full group, spends a transaction
(tens to hundreds of milliseconds) during which nothing drives the extraction workers. Each
worker holds at most one document (that is how its time and memory are guarded), so while the
parent writes, every worker finishes its document and waits: with 2 workers on 2 cores the
writer's time was added to the extraction time instead of hidden under it. With the writer
behind a queue, the parent's main thread keeps handing documents to the workers while a group
is written, and the queue (``depth`` items) bounds what is held between the two.

Order is kept (one queue, one consumer), so the graph is the same as with the writer inline.
An error of the writer (the graph lost for longer than the retry time) stops the producer at
its next :meth:`WriteBehind.put` and is raised there, in the caller's thread; when the producer
stops early (its own error, Ctrl-C), :meth:`WriteBehind.close` lets the writer finish what it
already has (one group transaction at most) and waits for it, so nothing taken is half written.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")
_END = object()
PUT_POLL_SECONDS = 0.2  # how often a blocked producer looks whether the writer has failed


class WriteBehind(Generic[T]):
    """``consume`` (the writer's ``write``) runs in a thread over the items given to :meth:`put`.

    Use as a context manager: leaving the block normally ends the stream and waits for the
    writer, raising its error if it had one; leaving it by an exception stops the writer after
    the items it already took and re-raises the caller's exception.
    """

    def __init__(self, consume: Callable[[Iterable[T]], object], *, depth: int) -> None:
        if depth < 1:
            raise ValueError("depth must be at least 1")
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._consume = consume
        self._error: BaseException | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="enforcegraph-writer", daemon=True)
        self._thread.start()

    def __enter__(self) -> WriteBehind[T]:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if kind is None:
            self.finish()
        else:
            self.close()

    def _items(self) -> Iterator[T]:
        while True:
            item = self._queue.get()
            if item is _END or self._stopping.is_set():
                return
            yield item  # type: ignore[misc]

    def _run(self) -> None:
        try:
            self._consume(self._items())
        except BaseException as exc:  # handed to the producer's thread, raised there
            self._error = exc
        finally:
            self._stopping.set()  # a producer blocked on a full queue stops waiting

    def put(self, item: T) -> None:
        """Queue ``item`` for the writer; waits while the queue is full; raises the writer's error."""
        while True:
            if self._error is not None:
                raise self._error
            if self._stopping.is_set():
                raise RuntimeError("the writer has stopped")
            try:
                self._queue.put(item, timeout=PUT_POLL_SECONDS)
                return
            except queue.Full:
                continue

    def finish(self) -> None:
        """End of the stream: wait until the writer has written everything, then raise its error, if any."""
        while self._thread.is_alive():
            try:
                self._queue.put(_END, timeout=PUT_POLL_SECONDS)
                break
            except queue.Full:
                continue
        self._thread.join()
        if self._error is not None:
            raise self._error

    def close(self) -> None:
        """Stop early: the writer writes what it already took (its current group) and ends."""
        self._stopping.set()
        with contextlib.suppress(queue.Full):  # wake a writer waiting on an empty queue
            self._queue.put_nowait(_END)
        self._thread.join()
