"""``/watchlists``: saved watchlists, their screening, monitoring checks and delivery log.

Saving and checking change the graph (they record state and deliveries), so they need a write
key; reading a watchlist, screening it and reading its log take a read key. A webhook secret is
accepted (or generated and shown once) on saving and never returned again. The work is in
:mod:`api.services.monitor`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Path, Query

from api import convert, params
from api.deps import DriverDep, GraphDep, SettingsDep, require_read, require_write
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE, InvalidParameter
from api.models import (
    ChangesOut,
    CheckOut,
    CheckPage,
    DeliveryPage,
    ScreenPage,
    WatchChange,
    WatchlistIn,
    WatchlistOut,
    WatchlistPage,
    types,
)
from api.params import CursorParam, ScreenLimit
from api.services import monitor, screening

router = APIRouter(tags=["watchlists"], responses={**ERROR_RESPONSES, **NOT_FOUND_RESPONSE})
WatchlistId = Annotated[str, Path(max_length=100, description="A watchlist id.")]


def _out(saved: monitor.Saved, secret: str | None = None) -> WatchlistOut:
    return WatchlistOut(id=saved.id, name=saved.name, items=len(saved.request.items), watchlist=saved.request,
                        webhook_url=saved.webhook_url, webhook_secret=secret, created_at=saved.created_at,
                        checked_at=saved.checked_at)


@router.post("/watchlists", response_model=WatchlistOut, status_code=201, summary="Save a watchlist",
             dependencies=[Depends(require_write)])
def create(driver: DriverDep, settings: SettingsDep, body: Annotated[WatchlistIn, Body()]) -> WatchlistOut:
    """Needs a write key. Screens the watchlist once as the baseline (no alerts for what is already
    known); later checks alert on each new event of a watched firm and each changed score."""
    saved, secret = monitor.save(driver, settings.neo4j_database, body.name, body.watchlist,
                                 webhook_url=body.webhook.url if body.webhook else None,
                                 secret=body.webhook.secret if body.webhook else None)
    return _out(saved, secret)


@router.get("/watchlists", response_model=WatchlistPage, summary="Saved watchlists",
            dependencies=[Depends(require_read)])
def list_all(driver: DriverDep, settings: SettingsDep) -> WatchlistPage:
    """Every saved watchlist, in id order (webhook secrets are never shown)."""
    return WatchlistPage(items=[_out(s) for s in monitor.all_saved(driver, settings.neo4j_database)])


@router.get("/watchlists/{id}", response_model=WatchlistOut, summary="One saved watchlist",
            dependencies=[Depends(require_read)])
def get_one(driver: DriverDep, settings: SettingsDep, id: WatchlistId) -> WatchlistOut:
    """The watchlist as saved, without its webhook secret."""
    return _out(monitor.get(driver, settings.neo4j_database, id))


@router.delete("/watchlists/{id}", status_code=204, summary="Delete a watchlist and its delivery log",
               dependencies=[Depends(require_write)])
def remove(driver: DriverDep, settings: SettingsDep, id: WatchlistId) -> None:
    """Needs a write key."""
    monitor.delete(driver, settings.neo4j_database, id)


@router.post("/watchlists/{id}/screen", response_model=ScreenPage, summary="Screen a saved watchlist",
             dependencies=[Depends(require_read)])
def screen_saved(graph: GraphDep, driver: DriverDep, settings: SettingsDep, id: WatchlistId,
                 limit: ScreenLimit = 100, cursor: CursorParam = None) -> ScreenPage:
    """Takes a read key; the same answer as POST /screen with the saved body (and its paging)."""
    return screening.screen_page(graph, monitor.get(driver, settings.neo4j_database, id).request, limit, cursor)


@router.post("/watchlists/check", response_model=CheckPage, summary="Re-screen every watchlist and alert",
             dependencies=[Depends(require_write)])
def check(driver: DriverDep, settings: SettingsDep,
          only: Annotated[str | None, Query(max_length=100, description="One watchlist id; default all.")]
          = None) -> CheckPage:
    """Needs a write key. What runs after an ingest: each watchlist is screened again, one signed
    webhook is sent per new event of a watched firm, per event retracted from it (its document
    removed or corrected) and per changed score (retried with backoff on 5xx and timeouts), and
    the new state and every alert are recorded (also without a webhook: see deliveries)."""
    db = settings.neo4j_database
    saved = [monitor.get(driver, db, only)] if only else monitor.all_saved(driver, db)
    reports = [monitor.check(driver, db, s) for s in saved]
    return CheckPage(items=[CheckOut(watchlist=r.watchlist, alerts=r.alerts, delivered=r.delivered, failed=r.failed)
                            for r in reports])


@router.get("/watchlists/{id}/changes", response_model=ChangesOut, summary="What changed for a watchlist",
            dependencies=[Depends(require_read)])
def changes(
    driver: DriverDep, settings: SettingsDep, id: WatchlistId,
    since: Annotated[dt.datetime | None, Query(description=(
        "Record time: events we learned of at or after this ISO date-time (UTC when it has no offset)."))] = None,
    happened_since: Annotated[str | None, Query(pattern=types.PARTIAL_DATE, description=(
        "Valid time: events that happened on or after this date (YYYY[-MM[-DD]]).") )] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="At most this many (1-1000).")] = 200,
) -> ChangesOut:
    """Events against the watchlist's matched firms, oldest record first. `since` asks when we
    learned of them (a 2022 raid first reported today is a change since yesterday); `happened_since`
    asks when they happened; give either or both. Each item shows both times."""
    if since is None and happened_since is None:
        raise InvalidParameter("since", "give `since` (record time) or `happened_since` (valid time)")
    params.partial_date(happened_since, "happened_since")
    at = since.replace(tzinfo=dt.UTC) if since and since.tzinfo is None else since
    rows = monitor.changes(driver, settings.neo4j_database, id, since=at, since_date=happened_since,
                           limit=limit + 1)
    items = [WatchChange(event=convert.event_ref(r["event"]), entity=convert.entity_ref(r["entity"]),
                         recorded_at=r["recordedAt"], valid_date=r["event"].get("date")) for r in rows[:limit]]
    return ChangesOut(items=items, truncated=len(rows) > limit)


@router.get("/watchlists/{id}/deliveries", response_model=DeliveryPage,
            summary="A watchlist's alerts and deliveries (kind=retraction: the corrections feed)",
            dependencies=[Depends(require_read)])
def deliveries(
    driver: DriverDep, settings: SettingsDep, id: WatchlistId,
    kind: Annotated[Literal["event", "retraction", "score"] | None, Query(description=(
        "Only alerts of this kind; `retraction` is the corrections feed: events of watched firms that "
        "disappeared because a document was removed or corrected."))] = None,
) -> DeliveryPage:
    """Every alert of the watchlist, oldest first, with its attempts and outcome (500 at most)."""
    return DeliveryPage(items=monitor.deliveries(driver, settings.neo4j_database, id, kind))
