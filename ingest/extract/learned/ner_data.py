"""Training data for the learned NER: gold entity names aligned to character spans, as a DocBin.

The gold of our corpus lists entities by name and aliases, not by position (SCHEMA.md). A
statistical NER needs the mentions themselves, so every occurrence of a gold name or alias in the
article's text (case-sensitive, on word boundaries) is marked with the entity's type; where two
occurrences overlap, the longer wins ("Supreme Court of Tajikistan" over "Tajikistan"). Words the
gold does not name are outside any entity, which is what the gold means: it lists every name of
the six types. What could not be placed is counted, not hidden: names that never occur verbatim
("Chinese authorities" for an implied agent), and occurrences that do not fall on token
boundaries.

The dev slice for ``spacy train`` is a fixed part of the train split, chosen by real event (a
salted hash), so the tune split stays untouched for the learner comparison.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin

#: The label of an occurrence left unannotated (neither an entity nor outside one).
MISSING = "-"
#: Percent of the train split's real events held out as spacy train's dev set.
DEV_PERCENT = 15


@dataclass
class AlignStats:
    """What the alignment found, over a set of articles."""

    articles: int = 0
    entities: int = 0
    entities_found: int = 0
    names: int = 0
    names_found: int = 0
    spans: int = 0
    generic: int = 0
    misaligned: int = 0
    overlapped: int = 0
    spans_by_type: Counter[str] = field(default_factory=Counter)
    missing_by_type: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "gold_entities": self.entities,
                "gold_entities_found": self.entities_found, "gold_names": self.names,
                "gold_names_found": self.names_found, "gold_names_not_found": self.names - self.names_found,
                "spans": self.spans, "generic_occurrences_unlabelled": self.generic,
                "misaligned_occurrences": self.misaligned,
                "overlapped_occurrences": self.overlapped, "spans_by_type": dict(sorted(self.spans_by_type.items())),
                "entities_not_found_by_type": dict(sorted(self.missing_by_type.items()))}


def in_dev_slice(real_event: str) -> bool:
    """Whether a train article's real event belongs to the dev slice (stable, by hash)."""
    digest = hashlib.sha256(("ner-dev:" + real_event.strip().lower()).encode()).hexdigest()
    return int(digest, 16) % 100 < DEV_PERCENT


def occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Character spans of ``name`` in ``text``, on word boundaries, case-sensitive."""
    name = name.strip()
    if not name:
        return []
    pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def generic(name: str) -> bool:
    """An alias with no capital letter: a reference ("the firm", "police"), not a name."""
    return not any(c.isupper() for c in name)


def gold_spans(text: str, gold: Mapping[str, Any], stats: AlignStats) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, type) spans of the gold's names in ``text``, longest first;
    the type of a generic alias's occurrence is ``MISSING``."""
    found: list[tuple[int, int, str]] = []
    for ent in gold.get("entities", []):
        names = list(dict.fromkeys(n for n in [ent.get("name", ""), *ent.get("aliases", [])] if n.strip()))
        stats.entities += 1
        hit = False
        for name in names:
            spans = occurrences(text, name)
            stats.names += 1
            stats.names_found += bool(spans)
            hit = hit or bool(spans)
            found.extend((s, e, MISSING if generic(name) else str(ent["type"])) for s, e in spans)
        stats.entities_found += hit
        if not hit:
            stats.missing_by_type[str(ent["type"])] += 1
    chosen: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for s, e, label in sorted(set(found), key=lambda x: (-(x[1] - x[0]), x[0], x[2])):
        if taken.intersection(range(s, e)):
            stats.overlapped += 1
            continue
        taken.update(range(s, e))
        chosen.append((s, e, label))
    return sorted(chosen)


def annotated_doc(nlp: Language, article: Mapping[str, Any], stats: AlignStats) -> Doc:
    """The article's text, tokenised, with the gold's names as entities (the rest outside)."""
    text = str(article["text"])
    doc = nlp.make_doc(text)
    ents, missing = [], []
    for s, e, label in gold_spans(text, article.get("gold") or {}, stats):
        span = doc.char_span(s, e, label="" if label == MISSING else label, alignment_mode="strict")
        if span is None:
            stats.misaligned += 1
        elif label == MISSING:
            missing.append(span)
            stats.generic += 1
        else:
            ents.append(span)
            stats.spans_by_type[label] += 1
    doc.set_ents(ents, missing=missing, default="outside")
    stats.spans += len(ents)
    stats.articles += 1
    return doc


def docbin(nlp: Language, arts: Iterable[Mapping[str, Any]], stats: AlignStats) -> DocBin:
    out = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for art in arts:
        out.add(annotated_doc(nlp, art, stats))
    return out


def split_train(arts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(fit, dev) parts of the train split's articles, by real event."""
    fit: list[dict[str, Any]] = []
    dev: list[dict[str, Any]] = []
    for art in arts:
        event = str((art.get("meta") or {}).get("real_event") or art.get("id"))
        (dev if in_dev_slice(event) else fit).append(art)
    return fit, dev
