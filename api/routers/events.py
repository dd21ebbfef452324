"""``GET /events`` (filtered list) and ``GET /events/{id}`` (one event with every source)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from api import convert, params
from api.deps import GraphDep, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE, InvalidParameter
from api.models import EventDetail, EventPage, types
from api.models.types import EventType
from api.params import ArgumentFilter, CursorParam, Limit, MinArgumentProbability, UnscoredArguments
from api.services import anchored, revisions
from enforcegraph.errors import NotFound

router = APIRouter(tags=["events"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

DateParam = Annotated[str | None, Query(pattern=types.PARTIAL_DATE, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
EntityParam = Annotated[str | None, Query(min_length=1, max_length=300, description="An entity id or exact name.")]


@router.get("/events", response_model=EventPage, summary="Enforcement events, filtered")
def list_events(
    graph: GraphDep,
    type: Annotated[EventType | None, Query(description="Keep events of this ontology class.")] = None,
    from_: Annotated[str | None, Query(alias="from", pattern=types.PARTIAL_DATE, description=(
        "Keep events that may be on or after this date (YYYY, YYYY-MM or YYYY-MM-DD; an event dated "
        "2023-04 counts for from=2023-04-15). Undated events are left out when a date bound is given."))] = None,
    to: Annotated[str | None, Query(pattern=types.PARTIAL_DATE, description=(
        "Keep events that may be on or before this date."))] = None,
    country: Annotated[str | None, Query(pattern=types.COUNTRY, description=(
        "ISO 3166-1 alpha-2: keep events whose acting authority or location is in this country."))] = None,
    agent: EntityParam = None,
    target: EntityParam = None,
    law: EntityParam = None,
    foreign: Annotated[bool | None, Query(description=(
        "true: keep events where a target's home country differs from an acting authority's; "
        "false: keep only events without such a target."))] = None,
    min_sources: Annotated[int, Query(ge=1, le=1000, description=(
        "Keep events reported by at least this many documents."))] = 1,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0, description=(
        "Keep events whose confidence - the calibrated probability that the event is real, from its "
        "most confident report (docs/LEARNED.md) - is at least this."))] = 0.0,
    min_argument_probability: MinArgumentProbability = None,
    unscored_arguments: UnscoredArguments = "keep",
    limit: Limit = 50,
    cursor: CursorParam = None,
) -> EventPage:
    """Events newest first (undated last, ties by id), each with its agents and targets (with the
    argument model's probability of each), location, laws, date precision, confidence and the
    documents that report it."""
    frm = params.partial_date(from_, "from")
    until = params.partial_date(to, "to")
    if frm and until and until < frm[: len(until)]:
        raise InvalidParameter("to", "is before 'from'")
    after = params.decode_cursor(cursor, "events", (str, str))
    filters = {"type": type.value if type else None, "country": params.country(country), "foreign": foreign,
               "minSources": min_sources, "minConfidence": min_confidence}
    dates = {"from": frm, "to": until}
    keep = ArgumentFilter.of(min_argument_probability, unscored_arguments)
    if agent or target or law:
        rows = anchored.events(graph, {"agent": agent, "target": target, "law": law}, dates,
                               {**filters, **keep.query_params()}, after, limit + 1)
    elif after is None or after[0] != "":
        # dated events in the order of the date index, then (without date bounds) the undated ones
        upper = min(after[0] if after else "9999-99-99", revisions.latest(until) if until else "9999-99-99")
        rows = graph.read("api-events-dated", lower=frm[:4] if frm else "", upper=upper, **dates, **filters,
                          afterDate=after[0] if after else None, afterId=after[1] if after else "",
                          limit=limit + 1)
        if len(rows) <= limit and not (frm or until):
            rows += graph.read("api-events-undated", **filters, afterId="", limit=limit + 1 - len(rows))
    else:
        rows = graph.read("api-events-undated", **filters, afterId=after[1], limit=limit + 1)
    rows, nxt = params.page(rows, limit, "events", lambda r: [r["date"], r["id"]])
    found = graph.read("api-events-by-ids", ids=[r["id"] for r in rows]) if rows else []
    return EventPage(items=[convert.event(r["event"], keep) for r in found], next=nxt)


@router.get("/events/{id}", response_model=EventDetail, summary="One event with every source",
            responses=NOT_FOUND_RESPONSE)
def get_event(
    graph: GraphDep,
    id: Annotated[str, Path(min_length=1, max_length=300, description="An event id, e.g. from /events.")],
    min_argument_probability: MinArgumentProbability = None,
    unscored_arguments: UnscoredArguments = "keep",
) -> EventDetail:
    """The event, every document that reports it with the evidence sentence and its offsets,
    each argument with the documents that state it and the argument model's probability (overall
    and per document), and alternative values where sources disagree."""
    rows = graph.read("api-event-get", id=id)
    if not rows:
        raise NotFound(f"no event with id {id!r}")
    return convert.event_detail(rows[0]["event"], ArgumentFilter.of(min_argument_probability, unscored_arguments))
