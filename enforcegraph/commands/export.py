"""``enforcegraph export``: not built yet (a later issue delivers it)."""

from __future__ import annotations

import argparse
from typing import Any

from enforcegraph.errors import NotBuiltYet
from enforcegraph.settings import Settings


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("export", help="(not built yet)")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    raise NotBuiltYet("not built yet")
