"""``GET /export``: the graph (or a selection of its events) as linked data, streamed.

The parameters are checked here and the export streamed by :mod:`api.services.export_stream`,
which answers the first chunk (or the error) before the response starts: an unreachable Neo4j
is a clean 503, a failure part-way an aborted body, never a truncated 200.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from api import params
from api.deps import SettingsDep, driver_of, require_read
from api.exc import ERROR_RESPONSES, InvalidParameter
from api.models import types
from api.models.types import EventType
from api.services import export_stream
from ontology.rdf import stream as rdf_export

router = APIRouter(tags=["linked data"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

ExportFormat = Literal["turtle", "ntriples", "nquads", "trig", "jsonld", "xml"]
MAX_EVENTS = 500


@router.get("/export", summary="The graph as linked data (RDF), streamed",
            responses={200: {"content": {f.media_type: {} for f in rdf_export.FORMATS.values()},
                             "description": "The export in the requested RDF syntax."}})
def export(
    request: Request,
    settings: SettingsDep,
    format: Annotated[ExportFormat, Query(description=(
        "RDF syntax: turtle, ntriples, nquads, trig, xml (streamed) or jsonld (built in memory)."))] = "turtle",
    since: Annotated[str | None, Query(pattern=types.PARTIAL_DATE, description=(
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
    first, rest, cancelled = export_stream.stream(driver_of(request), settings.neo4j_database, fmt.name, since,
                                     type.value if type else None, settings.export_page_size,
                                     rdf_export.parse_changed_since(changed_since), event)
    if first is export_stream.DONE:
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
