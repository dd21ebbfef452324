"""One ingest run: read, skip what is already in the graph, extract, resolve and write.

Shared by ``enforcegraph ingest`` and ``POST /documents``. Documents whose content hash is
already in the graph are skipped, so re-running an interrupted ingest finishes the rest, and
ingesting the same documents again changes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import neo4j

from enforcegraph.settings import Settings
from ingest.graph_writer import GraphWriter, WriteReport
from ingest.records import Document, Extraction
from ingest.resolution import Judgements
from ingest.version import extractor_version
from queries import run

STATE_CHUNK = 1000


@dataclass
class IngestSummary:
    read: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    report: WriteReport = field(default_factory=WriteReport)
    seconds: float = 0.0

    @property
    def ingested(self) -> int:
        return len(self.report.written)

    @property
    def skipped(self) -> int:
        return self.unchanged + len(self.errors) + len(self.report.failed)

    def line(self) -> str:
        rate = self.ingested / self.seconds if self.seconds > 0 else 0.0
        reasons = []
        if self.unchanged:
            reasons.append(f"{self.unchanged} unchanged")
        if self.errors:
            reasons.append(f"{len(self.errors)} unreadable")
        if self.report.failed:
            reasons.append(f"{len(self.report.failed)} not written")
        why = f" ({', '.join(reasons)})" if reasons else ""
        r = self.report
        return (f"documents read {self.read}, ingested {self.ingested}, skipped {self.skipped}{why}; "
                f"entities {r.entities} ({r.merged_entities} merged), events {r.events} ({r.merged_events} merged); "
                f"{self.seconds:.1f} s, {rate:.1f} documents/s")


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
    driver: neo4j.Driver, settings: Settings, documents: Iterable[Document], *,
    workers: int = 1, force: bool = False, group_size: int | None = None,
    judgements: Judgements | None = None, on_extracted: Callable[[Extraction], None] | None = None,
    errors: Iterable[tuple[str, str]] = (),
) -> IngestSummary:
    """Ingest documents into the graph; per-document problems are in the summary, not raised."""
    from ingest.pipeline import Extractor

    t0 = time.perf_counter()
    latest: dict[str, Document] = {}
    for d in documents:
        latest[d.id] = d  # the last version of an id wins
    summary = IngestSummary(read=len(latest), errors=list(errors))
    summary.read += len(summary.errors)
    docs = list(latest.values())
    version = extractor_version(settings.spacy_model)
    skip = set() if force else unchanged_ids(driver, docs, database=settings.neo4j_database, extractor=version)
    summary.unchanged = len(skip)
    todo = [d for d in docs if d.id not in skip]
    if todo:
        extractor = Extractor(settings.spacy_model)
        writer = GraphWriter(driver, database=settings.neo4j_database,
                             group_size=group_size or settings.ingest_group_size,
                             judgements=judgements if judgements is not None
                             else Judgements.load(settings.judgements_path))

        def tick(items: Iterable[Extraction]) -> Iterator[Extraction]:
            for e in items:
                if on_extracted is not None:
                    on_extracted(e)
                yield e

        summary.report = writer.write(tick(extractor.extract_many(todo, workers=workers)))
    summary.seconds = time.perf_counter() - t0
    return summary
