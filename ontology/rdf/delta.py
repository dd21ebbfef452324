"""Deltas by record time: what changed in the graph since a time, and what to forget.

The graph stamps ``recordedAt`` on every document, entity and event a write touches, and
leaves a ``Tombstone`` (kind, id or subject/document, ``removedAt``) for every document,
entity, event or report it removes. A delta (``export --changed-since T``, N-Quads or TriG) is:

* the retraction graph ``<data namespace>dataset/retractions``: every subject whose earlier
  statements a partner must drop - each changed node, each of its reports and each argument
  assessment a changed event states, with ``dcterms:modified``, and each removed one with
  ``prov:invalidatedAtTime`` (an assessment's tombstone is left by every retraction of a document
  that judged it: the rewrite may change its value or drop it; the event, stamped in the same
  transaction, restates the assessments that stand);
* every changed node's statements as a full export gives them (its reports in their
  documents' named graphs).

Applying it: delete every quad (in any graph) whose subject the retraction graph names, then
add the delta's other quads (not the retraction or description graphs). Then
``old export + delta == new export`` (the export tests check it in pyoxigraph).

Tombstones older than a retention are compacted away (:mod:`queries.tombstones`); a delta
from before that cutoff is refused by :func:`ontology.rdf.stream.export`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from ontology.rdf.quads import QuadBuilder
from ontology.rdf.rows import KINDS, ExportStats, Row, RowSource, Selection
from ontology.rdf.terms import XSD_NS, RdfMapping, Statement, native_time

DCTERMS_MODIFIED = ox.NamedNode("http://purl.org/dc/terms/modified")
PROV_INVALIDATED = ox.NamedNode("http://www.w3.org/ns/prov#invalidatedAtTime")


def retraction_graph(m: RdfMapping) -> ox.NamedNode:
    return ox.NamedNode(f"{m.data_ns}dataset/retractions")


def _time(value: Any) -> ox.Literal:
    text = native_time(value).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return ox.Literal(text, datatype=ox.NamedNode(XSD_NS + "dateTime"))


def changes(source: RowSource, builder: QuadBuilder, selection: Selection, stats: ExportStats,
            since: dt.datetime) -> Iterator[Statement]:
    """The delta's statements: retractions first for each subject, then its current statements."""
    m = builder.m
    retracted = retraction_graph(m)
    for tomb in source.tombstones(since):
        if tomb["kind"] == "report":
            subject = builder.node("Report", m.report_id(tomb["id"], tomb["doc"]))
        elif tomb["kind"] == "assessment":
            role = m.onto.relation_types()[tomb["role"]].name
            subject = builder.assessment_node(tomb["id"], role, tomb["doc"])
        else:
            subject = builder.node({"document": "Document", "entity": "Entity", "event": "EnforcementEvent"}
                                   [tomb["kind"]], tomb["id"])
        stats.statements += 1
        yield (subject, PROV_INVALIDATED, _time(tomb["removedAt"]), retracted)
    for page in source.pages("document", selection):
        for row in page:
            doc = row["document"]
            block = [(builder.node("Document", doc["id"]), DCTERMS_MODIFIED, _time(doc["recordedAt"]), retracted),
                     *builder.document(doc)]
            stats.documents += 1
            stats.statements += len(block)
            yield from block
    for key in KINDS[1:]:
        for page in source.pages(key, selection):
            reports: dict[str, list[Row]] = {}
            for r in source.subject_reports([row[key]["id"] for row in page]):
                reports.setdefault(r["id"], []).append(r)
            for row in page:
                node = row[key]
                when = _time(node["recordedAt"])
                if key == "entity":
                    block = list(builder.entity(node, row["labels"]))
                    stats.entities += 1
                else:
                    block = list(builder.event(node, row["labels"], row["arguments"]))
                    stats.events += 1
                block.insert(0, (block[0][0], DCTERMS_MODIFIED, when, retracted))
                # each assessment the event states now: its earlier value (if any) is dropped
                block[1:1] = [(o, DCTERMS_MODIFIED, when, retracted) for _, p, o, _ in block
                              if p == builder.assessment_pred and isinstance(o, ox.NamedNode)]
                for r in reports.get(node["id"], []):
                    report = builder.node("Report", m.report_id(r["id"], r["doc"]))
                    block.append((report, DCTERMS_MODIFIED, when, retracted))
                    block.extend(builder.report(r))
                stats.statements += len(block)
                yield from block
