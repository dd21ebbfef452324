"""``enforcegraph extract``: entities and enforcement events from news text, as SCHEMA.md JSON.

One result per document on standard output and nothing else; progress, warnings and per-file
errors on standard error. A bad file does not stop the run, but makes the exit status 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from enforcegraph.errors import UsageError
from enforcegraph.settings import Settings

if TYPE_CHECKING:
    from ingest.records import Document


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "extract", help="extract entities and enforcement events from documents",
        description="Read JSON, JSON Lines, .txt and .html documents (folders recursively) and print "
                    "one extraction result per document (SCHEMA.md) on standard output.")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    p.add_argument("--format", choices=["jsonl", "json"], default="jsonl",
                   help="jsonl: one object per line (default); json: pretty-printed objects")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="processes to use (default 1)")
    p.add_argument("--published", metavar="DATE",
                   help="publication date (YYYY-MM-DD) for documents that do not give one")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress messages")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from ingest.readers import ReadError, parse_published, read_paths
    from ingest.run.isolation import Failure, GuardedExtractor

    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    try:
        published = parse_published(args.published)
    except ValueError as exc:
        raise UsageError(f"--published: {exc}") from None
    problems = 0

    def documents() -> Iterator[Document]:  # read lazily: the input may be larger than memory
        nonlocal problems
        for item in read_paths(args.paths, published):
            if isinstance(item, ReadError):
                problems += not item.warning
                print(f"enforcegraph extract: {item}", file=sys.stderr)
            else:
                yield item

    t0 = time.perf_counter()
    n = 0
    out = sys.stdout
    with GuardedExtractor(settings.spacy_model, workers=args.workers, limits=settings.extract_limits()) as extractor:
        for result in extractor.extract_many(documents()):
            if isinstance(result, Failure):
                problems += 1
                print(f"enforcegraph extract: {result.id}: not extracted: {result.reason}", file=sys.stderr)
                continue
            record = result.to_schema()
            out.write(json.dumps(record, ensure_ascii=False, indent=2 if args.format == "json" else None) + "\n")
            n += 1
    out.flush()
    if not args.quiet:
        print(f"enforcegraph extract: {n} document(s) in {time.perf_counter() - t0:.1f} s"
              + (f", {problems} not read or not extracted" if problems else ""), file=sys.stderr)
    return 1 if problems else 0
