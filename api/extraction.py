"""Ingest for ``POST /documents``: the CLI's runner and guarded workers, off the event loop.

A request goes through :func:`ingest.service.ingest_documents`, the same path as
``enforcegraph ingest``: documents already in the graph with the same text are skipped, the
judgements file is respected, and extraction runs in supervised worker processes
(:mod:`ingest.run.isolation`) with the same per-document limits, so a document that fails, hangs or
eats memory costs that document alone. Each of ``ENFORCEGRAPH_API_EXTRACT_WORKERS`` guarded
extractors keeps its worker (and its loaded pipeline) between requests and serves one request
at a time; the work runs in a thread, so the event loop keeps answering reads. At most
``QUEUE_PER_WORKER`` requests wait per extractor; beyond that the API answers 503 with
Retry-After rather than holding an unbounded queue of request bodies in memory. A worker
process starts with the first document it is given, so the first request also waits for the
pipeline to load (seconds).
"""

from __future__ import annotations

import queue
import threading

import neo4j
from starlette.concurrency import run_in_threadpool

from api.exc import ExtractionBusy
from enforcegraph.settings import Settings
from ingest.records import Document
from ingest.run.isolation import GuardedExtractor
from ingest.service import IngestSummary, ingest_documents

QUEUE_PER_WORKER = 8


class ExtractionPool:
    """``settings.api_extract_workers`` guarded extractors, each lent to one request at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workers = settings.api_extract_workers
        self._free: queue.SimpleQueue[GuardedExtractor] = queue.SimpleQueue()
        self._all: list[GuardedExtractor] = []
        self._pending = 0  # requests admitted and not yet answered (changed on the event loop only)
        self._guard = threading.Lock()

    @property
    def started(self) -> int:
        """Extractors made so far (their worker processes start with their first document)."""
        return len(self._all)

    def _lend(self) -> GuardedExtractor:
        with self._guard:
            if len(self._all) < self.workers and self._free.empty():
                made = GuardedExtractor(self.settings.spacy_model, workers=1, limits=self.settings.extract_limits())
                self._all.append(made)
                return made
        return self._free.get()  # blocks this worker thread, never the event loop

    def _ingest(self, driver: neo4j.Driver, documents: list[Document]) -> IngestSummary:
        extractor = self._lend()
        try:
            return ingest_documents(driver, self.settings.ingest_options(), documents, extractor=extractor)
        finally:
            self._free.put(extractor)

    async def ingest(self, driver: neo4j.Driver, documents: list[Document]) -> IngestSummary:
        if self._pending >= self.workers * (1 + QUEUE_PER_WORKER):
            raise ExtractionBusy("every extraction worker is busy and the queue is full; retry later")
        self._pending += 1
        try:
            return await run_in_threadpool(self._ingest, driver, documents)
        finally:
            self._pending -= 1

    def close(self) -> None:
        with self._guard:
            made, self._all = self._all, []
        for extractor in made:
            extractor.close()
