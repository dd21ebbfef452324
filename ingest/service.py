"""One ingest run: read, skip what is already in the graph, extract, resolve and write.

Shared by ``enforcegraph ingest`` and ``POST /documents``. Documents whose content hash is
already in the graph are skipped, so re-running an interrupted ingest finishes the rest, and
ingesting the same documents again changes nothing. Extraction is guarded
(:mod:`ingest.run.isolation`): a document that fails, overruns its time budget or its memory costs
that document alone, and is listed in the summary; it is tried again on the next run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import neo4j

from ingest.extract import DEFAULT_MODEL
from ingest.graph.entity_resolution import Judgements
from ingest.graph.writer import GraphWriter, WriteReport
from ingest.readers import ReadError
from ingest.records import Document, Extraction
from ingest.run.executors import Executor, ExecutorKind, open_executor
from ingest.run.isolation import Failure, Limits
from ingest.version import extractor_version
from queries import run

STATE_CHUNK = 1000  # documents read, checked against the graph and handed on at a time
MAX_SEEN = 200_000  # ids remembered for the duplicate warning; past it the memory starts afresh


@dataclass
class IngestSummary:
    read: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # unreadable inputs
    failed: list[Failure] = field(default_factory=list)  # documents extraction gave up on
    warnings: list[tuple[str, str]] = field(default_factory=list)
    report: WriteReport = field(default_factory=WriteReport)
    seconds: float = 0.0

    @property
    def ingested(self) -> int:
        return len(self.report.written)

    @property
    def skipped(self) -> int:
        return self.unchanged + len(self.errors) + len(self.failed) + len(self.report.failed)

    @property
    def ok(self) -> bool:
        return not (self.errors or self.failed or self.report.failed)

    def line(self) -> str:
        rate = self.ingested / self.seconds if self.seconds > 0 else 0.0
        reasons = []
        if self.unchanged:
            reasons.append(f"{self.unchanged} unchanged")
        if self.errors:
            reasons.append(f"{len(self.errors)} unreadable")
        if self.failed:
            names = ", ".join(f.id for f in self.failed[:10]) + (", ..." if len(self.failed) > 10 else "")
            reasons.append(f"{len(self.failed)} failed extraction: {names}")
        if self.report.failed:
            reasons.append(f"{len(self.report.failed)} not written")
        why = f" ({'; '.join(reasons)})" if reasons else ""
        r = self.report
        return (f"documents read {self.read}, ingested {self.ingested}, skipped {self.skipped}{why}; "
                f"entities {r.entities} ({r.merged_entities} merged), events {r.events} ({r.merged_events} merged); "
                f"{self.seconds:.1f} s, {rate:.1f} documents/s")


@dataclass(frozen=True)
class IngestOptions:
    """What an ingest run needs, as plain values: the shells build it from their settings
    (``Settings.ingest_options``), so this library never reads configuration itself."""

    spacy_model: str = DEFAULT_MODEL
    database: str | None = None
    group_size: int = 50
    judgements_path: Path | None = None
    retry_seconds: float = 60.0
    limits: Limits = field(default_factory=Limits)


def unchanged_ids(driver: neo4j.Driver, documents: list[Document], *, database: str | None,
                  extractor: str) -> set[str]:
    """Ids of documents the graph already holds with the same text, read by the same extractor."""
    want = {d.id: d.content_hash for d in documents}
    ids = sorted(want)
    same: set[str] = set()
    for i in range(0, len(ids), STATE_CHUNK):
        for row in run(driver, "document-states", database=database, ids=ids[i:i + STATE_CHUNK]):
            if row["contentHash"] == want[row["id"]] and row["extractorVersion"] == extractor:
                same.add(row["id"])
    return same


def ingest_documents(
    driver: neo4j.Driver, options: IngestOptions, items: Iterable[Document | ReadError], *,
    workers: int = 1, force: bool = False, group_size: int | None = None,
    judgements: Judgements | None = None, on_extracted: Callable[[Extraction], None] | None = None,
    notify: Callable[[str], None] | None = None, extractor: Executor | None = None,
    executor: ExecutorKind = "local", address: str | None = None,
    after_write: Callable[[list[str]], None] | None = None,
) -> IngestSummary:
    """Ingest documents into the graph; per-document problems are in the summary, not raised.

    ``items`` is read lazily, a chunk of ``STATE_CHUNK`` documents at a time, so memory does not
    grow with the input: read errors and warnings are counted and passed to ``notify`` as one
    line each, documents already in the graph with the same text and extractor are skipped,
    and the rest stream through the guarded extractor into the writer.

    Raises :class:`ingest.errors.GraphUnavailable` when Neo4j is lost for longer than the retry
    time (what landed stays) and :class:`ingest.errors.ExtractorUnavailable` when no pipeline
    can be loaded. A long-lived ``extractor`` (the API's) is used and left open; without one,
    the run opens its own ``executor`` (:mod:`ingest.run.executors`: ``local`` processes, or a
    ``dask`` cluster of ``workers`` processes, or the one at ``address``) and closes it.
    ``after_write`` is called with the ids of the documents written, once they are all in the
    graph (what the shells use to re-screen saved watchlists); it must bound its own time.
    """
    t0 = time.perf_counter()
    summary = IngestSummary()
    say = notify or (lambda _line: None)
    version = extractor_version(options.spacy_model)
    seen: dict[str, str] = {}  # id -> content hash, for the duplicate warning (bounded)

    def todo() -> Iterator[Document]:
        for chunk in _chunks(items, STATE_CHUNK):
            latest: dict[str, Document] = {}
            for item in chunk:
                if isinstance(item, ReadError):
                    say(str(item))
                    if item.warning:
                        summary.warnings.append((item.path, item.reason))
                    else:
                        summary.errors.append((item.path, item.reason))
                    continue
                if seen.get(item.id, item.content_hash) != item.content_hash:
                    why = "the same id is given to documents with different texts; the last one is ingested"
                    summary.warnings.append((item.id, why))
                    say(f"{item.id}: warning: {why}")
                if len(seen) >= MAX_SEEN:
                    seen.clear()
                summary.read += item.id not in seen
                seen[item.id] = item.content_hash
                latest[item.id] = item  # the last version of an id wins, in the place of the first
            docs = list(latest.values())
            del chunk, latest
            skip = set() if force else unchanged_ids(driver, docs, database=options.database,
                                                     extractor=version)
            summary.unchanged += len(skip)
            yield from (d for d in docs if d.id not in skip)
            del docs  # let this chunk go before the next is read: one chunk of text at a time, not two

    writer = GraphWriter(driver, database=options.database,
                         group_size=group_size or options.group_size,
                         judgements=judgements if judgements is not None
                         else Judgements.load(options.judgements_path),
                         retry_seconds=options.retry_seconds)
    own = extractor is None
    guarded = extractor or open_executor(executor, options.spacy_model, workers=workers, address=address,
                                         limits=options.limits)
    try:

        def extracted() -> Iterator[Extraction]:
            for result in guarded.extract_many(todo()):
                if isinstance(result, Failure):
                    summary.failed.append(result)
                    say(f"{result.id}: not extracted: {result.reason}")
                    continue
                if on_extracted is not None:
                    on_extracted(result)
                yield result

        writer.write(extracted(), report=summary.report)
    finally:
        if own:
            guarded.close()
    if after_write is not None and summary.report.written:
        after_write(list(summary.report.written))
    summary.read += len(summary.errors)
    summary.seconds = time.perf_counter() - t0
    return summary


def _chunks(items: Iterable[Document | ReadError], size: int) -> Iterator[list[Document | ReadError]]:
    chunk: list[Document | ReadError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
