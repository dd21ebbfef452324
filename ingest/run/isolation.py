"""Guarded extraction: a document that fails, hangs or eats memory costs that document alone.

Extraction runs in worker processes that each load the pipeline once. The parent hands each
idle worker one document, watches the clock and the worker's resident memory, and when a
document raises, overruns its time budget or its memory cap, records a :class:`Failure` for
that document, replaces the worker if it had to be killed, and goes on with the rest. Texts
over the size limit are refused before spaCy sees them (spaCy's own limit and its memory
grow with the text). Results come back in input order, whatever the number of workers, so
the graph does not depend on how the work was spread; at most one document per worker is in
flight, so memory does not grow with the input.

Why processes and not a timer in-process: spaCy's parser runs in compiled code that a Python
signal cannot interrupt, a thread cannot be killed, and a runaway allocation can only be
stopped by ending the process that made it.

Why the clock leaves out time spent waiting for a processor: on a busy machine (other jobs on
the same cores) a worker can be runnable and still not run for most of a minute; charging that
to the document cut good documents for someone else's load. The budget counts the worker's
running and blocked time (wall time less its run-queue wait, from ``/proc/<pid>/schedstat``),
so a hang that sleeps or spins is still cut at the budget, at any load.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from ingest.errors import ExtractorUnavailable
from ingest.records import Document, Extraction

POLL_SECONDS = 0.2
START_SECONDS = 180.0  # loading spaCy on a busy machine


@dataclass(frozen=True)
class Limits:
    """What one document may cost: characters of text, seconds of extraction (not counting its
    worker's waits for a processor), resident memory."""

    max_chars: int = 400_000
    seconds: float = 60.0
    memory_mb: int = 2048

    def refuse(self, document: Document) -> str | None:
        """Why a document is refused before extraction, or None."""
        n = len(document.text)
        if n > self.max_chars:
            return f"the text has {n:,} characters, over the limit of {self.max_chars:,}"
        return None


@dataclass(frozen=True)
class Failure:
    """A document that could not be extracted, and why, in one line."""

    id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.id}: {self.reason}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def load_extractor(model: str) -> Callable[[Document], Extraction]:
    """The real extraction function of a worker: the spaCy pipeline, loaded once."""
    from ingest.extract.pipeline import Extractor

    return Extractor(model).extract


