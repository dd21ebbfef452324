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


@cache
def extractor_version(model: str) -> str:
    digest = hashlib.sha256(model.encode())
    files = sorted(f for f in _EXTRACT.rglob("*") if f.is_file() and f.suffix in _SUFFIXES)
    for f in files:
        digest.update(f.relative_to(_EXTRACT).as_posix().encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]
