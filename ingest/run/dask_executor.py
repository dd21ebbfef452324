"""The ``dask`` executor: each document is one task on a Dask cluster, guarded on its worker.

See :mod:`ingest.run.executors` for the contract. A worker plugin gives every Dask worker one
:class:`GuardedExtractor` with a single child process, so a document that raises, overruns its
time budget or its memory cap is ended in that child and fails alone, and the pipeline is
loaded once per worker. The parent submits a bounded window of documents and reorders the
results, so the writer sees input order and memory does not grow with the input.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker, wait

from ingest.errors import ExtractorUnavailable
from ingest.records import Document, Extraction
from ingest.run.isolation import START_SECONDS, Failure, GuardedExtractor, Limits, load_extractor

PLUGIN_NAME = "enforcegraph-extract"
WINDOW_PER_WORKER = 4  # documents submitted ahead per worker thread: keeps workers busy, memory bounded
Loader = Callable[[str], Callable[[Document], Extraction]]


class _GuardPlugin(WorkerPlugin):
    """A Dask worker plugin: one guarded extraction child per worker, loaded once, ended on teardown."""

    name = PLUGIN_NAME

    def __init__(self, model: str, limits: Limits, load: Loader) -> None:
        self.model, self.limits, self.load = model, limits, load
        self._guard: GuardedExtractor | None = None  # made on the worker, never pickled
        self._lock: threading.Lock | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "limits": self.limits, "load": self.load, "_guard": None, "_lock": None}

    def setup(self, worker: Any) -> None:
        self._guard = GuardedExtractor(self.model, workers=1, limits=self.limits, load=self.load)
        self._lock = threading.Lock()  # a worker with several threads extracts one document at a time

    def teardown(self, worker: Any) -> None:
        if self._guard is not None:
            self._guard.close()

    def extract(self, document: Document) -> Extraction | Failure:
        if self._guard is None or self._lock is None:
            raise ExtractorUnavailable("the Dask worker has no extraction set up")
        with self._lock:
            return next(iter(self._guard.extract_many([document])))


def _extract_on_worker(document: Document) -> Extraction | Failure:
    """The Dask task: the worker's own guarded extractor does the work."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, _GuardPlugin):
        raise ExtractorUnavailable("the Dask worker has no enforcegraph extraction plugin")
    try:
        return plugin.extract(document)
    except AssertionError as exc:  # multiprocessing refuses children of a daemonic worker process
        raise ExtractorUnavailable(
            "the Dask worker may not start extraction processes; start the workers with "
            "DASK_DISTRIBUTED__WORKER__DAEMON=False") from exc


class DaskExecutor:
    """Extraction on a Dask cluster: a local one of ``workers`` processes, or the one at ``address``."""

    def __init__(self, model: str, *, workers: int = 1, address: str | None = None,
                 limits: Limits | None = None, load: Loader = load_extractor,
                 window: int | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.limits = limits or Limits()
        self._cluster: Any = None
        # the guard's child processes need Dask workers that may have children
        with dask.config.set({"distributed.worker.daemon": False}):
            try:
                if address is None:
                    self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                 dashboard_address=None, host="127.0.0.1",
                                                 silence_logs=40)  # logging.ERROR
                    self.client: Client = Client(self._cluster)
                else:
                    self.client = Client(address, timeout=f"{START_SECONDS:.0f}s")
            except (OSError, TimeoutError) as exc:
                self.close()
                where = address or "a local cluster"
                raise ExtractorUnavailable(f"no Dask cluster at {where}: {type(exc).__name__}: {exc}") from None
        threads = sum(self.client.nthreads().values()) or workers
        self.window = window or WINDOW_PER_WORKER * threads
        self.client.register_plugin(_GuardPlugin(model, self.limits, load), name=PLUGIN_NAME)

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        client = getattr(self, "client", None)
        if client is not None:
            with contextlib.suppress(Exception):  # the cluster may be gone already
                if self._cluster is None:  # a cluster we do not own keeps running, without our plugin
                    client.unregister_worker_plugin(PLUGIN_NAME)
            client.close()
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction | Failure]:
        """Results in input order; at most ``window`` documents submitted or waiting to be handed on."""
        run = uuid.uuid4().hex[:12]
        source = iter(documents)
        flight: dict[Future[Any], tuple[int, str]] = {}
        ready: dict[int, Extraction | Failure] = {}  # the reorder buffer
        counter = itertools.count()
        emitted = 0
        exhausted = False
        # nothing finished for this long: the cluster has lost its workers
        stall = START_SECONDS + self.limits.seconds * (1 + self.window)
        while True:
            while not exhausted and len(flight) + len(ready) < self.window:
                document = next(source, None)
                if document is None:
                    exhausted = True
                    break
                n = next(counter)
                refused = self.limits.refuse(document)
                if refused:
                    ready[n] = Failure(document.id, refused)
                    continue
                future = self.client.submit(_extract_on_worker, document, key=f"extract-{run}-{n}", pure=False)
                flight[future] = (n, document.id)
            while emitted in ready:
                yield ready.pop(emitted)
                emitted += 1
            if not flight:
                if exhausted and not ready:
                    return
                continue
            try:
                done = wait(list(flight), timeout=stall, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                raise ExtractorUnavailable(f"no Dask worker finished a document within {stall:.0f} s") from None
            for future in done:
                n, doc_id = flight.pop(future)
                ready[n] = self._outcome(future, doc_id)
                future.release()

    @staticmethod
    def _outcome(future: Future[Any], doc_id: str) -> Extraction | Failure:
        try:
            result: Extraction | Failure = future.result()
        except ExtractorUnavailable:
            raise
        except Exception as exc:  # the task raised, or the worker died on it too often (KilledWorker)
            text = str(exc).strip().splitlines()
            return Failure(doc_id, f"extraction failed on the Dask cluster: {type(exc).__name__}"
                                   + (f": {text[0][:200]}" if text else ""))
        return result
