"""Write extraction records into Neo4j: batched ``UNWIND ... MERGE`` through named queries.

A document's facts are written together: its Document node, its entities and events (merged
by the stable ids of :mod:`ingest.identity`), the relationships between them and a
``REPORTED_IN`` relationship from every fact to the document with the evidence sentence,
its offsets and the confidence. Writing a document again first retracts what it contributed
before, so a changed document replaces its facts and facts nobody reports any more go.

Documents are written in groups, one explicit transaction per group; when a group fails,
its documents are retried one transaction each, so a bad document is reported and skipped
while the others land. Transient errors are retried by the driver (``execute_write``).
Labels and relationship types come from the ontology only, never from input text.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError

from ingest import identity
from ingest.records import Evidence, Extraction, date_precision
from ontology import Ontology
from ontology import load as load_ontology
from queries import run

log = logging.getLogger(__name__)

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
    entities: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    arguments: list[dict[str, Any]] = field(default_factory=list)

    def node_ids(self) -> list[str]:
        return [r["id"] for r in self.entities] + [r["id"] for r in self.events]


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    entities: int = 0
    events: int = 0
    pruned: int = 0

    def merge(self, other: WriteReport) -> None:
        self.written += other.written
        self.failed += other.failed
        self.entities += other.entities
        self.events += other.events
        self.pruned += other.pruned


def _evidence(ev: Evidence | None) -> dict[str, Any]:
    if ev is None:
        return {"evidence": None, "start": None, "end": None}
    return {"evidence": ev.text, "start": ev.start, "end": ev.end}


def _external_ids(canonical_id: str | None) -> list[str]:
    if not canonical_id:
        return []
    return [canonical_id if ":" in canonical_id else f"gazetteer:{canonical_id}"]


def plan(extraction: Extraction, *, ingested_at: dt.datetime, onto: Ontology | None = None) -> DocumentRows:
    """The rows that write one extraction; raises ``ValueError`` on records the graph cannot hold."""
    onto = onto or load_ontology()
    doc = extraction.document
    rows = DocumentRows(doc_id=doc.id, document={"id": doc.id, "props": {
        "title": doc.title, "url": doc.url, "source": doc.source, "published": doc.published,
        "contentHash": doc.content_hash, "ingestedAt": ingested_at,
    }})
    entities: dict[str, dict[str, Any]] = {}
    by_name: dict[str, str] = {}
    by_norm: dict[str, str] = {}

    def add_entity(type_: str, name: str, aliases: Sequence[str], *, country: str | None = None,
                   wikidata: str | None = None, canonical_id: str | None = None, confidence: float = 1.0,
                   evidence: Evidence | None = None) -> str:
        eid = identity.entity_id(type_, name, canonical_id)
        row = entities.get(eid)
        if row is None:
            row = entities[eid] = {
                "id": eid, "labels": onto.labels(type_), "name": name, "names": [],
                "country": country, "wikidata": wikidata, "externalIds": _external_ids(canonical_id),
                "confidence": confidence, "doc": doc.id, **_evidence(evidence),
            }
        else:
            row["confidence"] = max(row["confidence"], confidence)
            row["country"] = row["country"] or country
            row["wikidata"] = row["wikidata"] or wikidata
            if row["evidence"] is None and evidence is not None:
                row.update(_evidence(evidence))
        for n in (name, *aliases):
            if n not in row["names"]:
                row["names"].append(n)
            by_name.setdefault(n, eid)
            by_norm.setdefault(identity.normalise_name(n), eid)
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
        for field_name, (_prop, default_type) in ARGUMENTS.items():
            value = getattr(ev, field_name)
            names = [value] if isinstance(value, str) else list(value or [])
            args[field_name] = [resolve(n, default_type, ev.evidence, ev.confidence) for n in names]
        eid = identity.event_id(ev.type, args["targets"], ev.date, law_ids=args["laws"], document_id=doc.id)
        row = events.get(eid)
        if row is None or ev.confidence > row["confidence"]:
            events[eid] = {
                "id": eid, "labels": onto.labels(ev.type), "date": ev.date,
                "datePrecision": date_precision(ev.date),
                "effectiveDate": ev.effective, "effectivePrecision": date_precision(ev.effective),
                "confidence": ev.confidence, "doc": doc.id, **_evidence(ev.evidence),
            }
        for field_name, (prop, _default) in ARGUMENTS.items():
            rel_type = onto.properties[prop].rel_type
            if rel_type not in relation_types:  # pragma: no cover - the schema defines all four
                raise ValueError(f"relation {rel_type!r} is not in the ontology")
            for entity in args[field_name]:
                arguments[(eid, entity, rel_type)] = {"event": eid, "entity": entity, "type": rel_type,
                                                      "doc": doc.id}
    rows.entities = sorted(entities.values(), key=lambda r: r["id"])
    rows.events = sorted(events.values(), key=lambda r: r["id"])
    rows.arguments = sorted(arguments.values(), key=lambda r: (r["event"], r["type"], r["entity"]))
    return rows


def _write_group(tx: neo4j.ManagedTransaction, group: Sequence[DocumentRows]) -> WriteReport:
    doc_ids = [g.doc_id for g in group]
    touched = run(tx, "graph-write-retract", docIds=doc_ids)
    old_ids = set(touched[0]["touched"]) if touched else set()
    run(tx, "graph-write-documents", rows=[g.document for g in group])
    entities = [r for g in group for r in g.entities]
    events = [r for g in group for r in g.events]
    arguments = [r for g in group for r in g.arguments]
    if entities:
        run(tx, "graph-write-entities", rows=entities)
    if events:
        run(tx, "graph-write-events", rows=events)
    if arguments:
        run(tx, "graph-write-arguments", rows=arguments)
    new_ids = {r["id"] for r in entities} | {r["id"] for r in events}
    pruned = 0
    gone = sorted(old_ids - new_ids)
    if gone:
        pruned = run(tx, "graph-write-prune", ids=gone)[0]["deleted"]
    run(tx, "graph-write-refresh-entities", ids=sorted(old_ids | {r["id"] for r in entities}))
    run(tx, "graph-write-refresh-events", ids=sorted(old_ids | {r["id"] for r in events}))
    return WriteReport(written=doc_ids, entities=len({r["id"] for r in entities}),
                       events=len({r["id"] for r in events}), pruned=pruned)


def _remove(tx: neo4j.ManagedTransaction, doc_ids: list[str]) -> int:
    touched = run(tx, "graph-write-retract", docIds=doc_ids)
    ids = sorted(set(touched[0]["touched"])) if touched else []
    pruned = 0
    if ids:
        pruned = int(run(tx, "graph-write-prune", ids=ids)[0]["deleted"])
        run(tx, "graph-write-refresh-entities", ids=ids)
        run(tx, "graph-write-refresh-events", ids=ids)
    run(tx, "graph-write-delete-documents", docIds=doc_ids)
    return pruned


class GraphWriter:
    """Writes extractions in groups of ``group_size`` documents, one transaction per group."""

    def __init__(self, driver: neo4j.Driver, *, database: str | None = None, group_size: int = 50,
                 onto: Ontology | None = None) -> None:
        if group_size < 1:
            raise ValueError("group_size must be at least 1")
        self.driver = driver
        self.database = database
        self.group_size = group_size
        self.onto = onto or load_ontology()

    def _session(self) -> neo4j.Session:
        return self.driver.session(database=self.database, notifications_min_severity="OFF")

    def write(self, extractions: Iterable[Extraction], *, now: dt.datetime | None = None) -> WriteReport:
        """Write every extraction; failed documents are listed in the report, not raised."""
        ingested_at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
        report = WriteReport()
        group: list[DocumentRows] = []
        for extraction in extractions:
            try:
                rows = plan(extraction, ingested_at=ingested_at, onto=self.onto)
            except ValueError as exc:
                report.failed.append((extraction.document.id, str(exc).splitlines()[0]))
                continue
            group = [g for g in group if g.doc_id != rows.doc_id]  # the latest version wins
            group.append(rows)
            if len(group) >= self.group_size:
                report.merge(self._write(group))
                group = []
        if group:
            report.merge(self._write(group))
        return report

    def _write(self, group: list[DocumentRows]) -> WriteReport:
        with self._session() as session:
            try:
                result: WriteReport = session.execute_write(_write_group, group)
                return result
            except Neo4jError as exc:
                if len(group) == 1:
                    log.warning("document %s not written: %s", group[0].doc_id, exc)
                    return WriteReport(failed=[(group[0].doc_id, _reason(exc))])
        report = WriteReport()  # the group failed: find the bad documents one by one
        for rows in group:
            report.merge(self._write([rows]))
        return report

    def remove(self, doc_ids: Sequence[str]) -> int:
        """Retract documents and their facts; returns how many entities and events disappeared."""
        with self._session() as session:
            pruned: int = session.execute_write(_remove, list(doc_ids))
            return pruned


def _reason(exc: Neo4jError) -> str:
    text = exc.message or str(exc)
    return f"{exc.code}: {text.splitlines()[0] if text else ''}"[:300]
