"""Subcommands of the CLI. Each module has ``register(subparsers)``, which sets ``run``.

``run(args, settings) -> int`` does the work and returns the exit status.
"""

from __future__ import annotations

import argparse
from typing import Any, Protocol

from enforcegraph.commands import (
    backup,
    export,
    export_ftm,
    extract,
    ingest,
    neo4j_cmd,
    query,
    resolve,
    serve,
    tombstones,
    watchlist,
)


class Command(Protocol):
    def register(self, sub: argparse._SubParsersAction[Any]) -> None: ...


COMMANDS: list[Command] = [neo4j_cmd, ingest, extract, export, export_ftm, serve, query, resolve, backup, tombstones,
                           watchlist]
