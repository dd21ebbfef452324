"""``enforcegraph compact-tombstones``: forget removals older than the retention.

Tombstones let ``export --changed-since`` tell partners what to retract; this deletes those
older than ``ENFORCEGRAPH_TOMBSTONE_RETENTION_DAYS`` (or ``--retention-days`` / ``--before``).
Deltas from before the cutoff are refused afterwards (see :mod:`queries.tombstones`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from enforcegraph.db import driver_session
from enforcegraph.errors import UsageError
from enforcegraph.settings import Settings
from ontology.errors import OptionError
from ontology.rdf import stream as rdf_export
from queries import tombstones


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "compact-tombstones", help="delete the tombstones of removals older than the retention",
        description="Delete the records of removals (kept so that `export --changed-since` can list what to "
                    "retract) older than the retention (setting ENFORCEGRAPH_TOMBSTONE_RETENTION_DAYS, default "
                    "90). A delta can then start no earlier than the cutoff; earlier ones are refused.",
    )
    when = p.add_mutually_exclusive_group()
    when.add_argument("--retention-days", type=float, metavar="DAYS",
                      help="keep the tombstones of the last DAYS days (default: the setting)")
    when.add_argument("--before", metavar="TIME",
                      help="delete the tombstones of removals before TIME (ISO 8601, UTC unless an offset is given)")
    p.set_defaults(run=run)


def cutoff(args: argparse.Namespace, settings: Settings, now: dt.datetime) -> dt.datetime:
    if args.before is not None:
        try:
            before = rdf_export.parse_changed_since(args.before)
        except OptionError:
            raise UsageError(f"--before {args.before!r}: expected an ISO 8601 date-time") from None
        assert before is not None
        return before
    days = settings.tombstone_retention_days if args.retention_days is None else args.retention_days
    if days < 0:
        raise UsageError(f"--retention-days {days:g}: must not be negative")
    return now - dt.timedelta(days=days)


def run(args: argparse.Namespace, settings: Settings) -> int:
    before = cutoff(args, settings, dt.datetime.now(dt.UTC))
    with driver_session(settings) as driver:
        done = tombstones.compact(driver, before, database=settings.neo4j_database)
    print(f"deleted {done.deleted} tombstones of removals before {before.isoformat()}; "
          f"deltas can start from {done.horizon.isoformat()} on")
    return 0
