"""Extraction for ``POST /documents``, off the event loop, in a bounded pool of worker processes.

Extraction is CPU-bound Python (spaCy and our rules): in the server's own threads it would hold
the GIL for seconds while reads wait, and one pipeline is not safe to share between threads
(hence the global lock this replaces, which made every ingest wait for the one before it).
Each worker process loads the pipeline once and extracts one request's documents at a time;
``ENFORCEGRAPH_API_EXTRACT_WORKERS`` bounds how many run at once (each holds a pipeline in
memory), and further requests queue for a worker without blocking anything else, up to
``QUEUE_PER_WORKER`` per worker; beyond that the API answers 503 with Retry-After rather
than hold ever more submitted documents in memory. Writing
needs no lock either: the graph writer commits one transaction per group of documents, merges
by unique ids under the schema's constraints and has the driver retry transient conflicts.

Workers start with the first request that needs them, which therefore also waits for the
pipeline to load (seconds). They are started with ``spawn`` (a fork of a server with live
driver threads is unsafe); a worker that dies (killed, out of memory) fails the documents it
held, and the pool is rebuilt for the next request.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from enforcegraph.errors import EnforcegraphError
from ingest.records import Document, Extraction

if TYPE_CHECKING:
    from ingest.pipeline import Extractor

log = logging.getLogger("enforcegraph.api")

#: Requests that may wait for each worker before new ones are turned away.
QUEUE_PER_WORKER = 8

_EXTRACTOR: Extractor | None = None


def _load(model: str) -> None:
    """Worker initializer: load the pipeline once per process."""
    global _EXTRACTOR
    from ingest.pipeline import Extractor

    _EXTRACTOR = Extractor(model)


def _extract(documents: list[Document]) -> list[Extraction]:
    assert _EXTRACTOR is not None, "worker started without its pipeline"
    return list(_EXTRACTOR.extract_many(documents))


class WorkerLost(RuntimeError):
    """The worker process extracting a request's documents died."""


class ExtractionBusy(EnforcegraphError):
    """Every extraction worker is busy and the queue is full; the client should retry later."""


class ExtractionPool:
    """A lazily started process pool of ``workers`` extractors for ``model``."""

    def __init__(self, model: str, workers: int) -> None:
        self.model = model
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._pending = 0  # requests submitted and not yet answered (changed on the event loop only)
        self._guard = threading.Lock()  # held only to create or replace the pool, never during work

    def _executor(self) -> ProcessPoolExecutor:
        with self._guard:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=_load,
                                                 initargs=(self.model,),
                                                 mp_context=multiprocessing.get_context("spawn"))
            return self._pool

    async def extract(self, documents: list[Document]) -> list[Extraction]:
        if self._pending >= self.workers * (1 + QUEUE_PER_WORKER):
            raise ExtractionBusy("every extraction worker is busy and the queue is full; retry later")
        pool = self._executor()
        self._pending += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, _extract, documents)
        except BrokenProcessPool:
            log.error("an extraction worker died; restarting the pool")
            with self._guard:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise WorkerLost("the extraction worker stopped (killed or out of memory)") from None
        finally:
            self._pending -= 1

    def close(self) -> None:
        with self._guard:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
