"""``enforcegraph export``: the graph as linked data (RDF), streamed from Neo4j."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import IO, Any

import neo4j.exceptions

from enforcegraph.db import driver_session, translate
from enforcegraph.errors import Neo4jUnavailable, UsageError
from enforcegraph.settings import Settings
from ontology import load as load_ontology
from ontology.rdf import files
from ontology.rdf import stream as rdf_export
from queries import export as graph_export


def register(sub: argparse._SubParsersAction[Any]) -> None:
    formats = "; ".join(f"{f.name}: {f.description}" for f in rdf_export.FORMATS.values())
    p = sub.add_parser(
        "export", help="export the graph as RDF (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML)",
        description="Export the graph as linked data in the enforcegraph ontology, with stable IRIs and "
                    "provenance (each fact's source documents and evidence sentences). The graph is read "
                    "from Neo4j in pages; N-Triples, N-Quads, Turtle and TriG are streamed, JSON-LD and "
                    "RDF/XML are built in memory first.",
    )
    p.add_argument("--format", "-f", default="turtle", metavar="FORMAT",
                   help=f"output format (default turtle). {formats}")
    p.add_argument("--out", "-o", type=Path, metavar="FILE",
                   help="write to FILE (atomically: a failed export leaves no file or the old one; the file "
                        "keeps the replaced file's mode, or gets the umask's; a symbolic link is refused); "
                        "default stdout")
    p.add_argument("--since", metavar="DATE",
                   help="only events dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD), with the "
                        "entities and documents they involve")
    p.add_argument("--changed-since", metavar="TIME",
                   help="a delta: only what was recorded (added, changed or removed) at or after TIME (ISO 8601, "
                        "UTC unless an offset is given), with a retraction graph of what to drop first; "
                        "nquads or trig only")
    p.add_argument("--type", dest="event_type", metavar="EVENT_TYPE",
                   help="only events of this type (e.g. Raid), with the entities and documents they involve")
    p.add_argument("--batch-size", type=int, default=500, help=argparse.SUPPRESS)
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    fmt = rdf_export.parse_format(args.format)
    since = rdf_export.parse_since(args.since)
    type_ = rdf_export.parse_type(args.event_type, load_ontology())
    changed_since = rdf_export.parse_changed_since(args.changed_since)
    if changed_since is not None and not fmt.quads:
        raise UsageError(f"--changed-since needs --format nquads or trig, not {fmt.name}")
    if args.out is not None:
        files.check_writable(args.out)

    with driver_session(settings) as driver:
        def write(out: IO[bytes]) -> rdf_export.ExportStats:
            try:
                return graph_export.export(driver, out, fmt, database=settings.neo4j_database, since=since,
                                         type_=type_, batch_size=args.batch_size, changed_since=changed_since)
            except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError) as exc:
                reason = translate(exc, settings)
                if not isinstance(reason, Neo4jUnavailable):
                    reason = Neo4jUnavailable(f"Neo4j failed: {type(exc).__name__}")
                where = f"{args.out} left as it was" if args.out is not None else "the output is incomplete"
                raise Neo4jUnavailable(f"export stopped part-way ({where}): {reason}") from None

        if args.out is None:
            stats = write(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            stats = files.export_to_file(args.out, write)
    print(f"exported {stats.documents} documents, {stats.entities} entities, {stats.events} events "
          f"({stats.statements} statements) as {fmt.name}", file=sys.stderr)
    return 0
