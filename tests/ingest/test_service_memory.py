"""Ingest memory does not grow with the number of documents (the bound is in docs/BENCHMARKS.md).

Runs ``bench/bench_ingest_memory.py --one N`` (a fresh process per size, so each peak belongs to
its run) against the test session's Neo4j at two sizes. The pipeline is replaced by one that
finds nothing and every article is padded to ~16 KiB, so that the run is quick and the text is
what would show: a run that held its documents, extractions or write reports would add ~32 MiB
between the two sizes, far over the margin.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from enforcegraph.settings import Settings
from tests.conftest import cli_env

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_ingest_memory.py"
GROWTH_MARGIN = 0.15  # documented in docs/BENCHMARKS.md: peak at 3x the documents <= peak at 1x + 15%


def peak_run(n: int, settings: Settings) -> dict[str, object]:
    proc = subprocess.run([sys.executable, str(BENCH), "--one", str(n), "--no-nlp", "--pad-kb", "16"],
                          env=cli_env(settings), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["ingested"] == n and result["failed"] == 0
    return result


@pytest.mark.neo4j
def test_ingest_memory_parent_peak_does_not_grow_with_the_count(clean_graph: neo4j.Driver,
                                                               neo4j_settings: Settings) -> None:
    # both sizes span at least one full read chunk (ingest.service.STATE_CHUNK = 1000 documents)
    small, large = peak_run(1000, neo4j_settings), peak_run(3000, neo4j_settings)
    small_mb, large_mb = float(small["parent_peak_mb"]), float(large["parent_peak_mb"])  # type: ignore[arg-type]
    assert small_mb > 50  # a real measurement of a process that imported the ingest code
    assert large_mb <= small_mb * (1 + GROWTH_MARGIN), (small_mb, large_mb)
    workers = [peak for _, peak in large["children"]]  # type: ignore[attr-defined]
    assert workers and max(workers) < 1024