def _serve(conn: Connection, model: str, load: Callable[[str], Callable[[Document], Extraction]]) -> None:
    """A worker: load the pipeline once, then extract the documents it is sent, one at a time."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends us
    try:
        extract = load(model)
    except BaseException as exc:
        conn.send(("dead", _first_line(exc)))
        return
    conn.send(("ready", None))
    while True:
        try:
            document = conn.recv()
        except (EOFError, OSError):
            return
        if document is None:
            return
        try:
            conn.send(("ok", extract(document)))
        except RecursionError:
            conn.send(("fail", "the text is nested or chained too deeply to analyse (recursion limit)"))
        except MemoryError:
            conn.send(("fail", "extraction ran out of memory"))
        except Exception as exc:
            conn.send(("fail", f"extraction failed: {_first_line(exc)}"))


def _run_queue_seconds(pid: int) -> float:
    """Seconds the process's main thread has waited, runnable, for a processor (0 where unknown)."""
    try:
        with open(f"/proc/{pid}/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        return 0.0


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as f:
            pages = int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass
class _Worker:
    proc: BaseProcess
    conn: Connection
    ready: bool = False
    job: tuple[int, Document] | None = None
    since: float = field(default_factory=time.monotonic)
    queued: float = 0.0  # its run-queue wait when the current job was sent

    def spent(self, now: float) -> float:
        """Seconds the current job has cost: wall time less the wait for a processor meanwhile."""
        return now - self.since - (_run_queue_seconds(self.proc.pid or 0) - self.queued)

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()


class GuardedExtractor:
    """Extraction in ``workers`` supervised processes, with per-document limits.

    ``extract_many`` yields, in input order, an :class:`Extraction` or a :class:`Failure` for
    every document. Use as a context manager (or call :meth:`close`) to end the workers.
    """

    def __init__(self, model: str, *, workers: int = 1, limits: Limits | None = None,
                 load: Callable[[str], Callable[[Document], Extraction]] = load_extractor) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.model = model
        self.load = load  # a module-level function: the worker process imports it by name
        self.size = workers
        self.limits = limits or Limits()
        self._ctx = multiprocessing.get_context("spawn")  # fork is unsafe in a threaded parent
        self._workers: list[_Worker] = []

    def __enter__(self) -> GuardedExtractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for w in self._workers:
            with contextlib.suppress(OSError, ValueError):  # already gone
                w.conn.send(None)
        for w in self._workers:
            w.proc.join(2)
            w.kill()
        self._workers = []

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_serve, args=(child, self.model, self.load), daemon=True,
                                 name="enforcegraph-extract")
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction | Failure]:
        source = iter(documents)
        first = next(source, None)
        if first is None:  # nothing to do: no worker is started
            return
        source = itertools.chain([first], source)
        while len(self._workers) < self.size:
            self._workers.append(self._start())
        retry: list[tuple[int, Document]] = []
        done: dict[int, Extraction | Failure] = {}
        seq = emitted = 0
        exhausted = False
        while True:
            for w in self._workers:  # give every idle, ready worker its next document
                while w.ready and w.job is None and (retry or not exhausted):
                    if retry:
                        item = retry.pop()
                    else:
                        document = next(source, None)
                        if document is None:
                            exhausted = True
                            break
                        item, seq = (seq, document), seq + 1
                    refused = self.limits.refuse(item[1])
                    if refused:
                        done[item[0]] = Failure(item[1].id, refused)
                        continue
                    self._send(w, item, retry, done)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            if exhausted and not retry and all(w.job is None for w in self._workers):
                return
            self._wait(retry, done)

    def _send(self, w: _Worker, item: tuple[int, Document], retry: list[tuple[int, Document]],
              done: dict[int, Extraction | Failure]) -> None:
        try:
            w.conn.send(item[1])
        except (OSError, ValueError):  # the worker died while idle: try again on a fresh one
            self._replace(w)
            retry.append(item)
            return
        w.job, w.since, w.queued = item, time.monotonic(), _run_queue_seconds(w.proc.pid or 0)

    def _wait(self, retry: list[tuple[int, Document]], done: dict[int, Extraction | Failure]) -> None:
        conns = {w.conn: w for w in self._workers}
        for conn in wait(list(conns), timeout=POLL_SECONDS):
            w = conns[conn]  # type: ignore[index]
            try:
                kind, payload = w.conn.recv()
            except (EOFError, OSError):
                w.proc.join(5)
                self._lost(w, f"the extraction process ended unexpectedly (exit code {w.proc.exitcode})",
                           retry, done)
                continue
            self._receive(w, kind, payload, done)
        now = time.monotonic()
        for w in self._workers:
            if not w.ready and now - w.since > START_SECONDS:
                raise ExtractorUnavailable(f"the spaCy pipeline {self.model!r} did not load within "
                                           f"{START_SECONDS:.0f} s")
            if w.job is None:
                continue
            if w.spent(now) > self.limits.seconds:
                self._lost(w, f"extraction took longer than {self.limits.seconds:g} s (the time budget)",
                           retry, done)
            elif _rss_mb(w.proc.pid or 0) > self.limits.memory_mb:
                self._lost(w, f"extraction needed more than {self.limits.memory_mb} MB of memory", retry, done)

    def _receive(self, w: _Worker, kind: str, payload: Any, done: dict[int, Extraction | Failure]) -> None:
        if kind == "dead":  # dropped, so that a later call tries to load the pipeline again
            w.kill()
            self._workers.remove(w)
            raise ExtractorUnavailable(f"the spaCy pipeline {self.model!r} cannot be loaded: {payload}")
        if kind == "ready":
            w.ready, w.since = True, time.monotonic()
            return
        if w.job is None:
            return
        n, document = w.job
        done[n] = payload if kind == "ok" else Failure(document.id, str(payload))
        w.job = None

    def _lost(self, w: _Worker, reason: str, retry: list[tuple[int, Document]],
              done: dict[int, Extraction | Failure]) -> None:
        """The worker is killed and replaced; its document fails with ``reason``."""
        if w.job is not None:
            n, document = w.job
            done[n] = Failure(document.id, reason)
        elif not w.ready:
            raise ExtractorUnavailable(f"the spaCy pipeline {self.model!r} could not be started: {reason}")
        self._replace(w)

    def _replace(self, w: _Worker) -> None:
        w.kill()
        self._workers[self._workers.index(w)] = self._start()
