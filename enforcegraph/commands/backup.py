"""``enforcegraph backup PATH`` and ``enforcegraph restore PATH``: the graph to a file and back.

See :mod:`enforcegraph.backup` for the format and why it goes through the driver.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j

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
    return _counted(settings, "backed up", f"to {args.path}", lambda driver: backups.backup(
        driver, args.path, database=settings.neo4j_database, overwrite=args.force))


def run_restore(args: argparse.Namespace, settings: Settings) -> int:
    return _counted(settings, "restored", f"from {args.path}", lambda driver: backups.restore(
        driver, args.path, database=settings.neo4j_database, replace=args.replace))


def _counted(settings: Settings, verb: str, where: str, work: Callable[[neo4j.Driver], tuple[int, int]]) -> int:
    started = time.monotonic()
    with driver_session(settings) as driver:
        nodes, rels = work(driver)
    print(f"{verb} {nodes} nodes and {rels} relationships {where} in {time.monotonic() - started:.1f} s")
    return 0
