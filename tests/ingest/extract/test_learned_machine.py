"""What a training report records of its machine (``machine.py``), and that the learned NER's
training gives the same bytes twice on one machine with ``make train``'s settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.extract.learned import machine
from tests.ingest.extract.test_learned import tiny_corpus

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT / "corpus" / "train"
#: What ``make train`` sets before the NER step (Makefile, ``train``).
MAKE_TRAIN_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0"}


def test_learned_machine_reads_the_model_name_from_cpuinfo(tmp_path: Path) -> None:
    info = tmp_path / "cpuinfo"
    info.write_text("processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Example CPU 9000 @ 2.00GHz\n"
                    "processor\t: 1\nmodel name\t: Example CPU 9000 @ 2.00GHz\n")
    assert machine.cpu_model(info) == "Example CPU 9000 @ 2.00GHz"


def test_learned_machine_without_cpuinfo_falls_back_to_platform(tmp_path: Path) -> None:
    got = machine.cpu_model(tmp_path / "absent")
    assert got is None or (isinstance(got, str) and got)


def test_learned_machine_names_the_blis_kernels_this_machine_loads() -> None:
    kernels = machine.blis_kernels()
    assert isinstance(kernels, str) and kernels.isidentifier()  # "haswell", "skx", "zen3", ...
    assert machine.describe()["blis_kernels"] == kernels


def test_learned_machine_says_none_when_blis_cannot_be_asked(tmp_path: Path) -> None:
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'no blis here' >&2\nexit 1\n")
    fake.chmod(0o755)
    assert machine.blis_kernels(str(fake)) is None
    assert machine.blis_kernels(str(tmp_path / "missing")) is None


@pytest.mark.skipif(not (CORPUS / "SPLITS.json").exists(), reason="no training corpus")
def test_learned_machine_ner_training_gives_the_same_bytes_twice_on_one_machine(tmp_path: Path) -> None:
    corpus, manifest = tiny_corpus(tmp_path)
    env = {**os.environ, **MAKE_TRAIN_ENV}
    runs = []
    for name in ("a", "b"):  # side by side: the second run must not reuse anything of the first
        cmd = [sys.executable, "-m", "ingest.extract.learned.train_ner", str(corpus), "--manifest", str(manifest),
               "--out", str(tmp_path / name / "ner"), "--report", str(tmp_path / name / "report.json"),
               "--work", str(tmp_path / name / "work"), "--seed", "0", "--max-steps", "100"]
        runs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True))
    for proc in runs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
    a, b = tmp_path / "a", tmp_path / "b"
    for part in ("ner/model", "ner/moves", "ner/cfg", "vocab/strings.json", "MODEL_CARD.md"):
        assert (a / "ner" / part).read_bytes() == (b / "ner" / part).read_bytes(), part
    report = json.loads((a / "report.json").read_text())
    assert report["machine"] == machine.describe()
    card = (a / "ner" / "MODEL_CARD.md").read_text()
    assert f'BLIS kernels "{report["machine"]["blis_kernels"]}"' in card
