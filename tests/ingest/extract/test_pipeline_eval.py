"""Extraction scored by ../shared/eval's scorer (run only where that folder exists): the dev set
against the issue's thresholds, and our own check sets against floors that catch regressions."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import cli_extraction

ROOT = Path(__file__).resolve().parents[3]
EVAL = ROOT.parent / "shared" / "eval"
THRESHOLDS = {"event_f1": 0.75, "event_date_f1": 0.60, "entity_f1": 0.80, "agent_f1": 0.70}
needs_scorer = pytest.mark.skipif(not (EVAL / "evaluate.py").exists(), reason="../shared/eval is not available")


def evaluate(corpus: Path) -> dict[str, float]:
    """The scorer's summary of ``enforcegraph extract --format jsonl`` over ``corpus``: the CLI runs once
    per session on the scorer's own gold-free copy (``tests.helpers.cli_extraction``, shared with the
    golden extraction test) and the scorer reads its output."""
    cmd = f"cat {cli_extraction(corpus)}"
    proc = subprocess.run([sys.executable, str(EVAL / "evaluate.py"), str(corpus), "--cmd", cmd],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return summary


@needs_scorer
@pytest.mark.skipif(not (EVAL / "dev").is_dir(), reason="../shared/eval/dev is not available")
def test_eval_dev_set_meets_thresholds() -> None:
    summary = evaluate(EVAL / "dev")
    low = {k: (summary[k], v) for k, v in THRESHOLDS.items() if summary[k] < v}
    assert not low, f"below threshold (got, wanted): {low}"


#: Floors a little under what our own articles measure, so a change that loses ground shows.
FLOORS = {
    "corpus/sample": {"event_f1": 0.80, "event_date_f1": 0.70, "entity_f1": 0.85, "agent_f1": 0.80},
    "tests/fixtures/validation": {"event_f1": 0.65, "event_date_f1": 0.55, "entity_f1": 0.80, "agent_f1": 0.60},
}


@needs_scorer
@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_eval_our_check_sets_hold_their_floors(corpus: str) -> None:
    summary = evaluate(ROOT / corpus)
    low = {k: (summary[k], v) for k, v in FLOORS[corpus].items() if summary[k] < v}
    assert not low, f"{corpus} below its floor (got, wanted): {low}"
