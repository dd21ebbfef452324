"""SHACL shapes (``ontology/shapes.ttl``), generated from ``schema.yaml``.

One node shape per class (``sh:targetClass``), with a property shape for each property the
class declares: required properties get ``sh:minCount 1``, single-valued ones
``sh:maxCount 1``, literals their datatype (partial dates: ``xsd:date``, ``xsd:gYearMonth``
or ``xsd:gYear``; decimals, all probabilities, 0 to 1), relations ``sh:class`` of their range.
Exported data types every node with its class and all ancestors, so shapes need no subclass reasoning.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from ontology.model import Ontology, Property
from ontology.owl import bind_prefixes, label
from ontology.rdf import COUNTRY_PATTERN, PARTIAL_DATE_TYPES, PRECISIONS, RdfMapping

SH = Namespace("http://www.w3.org/ns/shacl#")


def class_properties(onto: Ontology, cls: str) -> list[Property]:
    """The exported properties a class declares itself, plus RDF-only ones whose domain it is."""
    own = [onto.properties[p] for p in onto.classes[cls].own_properties]
    extra = [p for p in onto.properties.values() if p.rdf_only and cls in p.domain]
    return [p for p in own + extra if p.exported]


def _list(g: Graph, items: list[URIRef] | list[Literal] | list[BNode]) -> BNode:
    head = BNode()
    Collection(g, head, list(items))
    return head


def _property_shape(g: Graph, m: RdfMapping, shape: URIRef, p: Property) -> None:
    g.add((shape, RDF.type, SH.PropertyShape))
    g.add((shape, SH.path, m.prop(p.name)))
    g.add((shape, SH.name, Literal(p.name)))
    g.add((shape, SH.description, Literal(p.comment, lang="en")))
    if p.required:
        g.add((shape, SH.minCount, Literal(1)))
    if not p.many:
        g.add((shape, SH.maxCount, Literal(1)))
    if p.is_relation:
        g.add((shape, SH.nodeKind, SH.IRI))
        g.add((shape, SH["class"], m.cls(p.range or "")))
        return
    g.add((shape, SH.nodeKind, SH.Literal))
    if p.datatype == "partialDate":
        alternatives = []
        for key in ("day", "month", "year"):
            alt = BNode()
            g.add((alt, SH.datatype, PARTIAL_DATE_TYPES[key]))
            alternatives.append(alt)
        g.add((shape, SH["or"], _list(g, alternatives)))
        return
    g.add((shape, SH.datatype, m.datatype(p)))
    if p.datatype == "precision":
        g.add((shape, SH["in"], _list(g, [Literal(x) for x in PRECISIONS])))
    elif p.datatype == "country":
        g.add((shape, SH.pattern, Literal(COUNTRY_PATTERN)))
    elif p.datatype == "decimal":  # every exported decimal is a probability (confidence, argumentProbability)
        g.add((shape, SH.minInclusive, Literal(0)))
        g.add((shape, SH.maxInclusive, Literal(1)))
    elif p.datatype == "integer":
        g.add((shape, SH.minInclusive, Literal(0)))


def build(onto: Ontology, m: RdfMapping | None = None) -> Graph:
    m = m or RdfMapping(onto)
    g = Graph(bind_namespaces="core")
    bind_prefixes(g, onto)
    g.bind("sh", str(SH), override=True, replace=True)
    g.bind("egsh", str(m.shapes_ns), override=True, replace=True)
    for cls in onto.classes.values():
        node = m.shapes_ns[cls.name]
        g.add((node, RDF.type, SH.NodeShape))
        g.add((node, SH.targetClass, m.cls(cls.name)))
        g.add((node, RDFS.label, Literal(f"{label(cls.name)} shape", lang="en")))
        g.add((node, RDFS.comment, Literal(f"Constraints on every {cls.name}: {cls.comment}", lang="en")))
        for p in class_properties(onto, cls.name):
            shape = m.shapes_ns[f"{cls.name}-{p.name}"]
            g.add((node, SH.property, shape))
            _property_shape(g, m, shape, p)
    return g
