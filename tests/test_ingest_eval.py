"""The dev-set evaluation (../shared/eval), run only where that folder exists."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
THRESHOLDS = {"event_f1": 0.75, "event_date_f1": 0.60, "entity_f1": 0.80, "agent_f1": 0.70}


@pytest.mark.skipif(not (EVAL / "evaluate.py").exists() or not (EVAL / "dev").is_dir(),
                    reason="../shared/eval is not available")
def test_eval_dev_set_meets_thresholds() -> None:
    cli = Path(sys.executable).with_name("enforcegraph")
    cmd = f"{cli} extract --format jsonl --quiet {{corpus}}"
    proc = subprocess.run([sys.executable, str(EVAL / "evaluate.py"), str(EVAL / "dev"), "--cmd", cmd],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    low = {k: (summary[k], v) for k, v in THRESHOLDS.items() if summary[k] < v}
    assert not low, f"below threshold (got, wanted): {low}"
