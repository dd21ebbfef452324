"""Name comparison for screening: what a compliance team means by "the same firm".

Watchlists spell names the way their own systems do: "Bain and Company" for "Bain & Company",
"Mintz Group LLC" for "Mintz Group", "Hirano Daisuke" for "Daisuke Hirano", "Société Générale"
without accents, "Газпром" in Cyrillic. So both sides are reduced to one comparable form
(transliterated to ASCII, case-folded, "&" read as "and", punctuation and legal forms dropped)
and compared as token sets with rapidfuzz, whose order-free ratios do not punish a reversed name.
The legal-form vocabulary is data (``api/data/legal_forms.yaml``), not code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml
from anyascii import anyascii
from rapidfuzz import fuzz

DATA = Path(__file__).resolve().parent.parent / "data"
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Similarity:
    """How alike two names are, 0-1, and the parts it is made of (each shown to the user)."""

    score: float
    token_sort: float
    token_set: float
    exact: bool


@cache
def legal_forms() -> tuple[frozenset[str], frozenset[str]]:
    """(forms written after the name, forms written before it), each already normalised."""
    raw = yaml.safe_load((DATA / "legal_forms.yaml").read_text(encoding="utf-8"))
    trailing = frozenset(_tokens(f) for f in raw["trailing"])
    leading = frozenset(_tokens(f) for f in raw["leading"])
    return trailing, leading


def _tokens(text: str) -> str:
    s = anyascii(text).casefold().replace("&", " and ").replace("'s ", " ").replace("'", "")
    return " ".join(_NON_WORD.sub(" ", s).split())


@lru_cache(maxsize=65536)  # graph names recur across a watchlist's items
def normalise(name: str) -> str:
    """The comparable form of a name: ASCII, lower case, "&" as "and", no punctuation or legal form."""
    words = _tokens(name).split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    trailing, leading = legal_forms()
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in (3, 2, 1):  # the longest form first: "co ltd" before "ltd"
            if len(words) > size and " ".join(words[-size:]) in trailing:
                words, changed = words[:-size], True
                break
            if len(words) > size and " ".join(words[:size]) in leading:
                words, changed = words[size:], True
                break
    return " ".join(words)


def similarity(query: str, candidate: str) -> Similarity:
    """The mean of rapidfuzz's token-sort and token-set ratios of the normalised names.

    Token-sort compares the words in sorted order (a reversed name scores 1); token-set scores a
    name whose words are a subset of the other's highly, so their mean keeps "Bain" below
    "Bain & Company" while "Bain and Company" is an exact match.
    """
    a, b = normalise(query), normalise(candidate)
    if not a or not b:
        return Similarity(0.0, 0.0, 0.0, False)
    if a == b:
        return Similarity(1.0, 1.0, 1.0, True)
    sort = fuzz.token_sort_ratio(a, b) / 100
    tset = fuzz.token_set_ratio(a, b) / 100
    return Similarity(round((sort + tset) / 2, 4), round(sort, 4), round(tset, 4), False)


def search_text(name: str) -> str:
    """The name as full-text search words: transliterated, so Cyrillic finds its Latin spelling."""
    ascii_name = anyascii(name)
    return ascii_name if ascii_name.strip() else name
