"""Entity resolution across documents: which entity reports are the same real firm, agency, person or law.

Every report of an entity in a document has a *base id* (:mod:`ingest.graph.identity`: its type and
gazetteer id or normalised name). Resolution groups base ids into entities with explicit
rules, strongest first, and records each merge with the rule and the names that made it, so
that every merge can be explained and undone:

1. ``judgement`` - a user pinned the two as the same (judgements file);
2. ``gazetteer`` - both carry the same gazetteer id (already one base id);
3. ``alias``     - a name or alias of one equals a name or alias of the other, after
   normalisation, and their types and countries agree. For people only a full name (two
   words or more) counts: a surname alone never joins two people across documents.

A merge never joins two groups that a ``different`` judgement keeps apart, nor groups with
different known home countries. Acronyms (``MSS``) count as aliases only when the group they
point to is unambiguous.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestInputError
from ingest.graph.identity import normalise_name


def is_acronym(name: str) -> bool:
    letters = name.replace(".", "").strip()
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


@dataclass(frozen=True)
class EntityReport:
    """One entity as (one or more) documents name it, reduced to what resolution compares.

    An entity already in the graph takes part as one report whose ``base_id`` is its id,
    ``members`` the base ids merged into it, and ``existing`` set: it keeps its id when new
    reports join it, so ingesting more documents does not rename what partners already hold.
    ``first_seen`` is the smallest sequence number (the order in which documents first reached
    the graph) of the documents that report it.
    """

    base_id: str
    type: str
    names: tuple[str, ...]
    country: str | None = None
    gazetteer: bool = False
    members: tuple[str, ...] = ()
    existing: bool = False
    first_seen: int = 0

    def name_keys(self) -> dict[str, bool]:
        """Normalised names that may join this report to another, each with whether it is an acronym."""
        out: dict[str, bool] = {}
        for n in self.names:
            key = normalise_name(n)
            if not key:
                continue
            if self.type == "Person" and len(key.split()) < 2:
                continue  # a surname alone is not enough to join people
            out[key] = out.get(key, False) or is_acronym(n)
        return out

    def has_full_name(self) -> bool:
        return any(not is_acronym(n) for n in self.names)


@dataclass(frozen=True)
class Merge:
    """Why two base ids are one entity."""

    left: str
    right: str
    rule: str
    names: tuple[str, ...]

    def explain(self) -> str:
        return f"{self.rule}: {' = '.join(self.names)}"


@dataclass
class Judgements:
    """User decisions that override the rules: pairs of base or entity ids."""

    same: set[frozenset[str]] = field(default_factory=set)
    different: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path | None) -> Judgements:
        if path is None or not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8") or "{}")
            same = {frozenset(p) for p in raw.get("same", [])}
            different = {frozenset(p) for p in raw.get("different", [])}
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise IngestInputError(f"judgements file {path}: {str(exc).splitlines()[0]}") from None
        for pair in same | different:
            if len(pair) != 2:
                raise IngestInputError(f"judgements file {path}: each judgement names two different ids")
        return cls(same=same, different=different)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"same": sorted(sorted(p) for p in self.same),
                "different": sorted(sorted(p) for p in self.different)}
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path)


class _Groups:
    """Union-find over base ids that refuses unions a judgement or a country forbids."""

    def __init__(self, reports: dict[str, EntityReport], judgements: Judgements) -> None:
        self.parent = {b: b for b in reports}
        self.members: dict[str, set[str]] = {b: {b, *r.members} for b, r in reports.items()}
        self.countries: dict[str, set[str]] = {b: {r.country} if r.country else set() for b, r in reports.items()}
        self.judgements = judgements

    def find(self, b: str) -> str:
        while self.parent[b] != b:
            self.parent[b] = self.parent[self.parent[b]]
            b = self.parent[b]
        return b

    def can_join(self, a: str, b: str, *, pinned: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        for x in self.members[ra]:
            for y in self.members[rb]:
                if frozenset((x, y)) in self.judgements.different:
                    return False
        clash = bool(self.countries[ra] and self.countries[rb] and self.countries[ra] != self.countries[rb])
        return pinned or not clash

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        keep, drop = sorted((ra, rb))
        self.parent[drop] = keep
        self.members[keep] |= self.members.pop(drop)
        self.countries[keep] |= self.countries.pop(drop)


@dataclass
class Resolution:
    """Base id -> entity id, with the merges that made each entity."""

    entity_of: dict[str, str]
    merges: list[Merge]

    def members(self, entity_id: str) -> list[str]:
        return sorted(b for b, e in self.entity_of.items() if e == entity_id)

    def merges_of(self, entity_id: str) -> list[Merge]:
        ids = set(self.members(entity_id))
        return [m for m in self.merges if m.left in ids]


def _entity_id(members: Iterable[str], reports: dict[str, EntityReport]) -> str:
    """The id an entity is known by: an existing entity's, else the member first seen (in the
    order documents first reached the graph); among members first seen in one document, a
    gazetteer member's, else the most complete name's.

    Existing ids are kept, so ingesting more documents does not rename what partners and
    watchlists already hold; when two existing entities join, the one seen first keeps its id.
    Ranking by first sighting makes the id independent of how an ingest is cut into groups:
    whatever the group size, an entity's id is that of the member its earliest document named.
    """
    def rank(b: str) -> tuple[int, int, int, int, str]:
        r = reports[b]
        longest = max((len(normalise_name(n)) for n in r.names), default=0)
        return (0 if r.existing else 1, r.first_seen, 0 if r.gazetteer else 1, -longest, b)

    return min(members, key=rank)


def resolve(reports: Iterable[EntityReport], judgements: Judgements | None = None) -> Resolution:
    """Group reports into entities. Deterministic: the same reports give the same answer in any order."""
    judgements = judgements or Judgements()
    by_base: dict[str, EntityReport] = {}
    for r in sorted(reports, key=lambda r: r.base_id):
        if r.base_id in by_base:  # the same base id from several documents: pool the names
            old = by_base[r.base_id]
            names = tuple(dict.fromkeys(old.names + r.names))
            by_base[r.base_id] = EntityReport(r.base_id, r.type, names, old.country or r.country,
                                              old.gazetteer or r.gazetteer, tuple(sorted({*old.members, *r.members})),
                                              old.existing or r.existing, min(old.first_seen, r.first_seen))
        else:
            by_base[r.base_id] = r
    groups = _Groups(by_base, judgements)
    merges: list[Merge] = []

    for pair in sorted(sorted(p) for p in judgements.same):
        a, b = pair
        if a in by_base and b in by_base and groups.can_join(a, b, pinned=True):
            groups.join(a, b)
            merges.append(Merge(a, b, "judgement", (*by_base[a].names[:1], *by_base[b].names[:1])))

    owners: dict[str, list[str]] = {}
    acronyms: set[str] = set()
    for b, r in by_base.items():
        for key, acronym in r.name_keys().items():
            owners.setdefault(key, []).append(b)
            if acronym:
                acronyms.add(key)
    # full names first: an acronym is judged ambiguous or not once they have joined what they join
    for key in sorted(owners, key=lambda k: (k in acronyms, k)):
        ids = owners[key]
        if len(ids) < 2:
            continue
        first = ids[0]
        if key in acronyms and len({groups.find(i) for i in ids if by_base[i].has_full_name()}) > 1:
            continue  # an acronym that several differently named bodies use says nothing
        for other in ids[1:]:
            if by_base[first].type != by_base[other].type:
                continue
            if groups.can_join(first, other):
                groups.join(first, other)
                merges.append(Merge(first, other, "alias", (key,)))

    entity_of: dict[str, str] = {}
    roots: dict[str, list[str]] = {}
    for b in by_base:
        roots.setdefault(groups.find(b), []).append(b)
    for members in roots.values():
        eid = _entity_id(members, by_base)
        for b in members:
            entity_of[b] = eid
    return Resolution(entity_of=entity_of, merges=merges)
