"""Resolution inside the write transaction: which entities and events a group of documents joins.

Run after the group's old reports are retracted and before anything is written, so that it
sees the graph as the other documents leave it:

* entities: the group's entity reports and the graph entities that share a name key with
  them are resolved together (:mod:`ingest.graph.entity_resolution`). When the group joins two entities
  already in the graph, the documents of the one that gives up its id are pulled into the
  group and re-derived from their stored extraction, so the graph stays what the documents
  and judgements say - never a patched copy of it;
* events: a report joins an event of the same kind that shares a target (a law, for law
  revisions), has a compatible date (equal, or one a refinement of the other) and acts in
  the same jurisdiction; otherwise it is a new event. The graph's candidates are found by seeks
  on the join key the event's target (law) relationships carry, never by expanding a hub's events
  (``event-candidates``); the date filter here is the same one the seek applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j

from ingest.graph.entity_resolution import EntityReport, Judgements, Resolution, resolve
from ingest.graph.rows import DocumentRows
from ontology import Ontology
from queries import run


@dataclass
class EntityPlan:
    entity_of: dict[str, str]
    merge_rules: dict[str, str]
    losers: list[str] = field(default_factory=list)


def entity_reports(rows: list[DocumentRows], onto: Ontology) -> list[EntityReport]:
    out = []
    for doc in rows:
        for r in doc.entities:
            out.append(EntityReport(r["id"], onto_type(r["labels"], onto), tuple(r["names"]), r["country"],
                                    bool(r["externalIds"]), first_seen=doc.sequence))
    return out


def onto_type(labels: list[str], onto: Ontology) -> str:
    """The most specific ontology class among a node's labels."""
    found = onto.most_specific(labels)
    if found is None:
        raise ValueError(f"no ontology class among the labels {labels}")
    return found


def plan_entities(tx: neo4j.ManagedTransaction, rows: list[DocumentRows], judgements: Judgements,
                  onto: Ontology) -> EntityPlan:
    reports = entity_reports(rows, onto)
    keys = sorted({k for r in reports for k in r.name_keys()})
    existing = [
        EntityReport(c["id"], onto_type(c["labels"], onto), tuple(c["names"]), c["country"],
                     bool(c["externalIds"]), tuple(c["memberIds"]), existing=True, first_seen=c["firstSeen"])
        for c in (run(tx, "entity-candidates", keys=keys) if keys else [])
    ]
    res = resolve(reports + existing, judgements)
    losers = sorted(e.base_id for e in existing if res.entity_of[e.base_id] != e.base_id)
    return EntityPlan(entity_of=res.entity_of, merge_rules=explanations(res), losers=losers)


def explanations(res: Resolution) -> dict[str, str]:
    """For each base id moved into another entity, the merges that moved it."""
    out: dict[str, list[str]] = {}
    for m in res.merges:
        for b in (m.left, m.right):
            if res.entity_of.get(b) != b:
                out.setdefault(b, []).append(m.explain())
    return {b: "; ".join(dict.fromkeys(v)) for b, v in out.items()}


def dates_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


@dataclass
class _Known:
    id: str
    type: str
    anchors: set[str]
    date: str | None
    countries: set[str]


def plan_events(tx: neo4j.ManagedTransaction, rows: list[DocumentRows],
                country_of: Mapping[str, str | None]) -> dict[str, dict[str, str]]:
    """Per document, event row id -> the event it joins (itself when it joins none)."""
    queries = []
    for doc in rows:
        for ev in doc.events:
            if ev["anchors"]:
                queries.append({"key": f"{doc.doc_id}\x1f{ev['id']}", "type": ev["type"],
                                "rel": "UNDER_LAW" if ev["type"] == "LawRevision" else "TARGET",
                                "anchors": ev["anchors"], "date": ev["date"]})
    found: dict[str, list[_Known]] = {}
    for c in run(tx, "event-candidates", rows=queries) if queries else []:
        found.setdefault(c["key"], []).append(
            _Known(c["id"], "", set(), c["date"], set(c["countries"])))
    pool: list[_Known] = []  # events of earlier documents in this group
    out: dict[str, dict[str, str]] = {}
    for doc in rows:
        mapping = out.setdefault(doc.doc_id, {})
        for ev in doc.events:
            countries = {country for a in ev["agents"] if (country := country_of.get(a))}
            anchors = set(ev["anchors"])
            candidates = found.get(f"{doc.doc_id}\x1f{ev['id']}", []) + [
                k for k in pool if k.type == ev["type"] and k.anchors & anchors]
            best = _choose(candidates, ev["date"], countries)
            chosen = best.id if best else ev["id"]
            mapping[ev["id"]] = chosen
            pool.append(_Known(chosen, ev["type"], anchors, ev["date"], countries))
    return out


def _choose(candidates: list[_Known], date: str | None, countries: set[str]) -> _Known | None:
    fits = [c for c in candidates
            if dates_compatible(c.date, date) and not (c.countries and countries and not c.countries & countries)]
    if not fits:
        return None

    def rank(c: _Known) -> tuple[int, int, str]:
        exact = 0 if c.date == date else 1 if c.date and date else 2
        return (exact, -len(c.countries & countries), c.id)

    return min(fits, key=rank)


def country_index(rows: list[DocumentRows]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for doc in rows:
        for r in doc.entities:
            out[r["id"]] = out.get(r["id"]) or r["country"]
    return out


def loser_documents(tx: neo4j.ManagedTransaction, losers: list[str]) -> list[dict[str, Any]]:
    return run(tx, "entity-documents", ids=losers) if losers else []
