"""A fingerprint of the extractor: its code, its rule and gazetteer files, the learned model and the
spaCy model.

Stored on every Document node, so that re-ingesting skips a document only when both its text
and the extractor are unchanged: better rules reach documents that are already in the graph.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: Modules that build the graph rather than read text; changing them needs no re-extraction.
_NOT_EXTRACTION = {"graph_writer.py", "merging.py", "resolution.py", "runner.py", "identity.py", "version.py"}


@cache
def extractor_version(model: str) -> str:
    digest = hashlib.sha256(model.encode())
    files = sorted([*_HERE.glob("*.py"), *_HERE.glob("data/*.yaml"), *_HERE.glob("learned/*.py"),
                    *_HERE.glob("data/learned/*.npz")])
    for f in files:
        if f.name in _NOT_EXTRACTION:
            continue
        digest.update(f.relative_to(_HERE).as_posix().encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]
