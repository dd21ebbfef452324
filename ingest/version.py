"""A fingerprint of the extractor: its code, its vocabulary files, the learned model and the
spaCy model.

Stored on every Document node, so that re-ingesting skips a document only when both its text
and the extractor are unchanged: better rules reach documents that are already in the graph.
Everything that reads text lives in ``ingest/extract/``, so the fingerprint hashes that folder
and nothing else; graph building and the runner can change without forcing re-extraction.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_EXTRACT = Path(__file__).resolve().parent / "extract"
_SUFFIXES = {".py", ".yaml", ".npz"}
_CODE_SUFFIXES = {".py", ".yaml"}


def _digest(model: str, suffixes: set[str], folder: Path, whole: Path | None = None) -> str:
    """Model name, then the path and bytes of every file under ``folder`` with one of ``suffixes``,
    and of every file under ``whole`` whatever its name."""
    digest = hashlib.sha256(model.encode())
    files = sorted(f for f in folder.rglob("*")
                   if f.is_file() and (f.suffix in suffixes or (whole is not None and whole in f.parents)))
    for f in files:
        digest.update(f.relative_to(folder).as_posix().encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


@cache
def extractor_version(model: str) -> str:
    return extractor_digest(model, _EXTRACT)


def extractor_digest(model: str, folder: Path) -> str:
    """The extractor's fingerprint over ``folder`` (``ingest/extract/``): code, vocabulary, the
    learned judges, and every file of the learned models' folder, whatever its name (the learned
    NER is a spaCy pipeline folder: its weights are files such as ``ner/model``)."""
    return _digest(model, _SUFFIXES, folder, folder / "data" / "learned")


def parse_version(model: str, folder: Path = _EXTRACT) -> str:
    """The fingerprint of what parsing depends on: the code and vocabulary files, not the learned
    judges (``.npz``), which ``make train`` rewrites between the steps that share parses. Training
    keys its parse cache with it, so a changed pipeline never trains on stale parses."""
    return _digest(model, _CODE_SUFFIXES, folder)
