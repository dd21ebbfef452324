"""Guarded extraction: one document's exception, crash, hang or memory hog costs that document alone.

The supervisor is driven with stand-in workers (``tests/isolation_fakes.py``) so that every
misbehaviour is exact and fast; the real pipeline is exercised by the hostile-corpus tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from ingest.errors import ExtractorUnavailable
from ingest.records import Document, Extraction
from ingest.run import isolation
from ingest.run.isolation import Failure, GuardedExtractor, Limits
from tests import isolation_fakes


def docs(*ids: str, text: str = "Police raided the office.") -> list[Document]:
    return [Document(id=i, text=text) for i in ids]


def run(documents: list[Document], *, workers: int = 1, **limits: float) -> list[Extraction | Failure]:
    with GuardedExtractor("fake", workers=workers, limits=Limits(**limits),  # type: ignore[arg-type]
                          load=isolation_fakes.load) as ex:
        return list(ex.extract_many(documents))


def outcome(items: list[Extraction | Failure]) -> list[str]:
    return [f"fail:{i.id}" if isinstance(i, Failure) else f"ok:{i.document.id}" for i in items]


@pytest.mark.parametrize("workers", [1, 2])
def test_isolation_failures_cost_one_document_and_keep_order(workers: int) -> None:
    ids = ["ok-1", "boom-1", "ok-2", "crash-1", "ok-3", "deep-1", "ok-4", "hang-1", "ok-5"]
    t0 = time.monotonic()
    items = run(docs(*ids), workers=workers, seconds=3)
    assert outcome(items) == ["ok:ok-1", "fail:boom-1", "ok:ok-2", "fail:crash-1", "ok:ok-3", "fail:deep-1",
                              "ok:ok-4", "fail:hang-1", "ok:ok-5"]
    reasons = {i.id: i.reason for i in items if isinstance(i, Failure)}
    assert reasons["boom-1"].startswith("extraction failed: KeyError")
    assert "ended unexpectedly (exit code 3)" in reasons["crash-1"]
    assert "recursion limit" in reasons["deep-1"]
    assert reasons["hang-1"] == "extraction took longer than 3 s (the time budget)"
    assert time.monotonic() - t0 < 60  # the hang is cut at its budget, not waited for


def test_isolation_memory_cap_kills_the_hog_only() -> None:
    items = run(docs("ok-1", "hog-1", "ok-2"), memory_mb=400, seconds=60)
    assert outcome(items) == ["ok:ok-1", "fail:hog-1", "ok:ok-2"]
    assert items[1].reason == "extraction needed more than 400 MB of memory"  # type: ignore[union-attr]


def test_isolation_refuses_long_text_before_extraction() -> None:
    items = run([*docs("ok-1"), *docs("crash-long", text="x" * 2000)], max_chars=1000)
    assert outcome(items) == ["ok:ok-1", "fail:crash-long"]
    assert items[1].reason == "the text has 2,000 characters, over the limit of 1,000"  # type: ignore[union-attr]


def test_isolation_streams_lazily() -> None:
    """At most one document per worker is taken from the input ahead of its result."""
    taken: list[str] = []

    def source() -> object:
        for d in docs(*(f"ok-{i}" for i in range(6))):
            taken.append(d.id)
            yield d

    with GuardedExtractor("fake", load=isolation_fakes.load) as ex:
        it = ex.extract_many(source())  # type: ignore[arg-type]
        first = next(it)
        assert isinstance(first, Extraction) and first.document.id == "ok-0"
        assert len(taken) <= 2
        assert len(list(it)) == 5


def test_isolation_unloadable_pipeline_stops_the_run_with_one_line() -> None:
    with GuardedExtractor("missing", load=isolation_fakes.load) as ex, \
            pytest.raises(ExtractorUnavailable, match=r"the spaCy pipeline 'missing' cannot be loaded: OSError"):
        list(ex.extract_many(docs("ok-1")))


def test_isolation_budget_leaves_out_the_wait_for_a_processor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker kept off the processors by other jobs is not charged for it: here every second of
    the nap is counted as run-queue wait (a fully starved worker) and the document lands."""
    assert outcome(run(docs("nap-1"), seconds=1)) == ["fail:nap-1"]  # the control: asleep counts
    monkeypatch.setattr(isolation, "_run_queue_seconds", lambda pid: time.monotonic())
    assert outcome(run(docs("nap-1"), seconds=1)) == ["ok:nap-1"]


def test_isolation_run_queue_seconds_grow_while_a_process_waits_for_its_processor() -> None:
    cpu = min(os.sched_getaffinity(0))
    spinners = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(3)]
    try:
        for p in spinners:
            os.sched_setaffinity(p.pid, {cpu})
        before = isolation._run_queue_seconds(spinners[0].pid)
        time.sleep(1.0)  # three spinners on one processor: each waits about two thirds of the time
        assert isolation._run_queue_seconds(spinners[0].pid) - before > 0.3
    finally:
        for p in spinners:
            p.kill()
            p.wait()
    assert isolation._run_queue_seconds(spinners[0].pid) == 0.0  # gone: unknown reads as none
