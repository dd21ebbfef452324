"""A linked-data export streamed from a worker thread through a bounded queue of chunks.

The export itself is :func:`queries.export.export` (statements by :mod:`ontology.rdf`), which
writes to a byte stream page by page; here it runs in a worker thread writing into a bounded queue
that the response drains, so a large export neither sits in memory nor blocks the server. The
caller gets the first chunk (or the whole, small, export; or the error) before it answers, so an
unreachable Neo4j is still a clean 503 rather than a broken stream.

A failure after the response has started cannot change its status any more, so it is made
visible twice: the export appends a trailing record saying the output is incomplete, and the
rest of the body raises :class:`ExportInterrupted`, which aborts the chunked response (the
connection closes without the final empty chunk) - never a clean-looking truncated 200.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import queue
import threading
from collections.abc import Iterator
from typing import IO, cast

import neo4j

from queries.export import export as export_graph

log = logging.getLogger("enforcegraph.api")

CHUNK = 64 * 1024
#: What the queue holds after the last chunk of a complete export.
DONE = object()


class _Cancelled(Exception):
    """The client went away; the export thread stops."""


class ExportInterrupted(RuntimeError):
    """The export failed after the response had started: raised to abort the chunked body."""


class _QueueWriter(io.RawIOBase):
    """A binary stream whose writes become chunks on a bounded queue."""

    def __init__(self, chunks: queue.Queue[object], cancelled: threading.Event) -> None:
        self.chunks = chunks
        self.cancelled = cancelled
        self.parts: list[bytes] = []
        self.size = 0
        self.sent = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.parts.append(bytes(data))
        self.size += len(data)
        if self.size >= CHUNK:
            self.flush()
        return len(data)

    def discard(self) -> None:
        self.parts, self.size = [], 0

    def flush(self) -> None:
        if not self.parts:
            return
        chunk = b"".join(self.parts)
        self.discard()
        while True:
            if self.cancelled.is_set():
                raise _Cancelled
            try:
                self.chunks.put(chunk, timeout=0.5)
                self.sent += 1
                return
            except queue.Full:
                continue


def stream(driver: neo4j.Driver, database: str, fmt: str, since: str | None, type_: str | None,
            page_size: int, changed_since: dt.datetime | None,
            events: list[str] | None) -> tuple[object, Iterator[bytes], threading.Event]:
    chunks: queue.Queue[object] = queue.Queue(maxsize=16)
    cancelled = threading.Event()
    writer = _QueueWriter(chunks, cancelled)

    def work() -> None:
        try:
            export_graph(driver, cast(IO[bytes], writer), fmt, database=database, since=since, type_=type_,
                              batch_size=page_size, changed_since=changed_since, events=events)
            writer.flush()
            chunks.put(DONE)
        except _Cancelled:
            return
        except BaseException as exc:  # handed to the request thread
            try:
                if writer.sent:
                    writer.flush()  # the trailing "incomplete" record goes out before the abort
                else:
                    writer.discard()  # nothing sent yet: the client gets a clean error status instead
            except _Cancelled:
                return
            chunks.put(exc)

    threading.Thread(target=work, name="export", daemon=True).start()
    first = chunks.get()

    def rest() -> Iterator[bytes]:
        try:
            while True:
                item = chunks.get()
                if item is DONE:
                    return
                if isinstance(item, BaseException):
                    log.error("export stopped part-way (%s); aborting the response", type(item).__name__)
                    raise ExportInterrupted(f"export stopped part-way: {type(item).__name__}") from None
                assert isinstance(item, bytes)
                yield item
        finally:
            cancelled.set()

    return first, rest(), cancelled
