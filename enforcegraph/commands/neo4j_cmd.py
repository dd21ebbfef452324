"""``enforcegraph neo4j start|stop|status``: the project's own local Neo4j server."""

from __future__ import annotations

import argparse
from typing import Any

from enforcegraph import localneo4j
from enforcegraph.db import driver_session
from enforcegraph.settings import Settings
from queries import schema


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("neo4j", help="start, stop or inspect the local Neo4j server",
                       description="Run Neo4j Community from its Maven Central jars on 127.0.0.1. "
                                   "Does nothing when NEO4J_URI points at another server.")
    p.add_argument("action", choices=["start", "stop", "status"])
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.local_neo4j:
        if args.action == "status":
            with driver_session(settings):
                print(f"using the Neo4j at {settings.bolt_uri} (NEO4J_URI); it answers")
        else:
            print(f"NEO4J_URI is set ({settings.bolt_uri}): no local server to {args.action}")
        return 0
    if args.action == "start":
        before = localneo4j.status(settings)
        st = localneo4j.start(settings)
        with driver_session(settings) as driver:
            schema.apply(driver, database=settings.neo4j_database)
        verb = "already running" if before.running else "started"
        print(f"local Neo4j {verb} (pid {st.pid}) at {st.uri}")
        return 0
    if args.action == "stop":
        print("local Neo4j stopped" if localneo4j.stop(settings) else "local Neo4j was not running")
        return 0
    st = localneo4j.status(settings)
    print(st.describe())
    return 0 if st.running else 3
