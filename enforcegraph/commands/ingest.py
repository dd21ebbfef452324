"""``enforcegraph ingest PATH...``: documents into the graph, and ``remove DOC_ID`` to retract them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from enforcegraph.db import driver_session
from enforcegraph.errors import UsageError
from enforcegraph.settings import Settings
from ingest.run.executors import EXECUTORS
from queries import schema


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "ingest", help="extract documents and write them into the graph",
        description="Read JSON, JSON Lines, .txt and .html documents (folders recursively), extract their "
                    "entities and events, resolve them against the graph and write them. Documents already "
                    "in the graph with the same text are skipped; a changed document replaces its facts.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="NLP processes (default 1); with --executor dask, the workers of the local cluster")
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="where extraction runs: local processes (default) or a Dask cluster "
                        "(needs the 'distributed' extra)")
    p.add_argument("--address", metavar="URL",
                   help="scheduler of a running Dask cluster, e.g. tcp://host:8786 (default: a local cluster)")
    p.add_argument("--published", metavar="DATE", help="publication date for documents that give none")
    p.add_argument("--force", action="store_true", help="re-write documents even when unchanged")
    p.add_argument("--batch-size", type=int, metavar="N", help="documents per transaction (default from settings)")
    p.add_argument("--judgements", type=Path, metavar="FILE", help="judgements file (default from settings)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(run=run)

    r = sub.add_parser("remove", help="retract documents and the facts only they report",
                       description="Remove documents from the graph; facts other documents still report stay.")
    r.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    r.set_defaults(run=run_remove)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from tqdm import tqdm

    from ingest.graph.entity_resolution import Judgements
    from ingest.readers import parse_published, read_paths
    from ingest.service import ingest_documents

    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.address is not None and args.executor != "dask":
        raise UsageError("--address names a Dask scheduler: use it with --executor dask")
    if args.address is not None and "://" not in args.address:
        raise UsageError(f"--address {args.address!r}: give the scheduler as a URL, e.g. tcp://host:8786")
    if args.batch_size is not None and args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    try:
        published = parse_published(args.published)
    except ValueError as exc:
        raise UsageError(f"--published: {exc}") from None
    judgements = Judgements.load(args.judgements or settings.judgements_path)
    with driver_session(settings) as driver:
        schema.apply(driver, database=settings.neo4j_database)
        bar = tqdm(unit="doc", file=sys.stderr, disable=args.quiet or not sys.stderr.isatty())

        def tick(_: object) -> None:
            bar.update()

        def say(line: str) -> None:
            bar.write(f"enforcegraph ingest: {line}", file=sys.stderr)

        try:  # documents are read as the work goes: a corpus larger than memory streams through
            summary = ingest_documents(driver, settings.ingest_options(), read_paths(args.paths, published),
                                       workers=args.workers,
                                       force=args.force, group_size=args.batch_size, judgements=judgements,
                                       on_extracted=tick, notify=say, executor=args.executor,
                                       address=args.address)
        finally:
            bar.close()
    for doc_id, reason in summary.report.failed:
        print(f"enforcegraph ingest: {doc_id}: not written: {reason}", file=sys.stderr)
    print(f"enforcegraph ingest: {summary.line()}", file=sys.stderr)
    return 0 if summary.ok else 1


def run_remove(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.graph.writer import GraphWriter
    from queries import run as run_query

    with driver_session(settings) as driver:
        found = {r["id"] for r in run_query(driver, "document-states", database=settings.neo4j_database,
                                            ids=list(args.doc_ids))}
        known = [d for d in args.doc_ids if d in found]
        unknown = sorted(set(args.doc_ids) - set(known))
        pruned = GraphWriter(driver, database=settings.neo4j_database).remove(known) if known else 0
    print(f"enforcegraph remove: {len(known)} document(s) removed, {pruned} fact(s) no source reports any more")
    if unknown:
        print(f"enforcegraph remove: no such document: {', '.join(unknown)}", file=sys.stderr)
        return 1
    return 0
