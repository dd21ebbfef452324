"""Write extraction records into Neo4j: batched ``UNWIND ... MERGE`` through named queries.

A document's facts are written together: its Document node, its entities and events (merged
by the stable ids of :mod:`ingest.graph.identity`), the relationships between them and a
``REPORTED_IN`` relationship from every fact to the document with the evidence sentence,
its offsets and the confidence. Writing a document again first retracts what it contributed
before, so a changed document replaces its facts and facts nobody reports any more go. The
summaries of what a group touched (names, source counts, dates, entities' newest events...) are
then brought up to date: from the summary kept on the node plus the group's new reports where the
node only gained reports, so a hub's old reports are not read again; from all its reports where it
lost one (a report retracted and written back unchanged, as a re-derived document's are for most
entities it names, is no loss). A join re-derives at most ``MAX_REDERIVE_DOCUMENTS`` documents of
the entities it joins per transaction.

Documents are written in groups, one explicit transaction per group; when a group fails,
its documents are retried one transaction each, so a bad document is reported and skipped
while the others land. Transient errors are retried by the driver (``execute_write``); when
the server goes away altogether, the group is tried again with growing pauses for up to
``retry_seconds``, then :class:`ingest.errors.GraphUnavailable` says how many documents landed.
Labels and relationship types come from the ontology only, never from input text.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from ingest.errors import GraphUnavailable
from ingest.graph import exposure, merging, recent
from ingest.graph.entity_resolution import Judgements
from ingest.graph.rows import DocumentRows, plan, remap_events
from ingest.records import Extraction
from ontology import Ontology
from ontology import load as load_ontology
from queries import run

log = logging.getLogger(__name__)

#: How many times a group may pull in the documents of entities it joins before it writes.
MAX_REDERIVE_ROUNDS = 4
#: How many documents of entities it joins a group may pull in (re-derive) in its one transaction.
MAX_REDERIVE_DOCUMENTS = 1000

@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    rederived: list[str] = field(default_factory=list)
    entities: int = 0
    events: int = 0
    merged_entities: int = 0
    merged_events: int = 0
    pruned: int = 0

    def merge(self, other: WriteReport) -> None:
        self.written += other.written
        self.failed += other.failed
        self.rederived += other.rederived
        self.entities += other.entities
        self.events += other.events
        self.merged_entities += other.merged_entities
        self.merged_events += other.merged_events
        self.pruned += other.pruned


@dataclass
class _Group:
    """The documents one transaction writes, with what resolution needs to re-plan them."""

    extractions: dict[str, Extraction]
    ingested_at: dt.datetime
    judgements: Judgements
    onto: Ontology
    full_refresh: bool = False


def _sequences(tx: neo4j.ManagedTransaction, doc_ids: list[str]) -> dict[str, int]:
    """Each document's sequence number: the stored one, else the next free ones in input order."""
    known = {r["id"]: r["sequence"] for r in run(tx, "document-sequence", ids=doc_ids)}
    new = [d for d in doc_ids if d not in known]
    if new:
        first = run(tx, "graph-write-reserve-sequence", counter="document", count=len(new))[0]["first"]
        known.update({d: first + i for i, d in enumerate(new)})
    return known


