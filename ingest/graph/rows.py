"""The rows that write one document: pure data planned from an Extraction, without the database.

``plan`` turns a document's extraction into parameter rows for the named write queries (entity
and event nodes with their stable ids from :mod:`ingest.graph.identity`, arguments with their
evidence); ``remap_events`` points them at the events cross-source merging chose. Kept apart
from the writer so that resolution (:mod:`ingest.graph.merging`) and benchmarks can use the rows
without the transaction code, and the writer and merging need not import each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ingest.graph import identity
from ingest.graph.entity_resolution import EntityReport
from ingest.records import Evidence, Extraction, date_precision
from ontology import Ontology
from ontology import load as load_ontology

#: Event argument -> (ontology property, entity type assumed for a name the document's entity list lacks).
ARGUMENTS: dict[str, tuple[str, str]] = {
    "agents": ("agent", "GovernmentBody"),
    "targets": ("target", "Organization"),
    "location": ("location", "Place"),
    "laws": ("underLaw", "Law"),
}


@dataclass
class DocumentRows:
    """The parameter rows that write one document (pure data, built without the database)."""

    doc_id: str
    document: dict[str, Any]
    sequence: int = 0
    entities: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    arguments: list[dict[str, Any]] = field(default_factory=list)

    def node_ids(self) -> list[str]:
        return [r["id"] for r in self.entities] + [r["id"] for r in self.events]


def _evidence(ev: Evidence | None) -> dict[str, Any]:
    if ev is None:
        return {"evidence": None, "start": None, "end": None}
    return {"evidence": ev.text, "start": ev.start, "end": ev.end}


def _higher(a: float | None, b: float | None) -> float | None:
    """The higher of two argument probabilities, where either is known (None: not judged)."""
    return b if a is None else a if b is None else max(a, b)


def _external_ids(canonical_id: str | None) -> list[str]:
    if not canonical_id:
        return []
    return [canonical_id if ":" in canonical_id else f"gazetteer:{canonical_id}"]


def plan(
    extraction: Extraction, *, ingested_at: dt.datetime, onto: Ontology | None = None,
    entity_of: Mapping[str, str] | None = None, merge_rules: Mapping[str, str] | None = None,
    sequence: int = 0,
) -> DocumentRows:
    """The rows that write one extraction; raises ``ValueError`` on records the graph cannot hold.

    ``entity_of`` maps base entity ids (what this document alone would call them) to the
    entities resolution chose; ``merge_rules`` explains each base id it moved; ``sequence`` is
    the document's place in the order documents first reached the graph.
    """
    onto = onto or load_ontology()
    entity_of = entity_of or {}
    merge_rules = merge_rules or {}
    doc = extraction.document
    rows = DocumentRows(doc_id=doc.id, sequence=sequence, document={"id": doc.id, "props": {
        "title": doc.title, "url": doc.url, "source": doc.source, "published": doc.published,
        "contentHash": doc.content_hash, "ingestedAt": ingested_at,
        "extraction": extraction.model_dump_json(), "extractorVersion": extraction.extractor,
        "sequence": sequence,
    }})
    entities: dict[str, dict[str, Any]] = {}
    by_name: dict[str, str] = {}
    by_norm: dict[str, str] = {}

    def add_entity(type_: str, name: str, aliases: Sequence[str], *, country: str | None = None,
                   wikidata: str | None = None, canonical_id: str | None = None, confidence: float = 1.0,
                   evidence: Evidence | None = None) -> str:
        base = identity.entity_id(type_, name, canonical_id, document_id=doc.id)
        eid = entity_of.get(base, base)
        row = entities.get(eid)
        if row is None:
            row = entities[eid] = {
                "id": eid, "labels": onto.labels(type_), "name": name, "names": [], "nameKeys": [],
                "baseIds": [], "mergeRule": None,
                "country": country, "wikidata": wikidata, "externalIds": _external_ids(canonical_id),
                "confidence": confidence, "doc": doc.id, **_evidence(evidence),
            }
        else:
            row["confidence"] = max(row["confidence"], confidence)
            row["country"] = row["country"] or country
            row["wikidata"] = row["wikidata"] or wikidata
            row["externalIds"] = sorted({*row["externalIds"], *_external_ids(canonical_id)})
            if row["evidence"] is None and evidence is not None:
                row.update(_evidence(evidence))
        if base not in row["baseIds"]:
            row["baseIds"] = sorted([*row["baseIds"], base])
        if base != eid and base in merge_rules:
            row["mergeRule"] = "; ".join(filter(None, [row["mergeRule"], merge_rules[base]]))
        for n in (name, *aliases):
            if n not in row["names"]:
                row["names"].append(n)
            by_name.setdefault(n, eid)
            by_norm.setdefault(identity.normalise_name(n), eid)
        row["nameKeys"] = sorted(EntityReport(eid, type_, tuple(row["names"])).name_keys())
        return eid

    for ent in extraction.entities:
        add_entity(ent.type, ent.name, ent.aliases, country=ent.country, wikidata=ent.wikidata,
                   canonical_id=ent.canonical_id, confidence=ent.confidence,
                   evidence=ent.mentions[0] if ent.mentions else None)

    def resolve(name: str, default_type: str, evidence: Evidence, confidence: float) -> str:
        found = by_name.get(name) or by_norm.get(identity.normalise_name(name))
        if found:
            return found
        # a name the entity list lacks: an entity of the type its role implies
        return add_entity(default_type, name, (), confidence=confidence, evidence=evidence)

    events: dict[str, dict[str, Any]] = {}
    arguments: dict[tuple[str, str, str], dict[str, Any]] = {}
    relation_types = onto.relation_types()
    for ev in extraction.events:
        if not doc.text[ev.evidence.start:ev.evidence.end] == ev.evidence.text:
            raise ValueError(f"event {ev.type}: evidence offsets {ev.evidence.start}-{ev.evidence.end} "
                             "do not match the document text")
        args: dict[str, list[str]] = {}
        scored: dict[tuple[str, str], float] = {}  # (field, entity id) -> the attacher's probability
        for field_name, (_prop, default_type) in ARGUMENTS.items():
            value = getattr(ev, field_name)
            names = [value] if isinstance(value, str) else list(value or [])
            args[field_name] = [resolve(n, default_type, ev.evidence, ev.confidence) for n in names]
            for n, entity in zip(names, args[field_name], strict=True):
                p = ev.probability_of(field_name, n)
                if p is not None:  # two names of one entity: the higher
                    scored[(field_name, entity)] = max(p, scored.get((field_name, entity), p))
        # a date taken from another event of the story is a guess: kept on the report as inferred, never
        # the event's date nor part of its identity (ingest/extract/story_dates.py)
        inferred = ev.date if ev.date_basis == "story" else None
        date = None if inferred else ev.date
        eid = identity.event_id(ev.type, args["targets"], date, law_ids=args["laws"], document_id=doc.id)
        row = events.get(eid)
        if row is None or ev.confidence > row["confidence"]:
            events[eid] = {
                "id": eid, "type": ev.type, "labels": onto.labels(ev.type), "date": date,
                "datePrecision": date_precision(date), "reportedDate": date, "inferredDate": inferred,
                "reportedStatus": ev.status,
                "effectiveDate": ev.effective, "effectivePrecision": date_precision(ev.effective),
                "confidence": ev.confidence, "doc": doc.id, "baseIds": [eid],
                "anchors": sorted(set(args["laws"] if ev.type == "LawRevision" else args["targets"])),
                "agents": sorted(set(args["agents"])), **_evidence(ev.evidence),
            }
        for field_name, (prop, _default) in ARGUMENTS.items():
            rel_type = onto.properties[prop].rel_type
            if rel_type not in relation_types:  # pragma: no cover - the schema defines all four
                raise ValueError(f"relation {rel_type!r} is not in the ontology")
            for entity in args[field_name]:
                key = (eid, entity, rel_type)
                arguments[key] = {"event": eid, "entity": entity, "type": rel_type, "doc": doc.id,
                                  "probability": _higher(arguments.get(key, {}).get("probability"),
                                                         scored.get((field_name, entity)))}
    rows.entities = sorted(entities.values(), key=lambda r: r["id"])
    rows.events = sorted(events.values(), key=lambda r: r["id"])
    rows.arguments = sorted(arguments.values(), key=lambda r: (r["event"], r["type"], r["entity"]))
    return rows


def remap_events(rows: DocumentRows, event_of: Mapping[str, str]) -> None:
    """Point a document's event rows and arguments at the events cross-source merging chose."""
    merged: dict[str, dict[str, Any]] = {}
    for row in rows.events:
        new = event_of.get(row["id"], row["id"])
        row = {**row, "id": new}
        old = merged.get(new)
        if old is None or row["confidence"] > old["confidence"]:
            if old is not None:
                row["baseIds"] = sorted({*old["baseIds"], *row["baseIds"]})
            merged[new] = row
        else:
            old["baseIds"] = sorted({*old["baseIds"], *row["baseIds"]})
    rows.events = sorted(merged.values(), key=lambda r: r["id"])
    args: dict[tuple[str, str, str], dict[str, Any]] = {}
    for a in rows.arguments:
        a = {**a, "event": event_of.get(a["event"], a["event"])}
        key = (a["event"], a["entity"], a["type"])
        a["probability"] = _higher(args.get(key, {}).get("probability"), a.get("probability"))
        args[key] = a
    rows.arguments = sorted(args.values(), key=lambda r: (r["event"], r["type"], r["entity"]))
