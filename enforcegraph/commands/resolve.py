"""``enforcegraph resolve``: explain, split, or pin entity merges.

Decisions go to the judgements file (``ENFORCEGRAPH_JUDGEMENTS_PATH``) so every later ingest
respects them, and the documents that report the entities are re-derived at once from their
stored extractions: the graph becomes what it would have been had the merge never happened.
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

from enforcegraph.db import driver_session
from enforcegraph.errors import NotFound, UsageError
from enforcegraph.settings import Settings


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("resolve", help="explain, split or pin entity merges",
                       description="Show why an entity is a merge (--explain), undo a wrong merge (--split), "
                                   "or pin two entities as the same (--same) or different (--different).")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--explain", metavar="ID", help="the members of an entity and the merges that made it")
    g.add_argument("--split", metavar="ID", help="undo the merges that made this entity")
    g.add_argument("--same", nargs=2, metavar=("ID1", "ID2"), help="pin two entities as one")
    g.add_argument("--different", nargs=2, metavar=("ID1", "ID2"), help="pin two entities apart")
    p.add_argument("--judgements", type=Path, metavar="FILE", help="judgements file (default from settings)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.graph.entity_resolution import Judgements
    from ingest.graph.writer import GraphWriter
    from queries import run as run_query

    path: Path = args.judgements or settings.judgements_path
    judgements = Judgements.load(path)
    db = settings.neo4j_database
    with driver_session(settings) as driver:
        def entity(entity_id: str) -> dict[str, Any]:
            rows = run_query(driver, "entity-resolution", database=db, id=entity_id)
            if not rows:
                raise NotFound(f"no entity {entity_id!r}")
            found: dict[str, Any] = rows[0]
            return found

        if args.explain:
            print(json.dumps(entity(args.explain), ensure_ascii=False, indent=2))
            return 0
        if args.split:
            e = entity(args.split)
            members = e["memberIds"]
            if len(members) < 2:
                raise UsageError(f"entity {args.split!r} is not a merge (one member)")
            judgements.different |= {frozenset(p) for p in itertools.combinations(members, 2)}
            targets = [args.split]
        else:
            a, b = args.same or args.different
            ea, eb = entity(a), entity(b)
            pairs = {frozenset((x, y)) for x in ea["memberIds"] for y in eb["memberIds"] if x != y}
            if args.same:
                judgements.same |= pairs
                judgements.different -= pairs
            else:
                judgements.different |= pairs
                judgements.same -= pairs
            targets = [a, b]
        judgements.save(path)
        report = GraphWriter(driver, database=db, judgements=judgements).rederive(targets)
    print(f"enforcegraph resolve: judgements saved to {path}; {len(report.written)} document(s) re-derived")
    return 1 if report.failed else 0