def _write_group(tx: neo4j.ManagedTransaction, group: _Group) -> WriteReport:
    onto = group.onto
    docs = dict(group.extractions)
    sequence = _sequences(tx, list(docs))  # input order: the group's dict keeps it
    old_ids: set[str] = set()
    old_reports: list[dict[str, Any]] = []  # what the retracted entity reports held
    retracted: set[str] = set()
    for round_no in range(1, MAX_REDERIVE_ROUNDS + 1):
        fresh = sorted(set(docs) - retracted)
        pulled_in = [d for d in fresh if d not in sequence]  # documents pulled in by a join
        if pulled_in:
            sequence.update(_sequences(tx, pulled_in))
        touched = run(tx, "graph-write-retract", docIds=fresh)
        if touched:
            old_ids |= set(touched[0]["touched"])
            old_reports += touched[0]["reports"]
        retracted |= set(fresh)
        base = [plan(docs[d], ingested_at=group.ingested_at, onto=onto, sequence=sequence[d]) for d in sorted(docs)]
        entity_plan = merging.plan_entities(tx, base, group.judgements, onto)
        pulled = [r for r in merging.loser_documents(tx, entity_plan.losers) if r["id"] not in docs]
        if not pulled:
            break
        # at a limit the losers keep the documents not pulled in: every document written is retracted first
        if round_no == MAX_REDERIVE_ROUNDS:
            log.warning("group joins entities through more than %d rounds; %d document(s) of %s stay with them",
                        MAX_REDERIVE_ROUNDS, len(pulled), ", ".join(entity_plan.losers[:3]))
            break
        if len(docs) - len(group.extractions) + len(pulled) > MAX_REDERIVE_DOCUMENTS:
            log.warning("group joins entities with more than %d documents to re-derive; %d document(s) of %d "
                        "entities (%s) stay with them until later documents name them", MAX_REDERIVE_DOCUMENTS,
                        len(pulled), len(entity_plan.losers), ", ".join(entity_plan.losers[:3]))
            break
        for r in pulled:  # re-derive the documents of entities this group joins together
            docs[r["id"]] = Extraction.model_validate_json(r["extraction"])
    planned = [plan(docs[d], ingested_at=group.ingested_at, onto=onto, entity_of=entity_plan.entity_of,
                    merge_rules=entity_plan.merge_rules, sequence=sequence[d]) for d in sorted(docs)]
    event_of = merging.plan_events(tx, planned, merging.country_index(planned))
    for rows in planned:
        remap_events(rows, event_of.get(rows.doc_id, {}))
    prior = exposure.before(tx, {r["id"] for rows in planned for r in rows.entities})
    entities, events = write_rows(tx, planned)
    new_ids = {r["id"] for r in entities} | {r["id"] for r in events}
    pruned = 0
    gone = sorted(old_ids - new_ids)
    if gone:
        exposure.detach(tx, gone)
        pruned = run(tx, "graph-write-prune", ids=gone)[0]["deleted"]
    restored = _restored(tx, old_reports, {r["id"] for r in entities})
    _refresh(tx, old_ids - set(restored), new_ids, sorted(docs), restored=restored, full=group.full_refresh)
    exposure.refresh(tx, old_ids | new_ids, prior)
    merged_entities = sum(1 for r in entities if len(r["baseIds"]) > 1 or r["id"] not in r["baseIds"])
    merged_events = sum(1 for r in events if r["id"] not in r["baseIds"])
    return WriteReport(written=sorted(group.extractions), rederived=sorted(set(docs) - set(group.extractions)),
                       entities=len({r["id"] for r in entities}), events=len({r["id"] for r in events}),
                       merged_entities=merged_entities, merged_events=merged_events, pruned=pruned)


_REPORT_KEYS = ("id", "doc", "evidence", "start", "end", "confidence", "baseIds")


def write_rows(tx: neo4j.ManagedTransaction,
               planned: list[DocumentRows]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Write planned documents' nodes, reports and arguments (no refresh); their entity and event rows.

    The one place the rows become nodes and relationships; the synthetic benchmark graph writes
    through it too, so it holds what a real ingest holds."""
    run(tx, "graph-write-documents", rows=[g.document for g in planned])
    entities = [r for g in planned for r in g.entities]
    events = [r for g in planned for r in g.events]
    arguments = [r for g in planned for r in g.arguments]
    if entities:
        run(tx, "graph-write-entities", rows=_entity_nodes(entities))
    if events:
        run(tx, "graph-write-events", rows=_event_nodes(events))
    if entities or events:
        run(tx, "graph-write-reports", rows=[_report(r) for r in entities + events])
    if arguments:
        run(tx, "graph-write-arguments", rows=_argument_rows(arguments))
    return entities, events


def _report(row: dict[str, Any]) -> dict[str, Any]:
    """The REPORTED_IN row of an entity or event row."""
    out = {k: row[k] for k in _REPORT_KEYS}
    out.update(names=row.get("names"), nameKeys=row.get("nameKeys"), mergeRule=row.get("mergeRule"),
               reportedDate=row.get("reportedDate"), reportedEffective=row.get("effectiveDate"),
               reportedStatus=row.get("reportedStatus"), inferredDate=row.get("inferredDate"))
    return out


def _argument_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per relationship of the group, with every document that supports it and, in
    ``scoredDocs``/``scores``, the probability each document that judged it gave (the highest where
    a document states it twice)."""
    out: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["event"], r["entity"], r["type"])
        row = out.setdefault(key, {"event": r["event"], "entity": r["entity"], "type": r["type"], "docs": [],
                                   "scoredDocs": [], "scores": []})
        if r["doc"] not in row["docs"]:
            row["docs"].append(r["doc"])
        p = r.get("probability")
        if p is None:
            continue
        if r["doc"] in row["scoredDocs"]:
            i = row["scoredDocs"].index(r["doc"])
            row["scores"][i] = max(row["scores"][i], p)
        else:
            row["scoredDocs"].append(r["doc"])
            row["scores"].append(p)
    return list(out.values())


