"""The installed package (what ``pip install .`` and the Docker image get) carries every file the
extraction loads: the learned models included, whatever their names (the learned NER is a spaCy
folder whose weights are files such as ``ner/model``). A model missing from the wheel is not an
error at run time — the extraction then quietly works without it — so this is checked here."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LEARNED = ROOT / "ingest" / "extract" / "data" / "learned"


def test_packaging_wheel_carries_every_learned_model_file(tmp_path: Path) -> None:
    """Built from a copy of what the Dockerfile copies, so no earlier build's files can mask a gap."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    for name in ("enforcegraph", "ingest", "ontology", "api", "queries"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "static"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(tmp_path), str(src)], capture_output=True, text=True, timeout=300,
                          cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    (wheel,) = tmp_path.glob("enforcegraph-*.whl")
    packed = set(zipfile.ZipFile(wheel).namelist())
    shipped = {f.relative_to(ROOT).as_posix() for f in LEARNED.rglob("*")
               if f.is_file() and "__pycache__" not in f.parts}
    assert {"ingest/extract/data/learned/model.npz", "ingest/extract/data/learned/ner/ner/model"} <= shipped
    assert sorted(shipped - packed) == []
