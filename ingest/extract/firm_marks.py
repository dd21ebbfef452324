"""A firm's own marks around a name: a stock ticker in brackets after it ("Zentrix (ZTX)",
"Illumina (NASDAQ: ILMN)"), or staff it employs ("a Norvenna employee", "Norvenna's executives").

The rules type such a name a company whatever else it looks like, and the learned models do not
overturn that reading (``learned/ner.py``'s ``sure_type``, ``learned/model.py``'s encoder cascade):
an invented or unfamiliar firm's name often reads like a place or a person's name to them.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

TICKER_RX = re.compile(r"^\(\s*(?:(?:NYSE|NASDAQ|Nasdaq|LSE|HKEX|SEHK|TSE|TSX|SSE|SZSE|ASX)\s*:\s*)?"
                       r"[A-Z][A-Z.]{0,5}\s*\)")


def has_ticker(span: Span) -> bool:
    """"PVH (PVH)", "Illumina (NASDAQ: ILMN)": a stock ticker in brackets right after a one-word
    name marks a listed company (a longer name in brackets is an acronym definition instead)."""
    if len(span) != 1:
        return False
    doc = span.doc  # the next few tokens, not doc.text: that is rebuilt on every call
    rest = (span[-1].whitespace_ + doc[span.end:span.end + 8].text)[:24]
    return TICKER_RX.match(rest.lstrip(" ") if rest.startswith(" (") else rest) is not None


def employs(span: Span, staff: frozenset[str]) -> bool:
    """The name modifies a noun for its staff (``staff``: the word lists' ``employer_context``):
    "a Norvenna employee", "Norvenna's executives"."""
    root = span.root
    return root.dep_ in ("compound", "poss") and root.head.i >= span.end and root.head.lower_ in staff


def firm_marked(span: Span, staff: frozenset[str]) -> bool:
    """A firm's own marks around a name: a stock ticker in brackets after it, or staff it employs.
    The rules' reading, which learned models do not overturn."""
    return has_ticker(span) or employs(span, staff)


def is_ticker(doc: Doc, start: int, end: int) -> bool:
    """The "ILMN" of "Illumina (ILMN)" or "(NASDAQ: ILMN)": a ticker, not a name of its own."""
    left = next((k for k in range(start - 1, max(start - 4, 0), -1) if doc[k].text == "("), None)
    right = next((k for k in range(end, min(end + 3, len(doc))) if doc[k].text == ")"), None)
    if left is None or right is None or left < 1 or not TICKER_RX.match("(" + doc[left + 1:right].text + ")"):
        return False
    return doc[start].text != doc[left - 1].text and has_ticker(doc[left - 1:left])
