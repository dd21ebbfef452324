"""What changed since a time, in the two senses a screening team needs, for everyone or one watchlist.

*Record time* is when we learned a fact: an event counts as new at the first ingestion of a
document that reports it (the current version of that document: a corrected article is learned
again), so a 2022 raid first reported today is news today. *Valid time* is when it happened (the
event's date). :func:`events` selects by record time and optionally also by valid time.

The *corrections feed* (:func:`corrections`) lists what the graph withdrew: documents removed,
events and entities no document reports any more, and single reports a changed or removed
document no longer makes. It is read from the graph's tombstones and keeps only retractions that
still hold (a document ingested again, or a fact reported again, is no correction).

A ``watchlist`` narrows both to its firms: the entities its items matched at the last check,
plus every event it has tracked (its state and its alert log), so an event removed from the
graph is still recognised as one of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import neo4j

from api.exc import InvalidParameter
from api.graph import native, read
from api.services import monitor


def utc(value: dt.datetime, parameter: str) -> dt.datetime:
    """The instant in UTC (naive values taken as UTC), refused when Neo4j could not hold its offset."""
    try:
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidParameter(parameter, "out of range") from None


def since(value: dt.datetime) -> dt.datetime:
    """A ``since`` in UTC from the start of its second: record times are stored to the second, so a
    poll never misses what was learned earlier in the second it asks from (it may see it twice)."""
    return utc(value, "since").replace(microsecond=0)


def watched(driver: neo4j.Driver, database: str, watchlist_id: str) -> tuple[list[str], list[str]]:
    """(entity ids, event ids) a saved watchlist follows: see the module docstring."""
    saved = monitor.get(driver, database, watchlist_id)
    entities = {row["entity"] for row in saved.state.values() if row.get("entity")}
    events = {e for row in saved.state.values() for e in row.get("events") or []}
    events |= {d["subject"] for d in monitor.deliveries(driver, database, watchlist_id, limit=100_000)
               if d.get("kind") in ("event", "retraction")}
    return sorted(entities), sorted(events)


def events(driver: neo4j.Driver, database: str, *, since: dt.datetime, since_date: str | None,
           entity_ids: list[str] | None, after: tuple[dt.datetime, str] | None, limit: int) -> list[dict[str, Any]]:
    """Events learned at or after ``since`` (and dated on or after ``since_date``), oldest record first."""
    rows = read(driver, database, "changes-events", since=since, sinceDate=since_date, ids=entity_ids,
               afterAt=after[0] if after else None, afterId=after[1] if after else "", limit=limit)
    return [native(r) for r in rows]


def _reason(row: dict[str, Any]) -> str:
    kind, doc = row["kind"], row.get("document")
    if kind == "document":
        return "the document was removed"
    if kind == "event":
        return "no document reports this event any more"
    if kind == "entity":
        return "no document names this entity any more"
    return (f"document {doc} was removed" if row.get("documentGone")
            else f"document {doc} no longer reports it (it changed)")


def corrections(driver: neo4j.Driver, database: str, *, since: dt.datetime, ids: list[str] | None,
                after: tuple[dt.datetime, str] | None, limit: int) -> list[dict[str, Any]]:
    """Retractions at or after ``since`` that still hold, oldest first, each with its reason."""
    rows = read(driver, database, "changes-corrections", since=since, ids=ids,
               afterAt=after[0] if after else None, afterKey=after[1] if after else "", limit=limit)
    return [{**native(r), "reason": _reason(r)} for r in rows]
