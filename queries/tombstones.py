"""Tombstone compaction: forget removals older than a retention, and say so to delta readers.

Every removal leaves a ``Tombstone`` so that ``export --changed-since T`` can tell partners what
to retract; on a graph that is corrected for years they pile up. Compaction deletes those of
removals before a cutoff, in bounded transactions, after first moving the one ``compacted``
mark to the cutoff: a delta from an earlier time would silently miss those retractions, so the
export refuses it (``OptionError`` naming the time) and a partner takes a full export instead.
The mark goes first, so an interrupted compaction never leaves a delta it cannot answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import neo4j

from queries.library import run

BATCH = 10_000


@dataclass(frozen=True)
class Compaction:
    deleted: int
    horizon: dt.datetime


def compact(driver: neo4j.Driver, before: dt.datetime, *, database: str | None = None,
            batch: int = BATCH) -> Compaction:
    """Delete the tombstones of removals before ``before`` (aware); the new delta horizon."""
    if before.tzinfo is None:
        raise ValueError("compaction cutoff needs a time zone")
    horizon = run(driver, "tombstones-horizon-set", database=database, before=before)[0]["horizon"].to_native()
    deleted = 0
    while True:
        n = run(driver, "tombstones-compact", database=database, before=before, limit=batch)[0]["deleted"]
        deleted += n
        if n < batch:
            return Compaction(deleted=deleted, horizon=horizon)