def _entity_nodes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per entity of the group: what the node itself holds (reports apart)."""
    nodes: dict[str, dict[str, Any]] = {}
    for r in rows:
        n = nodes.get(r["id"])
        if n is None:
            nodes[r["id"]] = {"id": r["id"], "labels": r["labels"], "name": r["name"], "country": r["country"],
                              "wikidata": r["wikidata"], "externalIds": list(r["externalIds"])}
        else:
            n["country"] = n["country"] or r["country"]
            n["wikidata"] = n["wikidata"] or r["wikidata"]
            n["externalIds"] = sorted({*n["externalIds"], *r["externalIds"]})
    return list(nodes.values())


def _event_nodes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    nodes: dict[str, dict[str, Any]] = {}
    for r in rows:
        n = nodes.setdefault(r["id"], {"id": r["id"], "type": r["type"], "labels": r["labels"], "date": None,
                                       "datePrecision": None, "effectiveDate": None, "effectivePrecision": None})
        for k in ("date", "datePrecision", "effectiveDate", "effectivePrecision"):
            n[k] = n[k] or r[k]
    return list(nodes.values())


def _fingerprints(rows: Iterable[dict[str, Any]], keep: set[str]) -> dict[str, dict[str, Counter[str]]]:
    """Entity id -> document -> the reports (their properties, as text) it has in that document."""
    out: dict[str, dict[str, Counter[str]]] = {}
    for r in rows:
        if r["id"] in keep:
            out.setdefault(r["id"], {}).setdefault(r["doc"], Counter())[json.dumps(r["props"], sort_keys=True)] += 1
    return out


def _restored(tx: neo4j.ManagedTransaction, old_reports: list[dict[str, Any]],
              entity_ids: set[str]) -> dict[str, list[str]]:
    """Entities of the group whose every retracted report was written back unchanged, with those documents.

    A re-derived document (a join) or a rewritten one retracts every report it made and writes them
    again; most come back as they were (the agencies, places and laws a joined firm's articles name).
    Such an entity lost nothing: its kept summary stands and only reports it did not have are added,
    instead of a recompute from all its reports - which for a hub re-read tens of thousands of reports
    per join (1.36M for one join into the 1M-event graph: over the transaction memory limit)."""
    before = _fingerprints(old_reports, entity_ids)
    if not before:
        return {}
    docs = sorted({d for per_doc in before.values() for d in per_doc})
    after = _fingerprints(run(tx, "graph-write-report-states", docIds=docs, ids=sorted(before)), set(before))
    return {n: sorted(per_doc) for n, per_doc in before.items()
            if all(after.get(n, {}).get(d) == reports for d, reports in per_doc.items())}


def _refresh(tx: neo4j.ManagedTransaction, withdrawn: set[str], added: set[str], doc_ids: list[str], *,
             restored: dict[str, list[str]] | None = None, full: bool = False,
             retracted: Sequence[str] = ()) -> None:
    """Bring the summaries of what a group changed up to date.

    Entities and events that lost a report (``withdrawn``) are recomputed from all their reports;
    the others this group reports are updated from the summary kept on the node plus the group's
    new reports alone (every report of ``doc_ids`` was written in this transaction), so the cost
    follows the group, not how often a hub was reported before; ``restored`` (entity id -> documents)
    are reports an entity had before and got back unchanged, not added again. ``full`` recomputes
    everything the group touched instead (the behaviour before summaries were kept; for comparison).
    Entities' newest events and sources (:mod:`ingest.graph.recent`) follow what changed,
    ``retracted`` documents (removed, so not in ``doc_ids``) included.
    """
    ids, docs = (sorted(withdrawn | added), []) if full else (sorted(withdrawn), doc_ids)
    run(tx, "graph-write-refresh-entities", ids=ids, docIds=docs, restored={} if full else restored or {})
    if restored and not full:  # their reports were re-created: deltas by record time must carry them again
        run(tx, "graph-write-stamp", ids=sorted(restored))
    run(tx, "graph-write-refresh-events", ids=ids, docIds=docs)
    recent.refresh(tx, sorted(withdrawn | added), sorted({*doc_ids, *retracted}))  # after the events' dates


def _remove(tx: neo4j.ManagedTransaction, doc_ids: list[str]) -> int:
    touched = run(tx, "graph-write-retract", docIds=doc_ids)
    ids = sorted(set(touched[0]["touched"])) if touched else []
    pruned = 0
    if ids:
        exposure.detach(tx, ids)
        pruned = int(run(tx, "graph-write-prune", ids=ids)[0]["deleted"])
        _refresh(tx, set(ids), set(), [], retracted=doc_ids)
        exposure.refresh(tx, ids)
    run(tx, "graph-write-delete-documents", docIds=doc_ids)
    return pruned


def _stored(tx: neo4j.ManagedTransaction, entity_ids: list[str]) -> list[dict[str, Any]]:
    return run(tx, "entity-documents", ids=entity_ids)


class GraphWriter:
    """Writes extractions in groups of ``group_size`` documents, one transaction per group."""

    def __init__(self, driver: neo4j.Driver, *, database: str | None = None, group_size: int = 50,
                 onto: Ontology | None = None, judgements: Judgements | None = None,
                 retry_seconds: float = 60.0, full_refresh: bool = False) -> None:
        """``full_refresh`` re-reads every report of what each group touches instead of updating the
        kept summaries (the graph is the same; for comparison and benchmarks)."""
        if group_size < 1:
            raise ValueError("group_size must be at least 1")
        self.retry_seconds = retry_seconds
        self.driver = driver
        self.database = database
        self.group_size = group_size
        self.onto = onto or load_ontology()
        self.judgements = judgements or Judgements()
        self.full_refresh = full_refresh

    def _session(self) -> neo4j.Session:
        return self.driver.session(database=self.database)

    def write(self, extractions: Iterable[Extraction], *, now: dt.datetime | None = None,
              report: WriteReport | None = None) -> WriteReport:
        """Write every extraction; failed documents are listed in the report, not raised.

        ``report``, when given, is filled group by group, so that it tells what landed even when
        the server is lost part-way (:class:`GraphUnavailable`).
        """
        ingested_at = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
        report = report if report is not None else WriteReport()
        group: dict[str, Extraction] = {}
        for extraction in extractions:
            # a document plan() rejects fails its group's transaction, and is then found alone
            group.pop(extraction.document.id, None)  # the latest version wins
            group[extraction.document.id] = extraction
            if len(group) >= self.group_size:
                report.merge(self._write_retrying(group, ingested_at, report))
                group = {}
        if group:
            report.merge(self._write_retrying(group, ingested_at, report))
        return report

    def _write_retrying(self, extractions: dict[str, Extraction], ingested_at: dt.datetime,
                        so_far: WriteReport) -> WriteReport:
        """One group, tried again with growing pauses while the server is unreachable."""
        deadline = time.monotonic() + self.retry_seconds
        pause = 1.0
        while True:
            try:
                return self._write(extractions, ingested_at)
            except (ServiceUnavailable, SessionExpired) as exc:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise GraphUnavailable(
                        f"Neo4j was lost during the ingest and did not come back within "
                        f"{self.retry_seconds:g} s ({_first_line(exc)}); {len(so_far.written)} document(s) "
                        f"were written, and running the same ingest again writes the rest") from None
                log.warning("Neo4j unreachable, retrying in %.0f s: %s", min(pause, left), _first_line(exc))
                time.sleep(min(pause, left))
                pause = min(pause * 2, 16.0)

    def _write(self, extractions: dict[str, Extraction], ingested_at: dt.datetime) -> WriteReport:
        group = _Group(extractions, ingested_at, self.judgements, self.onto, self.full_refresh)
        with self._session() as session:
            try:
                result: WriteReport = session.execute_write(_write_group, group)
                return result
            except (Neo4jError, ValueError) as exc:
                if len(extractions) == 1:
                    doc_id = next(iter(extractions))
                    log.warning("document %s not written: %s", doc_id, exc)
                    return WriteReport(failed=[(doc_id, _reason(exc))])
        report = WriteReport()  # the group failed: find the bad documents one by one
        for doc_id, extraction in extractions.items():
            report.merge(self._write({doc_id: extraction}, ingested_at))
        return report

    def rederive(self, entity_ids: Sequence[str], *, now: dt.datetime | None = None) -> WriteReport:
        """Re-write every document that reports these entities (after judgements changed)."""
        with self._session() as session:
            stored = session.execute_read(_stored, list(entity_ids))
        extractions = [Extraction.model_validate_json(r["extraction"]) for r in stored if r["extraction"]]
        return self.write(extractions, now=now)

    def remove(self, doc_ids: Sequence[str]) -> int:
        """Retract documents and their facts; returns how many entities and events disappeared."""
        with self._session() as session:
            pruned: int = session.execute_write(_remove, list(doc_ids))
            return pruned


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def _reason(exc: Neo4jError | ValueError) -> str:
    if isinstance(exc, ValueError):
        return (str(exc).splitlines() or [type(exc).__name__])[0][:300]
    text = exc.message or str(exc)
    return f"{exc.code}: {text.splitlines()[0] if text else ''}"[:300]
