"""Stable node ids: the same entity or event gets the same id in every run and every document.

This is the simple first rule, kept in one module so that entity resolution can replace it:

* an entity is (type, gazetteer canonical id) when it has one, else (type, normalised name);
* an event is (type, sorted target ids, date); an event without targets (a law revision)
  uses its laws instead, and an event with neither targets, laws nor date is scoped to its
  document (nothing else could tell two of them apart).

Ids read ``<type>-<16 hex digits of a SHA-256>``, so they are safe in IRIs and Cypher values.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

#: Corporate suffixes ignored when comparing names (as the evaluation does).
SUFFIXES = frozenset({"inc", "incorporated", "ltd", "limited", "llc", "co", "corp", "corporation",
                      "plc", "gmbh", "ag", "sa", "nv", "bv"})


def normalise_name(name: str) -> str:
    """Case, punctuation, a leading "the", possessive 's and corporate suffixes ignored."""
    s = unicodedata.normalize("NFKC", name).casefold().replace("\u2019", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in SUFFIXES:
        words = words[:-1]
    return " ".join(words)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _kind(type_: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", type_).lower()


#: Types whose same-named reports in different documents start apart: two people may share a
#: name, so only resolution (a full name, or a judgement) joins them - and a judgement can split them.
DOCUMENT_SCOPED = frozenset({"Person"})


def entity_key(type_: str, name: str, canonical_id: str | None = None, *, document_id: str | None = None) -> str:
    """What makes two entity mentions the same base entity (before resolution)."""
    if canonical_id:
        return f"{type_}|id|{canonical_id}"
    key = f"{type_}|name|{normalise_name(name) or name.strip()}"
    if type_ in DOCUMENT_SCOPED and document_id:
        key += f"|doc|{document_id}"
    return key


def entity_id(type_: str, name: str, canonical_id: str | None = None, *, document_id: str | None = None) -> str:
    return f"{_kind(type_)}-{_digest(entity_key(type_, name, canonical_id, document_id=document_id))}"


def event_key(
    type_: str, target_ids: Iterable[str], date: str | None, *,
    law_ids: Iterable[str] = (), document_id: str | None = None,
) -> str:
    """What makes two event reports the same event."""
    targets = sorted(set(target_ids))
    basis = "targets"
    if not targets:
        targets, basis = sorted(set(law_ids)), "laws"
    parts = [type_, basis, ",".join(targets), date or ""]
    if not targets and not date:
        parts.append(f"doc:{document_id or ''}")
    return "|".join(parts)


def event_id(
    type_: str, target_ids: Iterable[str], date: str | None, *,
    law_ids: Iterable[str] = (), document_id: str | None = None,
) -> str:
    key = event_key(type_, target_ids, date, law_ids=law_ids, document_id=document_id)
    return f"{_kind(type_)}-{_digest(key)}"
