"""Graph rows -> statements of pyoxigraph terms: the mapping of the export, deterministic and database-free.

The rows are those of the export queries (``queries/export.py`` reads them page by page); the
same rows always give the same statements in the same order.

Mapping (all terms from :mod:`ontology.rdf.terms`):

* every node is ``<data namespace><kind>/<id>`` and typed with its class and all ancestors;
* literal properties become ``eg:`` datatype properties (partial dates as ``xsd:date``,
  ``xsd:gYearMonth`` or ``xsd:gYear`` by precision); event arguments ``eg:agent`` etc.;
* every ``REPORTED_IN`` relationship becomes ``eg:reportedIn`` / ``prov:wasDerivedFrom`` to
  the document and a qualified ``eg:Report`` / ``prov:Derivation`` carrying the evidence
  sentence, its character offsets and the confidence;
* in N-Quads and TriG, a document's own description and every report it makes are in the
  named graph ``<document IRI>``; the merged facts are in the default graph;
* every agent or target the argument model judged (its relationship has a ``probability``) also
  gets a qualified ``eg:ArgumentAssessment`` (``eg:assessment`` from the event) with the role, the
  entity, ``eg:argumentProbability`` and ``eg:judgedIn`` each judging document, in the default
  graph (the probability is merged across documents); its IRI depends on event, role and entity
  only, so a delta names it to retract an old value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from ontology.model import Property
from ontology.rdf.terms import RdfMapping, Statement, Term

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class QuadBuilder:
    """Turns export query rows into statements of pyoxigraph terms, deterministically (same rows ->
    same statements, same order). Term IRIs are built once; node IRIs and literals per value."""

    def __init__(self, m: RdfMapping, *, named_graphs: bool) -> None:
        self.m = m
        self.onto = m.onto
        self.named_graphs = named_graphs
        self.reported_in = self.onto.properties["reportedIn"]
        self.report_prop = self.onto.properties[self.reported_in.qualified or "report"]
        self.report_doc = self.onto.properties["reportDocument"]
        self.report_cls = self.onto.classes[self.report_prop.range or "Report"]
        self.assessment_prop = self.onto.properties["assessment"]
        self.assessment_cls = self.onto.classes[self.assessment_prop.range or "ArgumentAssessment"].name
        self.assessed_entity = self.onto.properties["assessedEntity"]
        self.judged_in = self.onto.properties["judgedIn"]
        self.assessment_pred = ox.NamedNode(str(m.prop("assessment")))
        self._by_rel = {p.rel_type: p for p in self.onto.properties.values()
                        if p.is_relation and p.neo4j and not p.rdf_only}
        rdf_type = ox.NamedNode(RDF_TYPE)
        # per class: the rdf:type objects it states; per property: the predicates it states
        self._types = {c: [(rdf_type, ox.NamedNode(str(m.cls(a)))) for a in self.onto.labels(c)]
                       + [(rdf_type, ox.NamedNode(str(e))) for e in m.materialized(self.onto.classes[c].align)]
                       for c in self.onto.classes}
        self._preds = {p.name: [ox.NamedNode(str(m.prop(p.name)))]
                       + [ox.NamedNode(str(e)) for e in m.materialized(p.align)]
                       for p in self.onto.properties.values()}
        self._datatypes: dict[str, ox.NamedNode] = {}
        self._classes: dict[tuple[str, ...], str] = {}  # labels -> most specific class (few label sets)
        self._literal_props = {c: [p for p in self.onto.properties_of(c)
                                   if not p.is_relation and p.exported and not p.rdf_only]
                               for c in self.onto.classes}

    def _class(self, labels: list[str]) -> str:
        key = tuple(labels)
        cls = self._classes.get(key)
        if cls is None:
            cls = self.onto.most_specific(labels)
            if cls is None:
                raise ValueError(f"node with labels {labels} has no ontology class")
            self._classes[key] = cls
        return cls

    def node(self, cls: str, node_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.m.node_iri(cls, node_id))

    def literal(self, prop: Property, value: Any) -> ox.Literal:
        text, datatype = self.m.lexical(prop, value)
        if datatype is None:
            return ox.Literal(text)
        node = self._datatypes.get(datatype)
        if node is None:
            node = self._datatypes[datatype] = ox.NamedNode(datatype)
        return ox.Literal(text, datatype=node)

    def _graph(self, doc_id: str) -> ox.NamedNode | None:
        return self.node("Document", doc_id) if self.named_graphs else None

    def _typed(self, s: ox.NamedNode, cls: str, g: ox.NamedNode | None) -> Iterator[Statement]:
        for p, o in self._types[cls]:
            yield (s, p, o, g)

    def _stmt(self, s: ox.NamedNode, p: Property, o: Term, g: ox.NamedNode | None) -> Iterator[Statement]:
        for pred in self._preds[p.name]:
            yield (s, pred, o, g)

    def _literals(self, s: ox.NamedNode, cls: str, props: dict[str, Any],
                  g: ox.NamedNode | None) -> Iterator[Statement]:
        for p in self._literal_props[cls]:
            value = props.get(p.name)
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            for v in sorted(values) if p.many else values:
                yield from self._stmt(s, p, self.literal(p, v), g)

    def document(self, props: dict[str, Any]) -> Iterator[Statement]:
        s = self.node("Document", props["id"])
        g = s if self.named_graphs else None
        yield from self._typed(s, "Document", g)
        yield from self._literals(s, "Document", props, g)

    def report(self, row: dict[str, Any]) -> Iterator[Statement]:
        """A node's report by a document: the direct link and the qualified Report with the evidence."""
        s = self.node(self._class(row["labels"]), row["id"])
        doc = self.node("Document", row["doc"])
        g = doc if self.named_graphs else None
        yield from self._stmt(s, self.reported_in, doc, g)
        q = self.node("Report", self.m.report_id(row["id"], row["doc"]))
        yield from self._stmt(s, self.report_prop, q, g)
        yield from self._typed(q, self.report_cls.name, g)
        yield from self._stmt(q, self.report_doc, doc, g)
        yield from self._literals(q, self.report_cls.name, row, g)

    def entity(self, props: dict[str, Any], labels: list[str]) -> Iterator[Statement]:
        cls = self._class(labels)
        s = self.node(cls, props["id"])
        yield from self._typed(s, cls, None)
        yield from self._literals(s, cls, props, None)

    def event(self, props: dict[str, Any], labels: list[str], arguments: list[dict[str, Any]]) -> Iterator[Statement]:
        cls = self._class(labels)
        s = self.node(cls, props["id"])
        yield from self._typed(s, cls, None)
        yield from self._literals(s, cls, props, None)
        single: dict[str, dict[str, Any]] = {}
        for a in arguments:
            prop = self._by_rel.get(a["type"])
            if prop is None or prop.name == "reportedIn":
                continue
            if not prop.many:
                # sources may disagree on a one-valued argument (the place): the best-supported wins
                best = single.get(prop.name)
                if best is None or (-a.get("sources", 0), a["entity"]) < (-best.get("sources", 0), best["entity"]):
                    single[prop.name] = a
                continue
            yield from self._stmt(s, prop, self.node(prop.range or "Entity", a["entity"]), None)
        for name, a in sorted(single.items()):
            prop = self.onto.properties[name]
            yield from self._stmt(s, prop, self.node(prop.range or "Entity", a["entity"]), None)
        for a in arguments:
            if a.get("probability") is not None and a["type"] in self._by_rel:
                yield from self.assessment(s, props["id"], a)

    def assessment_node(self, event_id: str, role: str, entity_id: str) -> ox.NamedNode:
        """The IRI of the assessment of an argument (``role``: the ontology property, e.g. agent)."""
        return self.node(self.assessment_cls, self.m.assessment_id(event_id, role, entity_id))

    def assessment(self, event: ox.NamedNode, event_id: str, a: dict[str, Any]) -> Iterator[Statement]:
        """A judged argument's qualified assessment: role, entity, probability, judging documents."""
        prop = self._by_rel[a["type"]]
        q = self.assessment_node(event_id, prop.name, a["entity"])
        yield from self._stmt(event, self.assessment_prop, q, None)
        yield from self._typed(q, self.assessment_cls, None)
        yield from self._stmt(q, self.assessed_entity, self.node(prop.range or "Entity", a["entity"]), None)
        yield from self._literals(q, self.assessment_cls, {"assessedRole": prop.name,
                                                           "argumentProbability": a["probability"]}, None)
        for doc in sorted(a.get("judgedBy") or []):
            yield from self._stmt(q, self.judged_in, self.node("Document", doc), None)


def node_statements(builder: QuadBuilder, kind: str, row: dict[str, Any]) -> list[Statement]:
    """What the export says of one node (a row of ``export-node``; ``kind``: entity, event or
    document), as in the default graph plus its reports."""
    if kind == "document":
        return list(builder.document(row["node"]))
    if kind == "event":
        out = list(builder.event(row["node"], row["labels"], row["arguments"]))
    else:
        out = list(builder.entity(row["node"], row["labels"]))
    for report in row["reports"]:
        out.extend(builder.report(report))
    return out
