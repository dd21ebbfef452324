"""Stand-ins for the extraction function of a worker process, driven by the document id.

Used by the isolation tests: each id names a misbehaviour, so that the supervisor's handling of
exceptions, crashes, hangs and memory hogs is tested without loading spaCy.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

from ingest.records import Document, Extraction


def extract(document: Document) -> Extraction:
    kind = document.id.split("-")[0]
    if kind == "boom":
        raise KeyError("no such token")
    if kind == "deep":
        def down(n: int) -> int:
            return down(n + 1) + 1
        down(0)
    if kind == "crash":
        os._exit(3)
    if kind == "nap":  # finishes, after a while asleep
        time.sleep(2)
    if kind == "hang":
        time.sleep(600)
    if kind == "hog":
        hoard = [b"\x01" * 2**20 for _ in range(1500)]  # 1.5 GB, written
        time.sleep(600)
        del hoard
    return Extraction(document=document)


def load(model: str) -> Callable[[Document], Extraction]:
    if model == "missing":
        raise OSError(f"[E050] Can't find model '{model}'")
    return extract
