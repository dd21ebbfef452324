"""The extractor's vocabulary: every data file of ``data/`` is read here and nowhere else.

Word lists are data, not code (issue 10): adding a reporting verb or a kind of police body is an
edit of ``data/words.yaml``, and the extractor fingerprint (``ingest.version``) changes with it.
Trigger rules (``events.yaml``), mention rules (``entities.yaml``) and the gazetteer files are
read through ``load_yaml``; the named word lists through ``words``, ``ordered``, ``table`` and
``kinds``. The set of actor types (``ACTORS``) comes from the ontology, never retyped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ontology import load as load_ontology

DATA_DIR = Path(__file__).resolve().parent / "data"


def load_yaml(name: str) -> Any:
    """One data file of ``ingest/extract/data``."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@cache
def _lists() -> dict[str, Any]:
    raw = load_yaml("words.yaml")
    if not isinstance(raw, dict):
        raise ValueError(f"{DATA_DIR / 'words.yaml'}: expected a mapping of named word lists")
    return raw


def _entry(name: str) -> Any:
    try:
        return _lists()[name]
    except KeyError:
        raise KeyError(f"{DATA_DIR / 'words.yaml'} has no word list {name!r}") from None


def words(name: str) -> frozenset[str]:
    """A word list matched by membership."""
    return frozenset(_entry(name))


def ordered(name: str) -> tuple[str, ...]:
    """A word list whose order matters (tried first to last), or that ``str.startswith`` takes."""
    return tuple(_entry(name))


def table(name: str) -> dict[str, str]:
    """A mapping of words to one word each."""
    return {str(k): str(v) for k, v in _entry(name).items()}


def kinds(name: str) -> dict[str, tuple[str, ...]]:
    """A mapping of keys to ordered word lists (stems of a kind of body, bodies of an act)."""
    return {str(k): tuple(v) for k, v in _entry(name).items()}


#: Schema types that act or are acted upon (the ontology's concrete ``Actor`` classes).
ACTORS = frozenset(load_ontology().concrete("Actor"))
