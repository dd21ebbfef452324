"""``GET /changes/events`` and ``GET /changes/corrections``: the feeds a screening team polls.

``/changes`` lists documents ingested since a time; these two answer the questions behind it:
which enforcement events did we learn of since T (record time), optionally only those that
happened since a date (valid time) and only against a watchlist's firms; and what did the graph
retract since T (the corrections feed). Both are keyset-paged. The work is in
:mod:`api.services.change_feeds`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from api import convert, params
from api.deps import DriverDep, SettingsDep, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE, InvalidParameter
from api.models import EntityRef, EventRef
from api.params import CursorParam, Limit
from api.services import change_feeds

router = APIRouter(tags=["changes"], dependencies=[Depends(require_read)],
                   responses={**ERROR_RESPONSES, **NOT_FOUND_RESPONSE})

Since = Annotated[dt.datetime, Query(description=(
    "Record time: ISO 8601 date-time (UTC when it has no offset) from which to list what we learned or retracted."))]
WatchlistParam = Annotated[str | None, Query(max_length=100, description=(
    "A saved watchlist's id: only what concerns the firms it follows."))]


class LearnedEvent(BaseModel):
    """An event with when we learned of it (record time) and when it happened (valid time)."""

    event: EventRef
    targets: list[EntityRef]
    recorded_at: dt.datetime = Field(description="Record time: the first ingestion of a document that reports it.")
    valid_date: str | None = Field(description="Valid time: when it happened, as precise as the sources.")
    documents: list[str] = Field(description="Ids of the documents that report it.")


class LearnedPage(BaseModel):
    items: list[LearnedEvent]
    next: str | None = None

    model_config = {"json_schema_extra": {"examples": [{"items": [{
        "event": {"id": "fine-0a1b", "type": "Fine", "date": "2024-05-02", "date_precision": "day"},
        "targets": [{"id": "company-47fcfaf65e86913a", "type": "Company", "name": "Mintz Group", "country": "US"}],
        "recorded_at": "2026-12-05T10:00:00Z", "valid_date": "2024-05-02", "documents": ["mintz-fine"]}],
        "next": None}]}}


class Correction(BaseModel):
    """Something the graph no longer says, and why."""

    kind: Literal["document", "event", "entity", "report"] = Field(description=(
        "document: removed; event or entity: no document reports it any more; report: one document "
        "(changed or removed) no longer reports the event or entity `id`."))
    id: str = Field(description="The id of what was retracted (for a report: the event or entity).")
    document: str | None = Field(default=None, description="For a report: the document that withdrew it.")
    removed_at: dt.datetime = Field(description="When the graph retracted it (record time).")
    reason: str


class CorrectionPage(BaseModel):
    items: list[Correction]
    next: str | None = None

    model_config = {"json_schema_extra": {"examples": [{"items": [{
        "kind": "event", "id": "fine-0a1b", "document": None, "removed_at": "2026-12-05T11:00:00Z",
        "reason": "no document reports this event any more"}], "next": None}]}}


def _after(cursor: str | None, kind: str) -> tuple[dt.datetime, str] | None:
    after = params.decode_cursor(cursor, kind, (str, str))
    if after is None:
        return None
    try:
        return change_feeds.utc(dt.datetime.fromisoformat(after[0]), "cursor"), after[1]
    except ValueError:
        raise InvalidParameter("cursor", "not a cursor of this list") from None


@router.get("/changes/events", response_model=LearnedPage, summary="Events learned since a time")
def learned_events(
    driver: DriverDep, settings: SettingsDep, since: Since,
    happened_since: Annotated[str | None, Query(pattern=params.PARTIAL_DATE, description=(
        "Valid time: keep only events that happened on or after this date (YYYY[-MM[-DD]]; undated ones "
        "left out)."))] = None,
    watchlist: WatchlistParam = None, limit: Limit = 50, cursor: CursorParam = None,
) -> LearnedPage:
    """Events we learned of at or after `since` - a 2022 raid first reported today is listed for
    yesterday's `since` - oldest record first, each with both its record time and its date."""
    db = settings.neo4j_database
    params.partial_date(happened_since, "happened_since")
    ids = change_feeds.watched(driver, db, watchlist)[0] if watchlist else None
    rows = [] if ids == [] else change_feeds.events(
        driver, db, since=change_feeds.utc(since, "since"), since_date=happened_since, entity_ids=ids,
        after=_after(cursor, "changes-events"), limit=limit + 1)
    rows, nxt = params.page(rows, limit, "changes-events", lambda r: [r["recordedAt"].isoformat(), r["event"]["id"]])
    return LearnedPage(items=[LearnedEvent(
        event=convert.event_ref(r["event"]), targets=[convert.entity_ref(t) for t in r["targets"]],
        recorded_at=r["recordedAt"], valid_date=r["event"].get("date"), documents=sorted(r["documents"]))
        for r in rows], next=nxt)


@router.get("/changes/corrections", response_model=CorrectionPage, summary="The corrections feed")
def corrections(driver: DriverDep, settings: SettingsDep, since: Since, watchlist: WatchlistParam = None,
                limit: Limit = 50, cursor: CursorParam = None) -> CorrectionPage:
    """What the graph retracted at or after `since` and still does not say: documents removed, events
    and entities no document reports any more, reports a changed document withdrew. Oldest first."""
    db = settings.neo4j_database
    ids = None
    if watchlist:
        entities, events = change_feeds.watched(driver, db, watchlist)
        ids = entities + events
    rows = [] if ids == [] else change_feeds.corrections(
        driver, db, since=change_feeds.utc(since, "since"), ids=ids, after=_after(cursor, "changes-corrections"),
        limit=limit + 1)
    rows, nxt = params.page(rows, limit, "changes-corrections", lambda r: [r["removedAt"].isoformat(), r["key"]])
    return CorrectionPage(items=[Correction(kind=r["kind"], id=r["id"], document=r.get("document"),
                                            removed_at=r["removedAt"], reason=r["reason"]) for r in rows], next=nxt)
