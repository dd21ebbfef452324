"""``enforcegraph backup PATH`` and ``enforcegraph restore PATH``: the graph to a file and back.

See :mod:`enforcegraph.backup` for the format and why it goes through the driver.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from enforcegraph import backup as backups
from enforcegraph.db import driver_session
from enforcegraph.settings import Settings


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("backup", help="write every node and relationship to a file",
                       description="Write the whole graph (labels, properties, relationships) to PATH as JSON "
                                   "lines (gzip-compressed when PATH ends in .gz). Works on a running server, "
                                   "local or remote; take it while no ingest runs.")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument("--force", action="store_true", help="replace PATH if it exists")
    p.set_defaults(run=run_backup)
    r = sub.add_parser("restore", help="load a backup into an empty graph",
                       description="Load a file written by `enforcegraph backup` into the graph. Refuses a graph "
                                   "that is not empty unless --replace is given.")
    r.add_argument("path", type=Path, metavar="PATH")
    r.add_argument("--replace", action="store_true", help="delete everything in the graph first")
    r.set_defaults(run=run_restore)


def run_backup(args: argparse.Namespace, settings: Settings) -> int:
    started = time.monotonic()
    with driver_session(settings) as driver:
        nodes, rels = backups.backup(driver, args.path, database=settings.neo4j_database, overwrite=args.force)
    print(f"backed up {nodes} nodes and {rels} relationships to {args.path} in {time.monotonic() - started:.1f} s")
    return 0


def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    started = time.monotonic()
    with driver_session(settings) as driver:
        nodes, rels = backups.restore(driver, args.path, database=settings.neo4j_database, replace=args.replace)
    print(f"restored {nodes} nodes and {rels} relationships from {args.path} in {time.monotonic() - started:.1f} s")
    return 0
