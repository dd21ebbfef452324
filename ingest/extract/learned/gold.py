"""Gold alignment: which rule entities and events the annotators also wrote down.

Training labels come from here. Names are compared the way the evaluation compares them
(case, punctuation, a leading "the", possessive 's and corporate suffixes ignored), against
the gold name and every gold alias. Events match one to one, in document order: a rule event
matches the first unmatched gold event of its type that shares a target (laws for LawRevision),
so a second mention of the same real event is labelled a duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ingest.extract.gazetteer import name_key

#: Corporate suffixes that do not distinguish one name from another.
SUFFIXES = frozenset({"inc", "ltd", "llc", "co", "corp", "plc", "limited", "corporation", "incorporated"})


def gold_key(name: str) -> str:
    """A comparison key for a name: ``name_key`` without trailing corporate suffixes."""
    words = name_key(re.sub(r"\.", " ", name)).split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def entity_types(gold: Mapping[str, Any]) -> dict[str, str]:
    """Every key of a gold entity's name or alias, with the entity's type."""
    out: dict[str, str] = {}
    for ent in gold.get("entities", []):
        for n in [ent["name"], *ent.get("aliases", [])]:
            out.setdefault(gold_key(n), ent["type"])
    return out


def _alias_keys(gold: Mapping[str, Any]) -> dict[str, set[str]]:
    """Key of any name or alias -> all keys of that entity (so "Hasanli" meets "Ulvi Hasanli")."""
    out: dict[str, set[str]] = {}
    for ent in gold.get("entities", []):
        keys = {gold_key(n) for n in [ent["name"], *ent.get("aliases", [])]}
        for k in keys:
            out.setdefault(k, set()).update(keys)
    return out


def _event_keys(names: Iterable[str], aliases: Mapping[str, set[str]]) -> set[str]:
    out: set[str] = set()
    for n in names:
        k = gold_key(n)
        out |= aliases.get(k, {k})
    return out


def align_events(system: Sequence[tuple[str, list[str]]], gold: Mapping[str, Any]) -> list[int | None]:
    """For each system event, given as (type, names that identify it: targets, or laws for a
    LawRevision), the index of the gold event it is the first to match, or None."""
    aliases = _alias_keys(gold)
    pending = []
    for ev in gold.get("events", []):
        names = ev.get("laws", []) if ev["type"] == "LawRevision" else ev.get("targets", [])
        pending.append((ev["type"], _event_keys(names, aliases)))
    used = [False] * len(pending)
    out: list[int | None] = []
    for etype, names in system:
        keys = _event_keys(names, aliases)
        hit = next((i for i, (t, g) in enumerate(pending) if not used[i] and t == etype and g & keys), None)
        if hit is not None:
            used[hit] = True
        out.append(hit)
    return out


def match_events(system: Sequence[tuple[str, list[str]]], gold: Mapping[str, Any]) -> list[bool]:
    """For each system event, whether it is the first to match a gold event (``align_events``)."""
    return [hit is not None for hit in align_events(system, gold)]


def role_keys(names: Iterable[str], gold: Mapping[str, Any]) -> set[str]:
    """The keys of gold argument names, each widened to every name and alias of its entity."""
    return _event_keys(names, _alias_keys(gold))
