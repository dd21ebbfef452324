"""``GET /changes?since=``: what is new or changed since a time, to re-check a watchlist cheaply."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api import convert, params
from api.deps import GraphDep, require_read
from api.exc import ERROR_RESPONSES, InvalidParameter
from api.models import Change, ChangePage, DocumentRef
from api.params import CursorParam, Limit

router = APIRouter(tags=["changes"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)


def _utc(value: dt.datetime, parameter: str) -> dt.datetime:
    """The instant in UTC (naive values are taken as UTC); Neo4j accepts offsets up to 18 hours only."""
    try:
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidParameter(parameter, "out of range") from None


@router.get("/changes", response_model=ChangePage, summary="What changed since a time")
def changes(
    graph: GraphDep,
    since: Annotated[dt.datetime, Query(description=(
        "ISO 8601 date-time (UTC when it has no offset), e.g. 2025-01-01T00:00:00Z."))],
    limit: Limit = 50,
    cursor: CursorParam = None,
) -> ChangePage:
    """Documents ingested (for the first time, or again with changed content) at or after `since`,
    oldest first, each with the events and entities it reports. Merge records are added by a later
    release; then they appear here too, as items of kind `merge`."""
    after = params.decode_cursor(cursor, "changes", (str, str))
    after_at = None
    if after:
        try:
            after_at = _utc(dt.datetime.fromisoformat(after[0]), "cursor")
        except ValueError:
            raise InvalidParameter("cursor", "not a cursor of this list") from None
    rows = graph.read("api-changes", since=_utc(since, "since"), afterAt=after_at, afterId=after[1] if after else "",
                      limit=limit + 1)
    rows, nxt = params.page(rows, limit, "changes",
                            lambda r: [r["document"]["ingestedAt"].isoformat(), r["document"]["id"]])
    items = []
    for r in rows:
        d = r["document"]
        items.append(Change(
            kind="document", at=d["ingestedAt"],
            document=DocumentRef(id=d["id"], title=d.get("title"), url=d.get("url"), source=d.get("source"),
                                 published=d.get("published"), ingested_at=d.get("ingestedAt")),
            events=[convert.event_ref(e) for e in r["events"]],
            entities=[convert.entity_ref(x) for x in r["entities"]]))
    return ChangePage(items=items, next=nxt)
