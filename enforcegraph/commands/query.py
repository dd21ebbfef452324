"""``enforcegraph query NAME --param k=v``: run one named query and print its rows as JSON.

Only read queries run by default: the others are the ingest's internals or delete data, so
they need ``--allow-write`` (the listing marks them), and a typo cannot empty the graph.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from enforcegraph.db import driver_session
from enforcegraph.errors import UsageError
from enforcegraph.settings import Settings
from queries import library


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("query", help="run a named query from queries/",
                       description="Run a named, parameterised query. Rows are printed as JSON lines; "
                                   "graph-counts prints one summary object.")
    p.add_argument("name", nargs="?", help="the query name; omit it to list the queries")
    p.add_argument("--param", "-p", action="append", default=[], metavar="K=V",
                   help="a parameter; V is read as JSON when it parses, else as a string")
    p.add_argument("--allow-write", action="store_true",
                   help="also run queries that change or delete data (marked [write] or [destructive] in "
                        "the list); they are internal to ingest and meant for maintenance only")
    p.set_defaults(run=run)


def parse_params(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--param {pair!r}: expected K=V")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not args.name:
        for name in library.names():
            query = library.get(name)
            tag = "" if query.read_only else f" [{query.access}]"
            print(f"{name}{tag}: {query.summary}")
        return 0
    params = parse_params(args.param)
    query = library.get(args.name)
    if not query.read_only and not args.allow_write:
        what = "deletes data" if query.access == "destructive" else "changes data"
        raise UsageError(f"query {args.name!r} {what} ({query.access}); it runs only with --allow-write")
    query.check_params(params)
    with driver_session(settings) as driver:
        rows = library.run(driver, args.name, database=settings.neo4j_database, **params)
    if args.name == "graph-counts":
        summary: dict[str, dict[str, int]] = {"nodes": {}, "relationships": {}}
        for row in rows:
            summary[row["kind"]][row["name"]] = row["count"]
        print(json.dumps({k: dict(sorted(v.items())) for k, v in summary.items()}, sort_keys=True))
        return 0
    for row in rows:
        sys.stdout.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    return 0
