"""The proposer's threshold chosen last, on the whole extraction (``choose_proposer.py``): the grid
scores what the extractor outputs, with the models it is given. (``make train`` on a tiny corpus,
which runs this step last, is tested in ``test_learned.py``.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.extract.learned.choose_proposer import whole_extraction
from ingest.extract.learned.train_triggers import Parsed
from ingest.extract.learned.triggers import load_shipped
from ingest.extract.nlp import load_pipeline
from ingest.extract.pipeline import Extractor
from ingest.records import Document
from tests.ingest.extract.test_learned_triggers import NAB, feature_model

ROOT = Path(__file__).resolve().parents[3]


def test_learned_choose_proposer_reads_the_extraction_the_product_outputs() -> None:
    doc = load_pipeline(DEFAULT_SPACY_MODEL)(NAB)
    parsed = Parsed({"id": "nab", "text": NAB}, doc, None)
    shipped = load_shipped()
    if shipped is not None:  # the shipped models through the grid's path: the extractor's events
        out = Extractor(DEFAULT_SPACY_MODEL).extract(Document(id="nab", text=NAB))
        assert whole_extraction(parsed, shipped, None, None) == [(e.type, e.targets) for e in out.events]
    assert ("Arrest", ["Daniel Ojo"]) in whole_extraction(parsed, feature_model("l=nab", "Arrest", 0.5), None, None)
    assert all(t != "Arrest" for t, _ in whole_extraction(parsed, feature_model("l=nab", "Arrest", 1.01), None, None))


def _choose(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "corpus").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-m", "ingest.extract.learned.choose_proposer", str(tmp_path / "corpus"),
                           *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_learned_choose_proposer_refuses_a_missing_proposer(tmp_path: Path) -> None:
    proc = _choose(tmp_path, "--out", str(tmp_path / "none.npz"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"{tmp_path / 'none.npz'}: no trigger proposer to choose a threshold for " \
                                  "(train_triggers first)"


def test_learned_choose_proposer_never_falls_back_on_the_shipped_attacher(tmp_path: Path) -> None:
    proposer = tmp_path / "triggers.npz"
    feature_model("l=nab", "Arrest", 0.5).save(proposer)
    proc = _choose(tmp_path, "--out", str(proposer), "--arguments", str(tmp_path / "absent.npz"))
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"{tmp_path / 'absent.npz'}: no attacher (train_arguments first)"
