"""``GET /changes/events`` and ``GET /changes/corrections``: the feeds a screening team polls.

``/changes`` lists documents ingested since a time; these two answer the questions behind it:
which enforcement events did we learn of since T (record time), optionally only those that
happened since a date (valid time) and only against a watchlist's firms; and what did the graph
retract since T (the corrections feed). Both are keyset-paged. The work is in
:mod:`api.services.change_feeds`, the models in :mod:`api.models.questions`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api import convert, params
from api.deps import DriverDep, SettingsDep, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE, InvalidParameter
from api.models import Correction, CorrectionPage, LearnedEvent, LearnedPage, types
from api.params import CursorParam, Limit
from api.services import change_feeds

router = APIRouter(tags=["changes"], dependencies=[Depends(require_read)],
                   responses={**ERROR_RESPONSES, **NOT_FOUND_RESPONSE})

Since = Annotated[dt.datetime, Query(description=(
    "Record time: ISO 8601 date-time (UTC when it has no offset) from which to list what we learned or retracted."))]
WatchlistParam = Annotated[str | None, Query(max_length=100, description=(
    "A saved watchlist's id: only what concerns the firms it follows."))]


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
    happened_since: Annotated[str | None, Query(pattern=types.PARTIAL_DATE, description=(
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
        driver, db, since=change_feeds.since(since), since_date=happened_since, entity_ids=ids,
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
        driver, db, since=change_feeds.since(since), ids=ids, after=_after(cursor, "changes-corrections"),
        limit=limit + 1)
    rows, nxt = params.page(rows, limit, "changes-corrections", lambda r: [r["removedAt"].isoformat(), r["key"]])
    return CorrectionPage(items=[Correction(kind=r["kind"], id=r["id"], document=r.get("document"),
                                            removed_at=r["removedAt"], reason=r["reason"]) for r in rows], next=nxt)
