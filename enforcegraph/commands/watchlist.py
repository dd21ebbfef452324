"""``enforcegraph watchlist``: save, list, check and remove monitored watchlists.

The same service as the API's ``/watchlists`` (:mod:`api.services.monitor`). ``check`` is what
runs after an ingest (or from cron): it re-screens every watchlist and sends the signed webhooks.
A webhook secret is read from the environment (``ENFORCEGRAPH_WEBHOOK_SECRET``), never from the
command line, where other users of the machine could read it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from api.models import ScreenRequest
from api.services import monitor, screen_csv
from enforcegraph.db import driver_session
from enforcegraph.errors import UsageError
from enforcegraph.settings import Settings

SECRET_ENV = "ENFORCEGRAPH_WEBHOOK_SECRET"  # noqa: S105 - the name of a variable, not a secret


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("watchlist", help="save, list, check and remove monitored watchlists",
                       description="Saved watchlists are re-screened by `check`; each new event of a watched firm "
                                   "and each changed score is sent to the watchlist's webhook, signed.")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="save a watchlist from a CSV file (columns as for POST /screen/csv)")
    add.add_argument("name", help="the watchlist's name")
    add.add_argument("csv", type=Path, help="CSV file with a header naming name, id, type, country, countries, ...")
    add.add_argument("--webhook-url", metavar="URL",
                     help=f"POST alerts here, signed with the secret in ${SECRET_ENV} (generated if unset)")
    add.add_argument("--since", metavar="DATE", help="count only events on or after DATE (YYYY[-MM[-DD]])")
    actions.add_parser("list", help="list saved watchlists")
    actions.add_parser("check", help="re-screen every watchlist and send its alerts")
    rm = actions.add_parser("remove", help="delete a watchlist and its delivery log")
    rm.add_argument("id", help="the watchlist id")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    db = settings.neo4j_database
    request = None
    if args.action == "add":
        try:
            body = args.csv.read_bytes()
        except OSError as exc:
            raise UsageError(f"{str(args.csv)!r}: cannot read it ({exc.strerror})") from None
        request = ScreenRequest(items=screen_csv.read_items(body), since=args.since)
    with driver_session(settings) as driver:
        if args.action == "add":
            assert request is not None
            saved, generated = monitor.save(driver, db, args.name, request, webhook_url=args.webhook_url,
                                            secret=os.environ.get(SECRET_ENV) or None)
            print(f"saved {saved.id} ({len(saved.request.items)} items)")
            if generated:
                print(f"webhook secret (shown once): {generated}", file=sys.stderr)
        elif args.action == "list":
            for s in monitor.all_saved(driver, db):
                hook = f" -> {s.webhook_url}" if s.webhook_url else ""
                print(f"{s.id}\t{s.name}\t{len(s.request.items)} items\tchecked {s.checked_at}{hook}")
        elif args.action == "check":
            failed = 0
            for r in monitor.check_all(driver, db):
                failed += len(r.failed)
                print(f"{r.watchlist}: {r.alerts} alert(s), {r.delivered} delivered, {len(r.failed)} failed")
            return 1 if failed else 0
        else:
            monitor.delete(driver, db, args.id)
            print(f"removed {args.id}")
    return 0
