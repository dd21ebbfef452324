"""``GET /export``: the graph (or a selection of its events) as linked data, streamed.

The export itself is :func:`ontology.rdf.stream.export` (over :mod:`queries.export`), which writes
to a stream page by page; here it runs in a worker thread writing into a bounded queue that the response drains,
so a large export neither sits in memory nor blocks the server. The response starts only once
the first chunk (or the whole, small, export) is ready, so an unreachable Neo4j is still a
clean 503 rather than a broken stream.

A failure after the response has started cannot change its status any more, so it is made
visible twice: the export appends a trailing record saying the output is incomplete, and the
chunked body is then aborted (the connection closes without the final empty chunk), which
every HTTP client reports as an error - never a clean-looking truncated 200.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import queue
import threading
from collections.abc import Iterator
from typing import IO, Annotated, Literal, cast

import neo4j
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from api import params
from api.deps import SettingsDep, driver_of, require_read
from api.exc import ERROR_RESPONSES, InvalidParameter
from api.params import EventType
from ontology.rdf import stream as rdf_export
from queries.export import export as export_graph

log = logging.getLogger("enforcegraph.api")
router = APIRouter(tags=["linked data"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

ExportFormat = Literal["turtle", "ntriples", "nquads", "trig", "jsonld", "xml"]
CHUNK = 64 * 1024
MAX_EVENTS = 500
_DONE = object()


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


def _stream(driver: neo4j.Driver, database: str, fmt: str, since: str | None, type_: str | None,
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
            chunks.put(_DONE)
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
                if item is _DONE:
                    return
                if isinstance(item, BaseException):
                    log.error("export stopped part-way (%s); aborting the response", type(item).__name__)
                    raise ExportInterrupted(f"export stopped part-way: {type(item).__name__}") from None
                assert isinstance(item, bytes)
                yield item
        finally:
            cancelled.set()

    return first, rest(), cancelled


@router.get("/export", summary="The graph as linked data (RDF), streamed",
            responses={200: {"content": {f.media_type: {} for f in rdf_export.FORMATS.values()},
                             "description": "The export in the requested RDF syntax."}})
def export(
    request: Request,
    settings: SettingsDep,
    format: Annotated[ExportFormat, Query(description=(
        "RDF syntax: turtle, ntriples, nquads, trig, xml (streamed) or jsonld (built in memory)."))] = "turtle",
    since: Annotated[str | None, Query(pattern=params.PARTIAL_DATE, description=(
        "Only events that may be on or after this date, and what they involve."))] = None,
    type: Annotated[EventType | None, Query(description="Only events of this class, and what they involve.")] = None,
    event: Annotated[list[str] | None, Query(description=(
        f"Only these events (ids; repeat the parameter, at most {MAX_EVENTS}), and what they involve: "
        "e.g. what a screen shows."))] = None,
    changed_since: Annotated[dt.datetime | None, Query(description=(
        "A delta (nquads or trig): only what was recorded at or after this ISO 8601 date-time (UTC without an "
        "offset), with a retraction graph of the subjects whose earlier statements to drop first."))] = None,
) -> StreamingResponse:
    """Every document, entity and event (or those selected by `since`, `type` and `event`) with each
    fact's reports: the document, the evidence sentence and its offsets (PROV-O qualified derivations).
    N-Quads and TriG put each document's statements in its own named graph."""
    since = params.partial_date(since, "since")
    if event is not None and not 1 <= len(event) <= MAX_EVENTS:
        raise InvalidParameter("event", f"give 1-{MAX_EVENTS} event ids")
    if event is not None and any(not e or len(e) > 300 for e in event):
        raise InvalidParameter("event", "an event id is empty or longer than 300 characters")
    fmt = rdf_export.parse_format(format)
    if changed_since is not None and not fmt.quads:
        raise InvalidParameter("changed_since", "a delta needs format nquads or trig")
    first, rest, cancelled = _stream(driver_of(request), settings.neo4j_database, fmt.name, since,
                                     type.value if type else None, settings.export_page_size,
                                     rdf_export.parse_changed_since(changed_since), event)
    if first is _DONE:
        cancelled.set()
        return StreamingResponse(iter(()), media_type=fmt.media_type)
    if isinstance(first, BaseException):
        cancelled.set()
        raise first

    def body() -> Iterator[bytes]:
        assert isinstance(first, bytes)
        yield first
        yield from rest

    return StreamingResponse(body(), media_type=fmt.media_type,
                             headers={"Content-Disposition": f'inline; filename="enforcegraph.{fmt.extension}"'})
