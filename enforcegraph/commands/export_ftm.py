"""``enforcegraph export-ftm``: the graph as FollowTheMoney JSON lines, for yente and its kin.

A separate command from ``export`` (RDF) because the audience differs: sanctions-screening
tools load FtM entities as a custom dataset. The mapping lives in ``ontology/ftm.yaml``.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import IO, Any

from enforcegraph.db import driver_session
from enforcegraph.settings import Settings
from ontology import ftm
from ontology.rdf import files
from queries.export import ftm_rows


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "export-ftm", help="export actors and events as FollowTheMoney JSON lines (a yente custom dataset)",
        description="Export companies, people, organisations, public bodies and enforcement events as "
                    "FollowTheMoney entities, one JSON object a line, with topics (reg.action, crime, "
                    "sanction) and the URLs and evidence sentences of their sources.",
    )
    p.add_argument("--out", "-o", type=Path, metavar="FILE",
                   help="write to FILE (atomically: a failed export leaves no file); default stdout")
    p.add_argument("--batch-size", type=int, default=500, help=argparse.SUPPRESS)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.out is not None:
        files.check_writable(args.out)
    with driver_session(settings) as driver:
        def write(out: IO[str]) -> ftm.FtmStats:
            return ftm.write_lines(*ftm_rows(driver, settings.neo4j_database, args.batch_size), out)

        def write_bytes(raw: IO[bytes]) -> ftm.FtmStats:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
            try:
                return write(text)
            finally:
                text.flush()
                text.detach()  # the file is closed by export_to_file, not by the wrapper

        if args.out is None:
            stats = write(sys.stdout)
            sys.stdout.flush()
        else:
            stats = files.export_to_file(args.out, write_bytes)
    kinds = ", ".join(f"{n} {schema}" for schema, n in sorted(stats.by_schema.items()))
    print(f"exported {stats.entities} FtM entities ({kinds or 'none'})", file=sys.stderr)
    return 0
