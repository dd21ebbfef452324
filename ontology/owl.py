"""The OWL ontology (``ontology/enforcegraph.ttl``), generated from ``schema.yaml``.

Every class and every exported property becomes an ``eg:`` term with a unique ``rdfs:label``,
an ``rdfs:comment`` and the same text as its definition (``IAO:0000115``, what OBO tools such
as ROBOT look for); alignments become ``rdfs:subClassOf`` / ``rdfs:subPropertyOf`` axioms to
schema.org, PROV-O, SEM, SKOS and Dublin Core terms.

The file is meant to be OWL 2 DL (CI runs ROBOT's ``validate-profile --profile DL``,
``reason`` and ``report``): every term it uses is declared - external classes and properties
with their OWL type only, the annotation properties, and the three XSD date types that the
OWL 2 datatype map lacks (``xsd:date``, ``xsd:gYear``, ``xsd:gYearMonth``) as
``rdfs:Datatype``. The ontology carries its licence and description.
"""

from __future__ import annotations

import re

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from ontology.model import Ontology, Property
from ontology.rdf import PARTIAL_DATE_TYPES, RdfMapping


def words(name: str) -> str:
    """``GovernmentBody`` -> ``government body``; ``underLaw`` -> ``under law``."""
    parts = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+", name)
    return " ".join(p if p.isupper() and len(p) > 1 else p.lower() for p in parts)


def label(name: str) -> str:
    text = words(name)
    return text[:1].upper() + text[1:]


def property_label(name: str, class_labels: set[str]) -> str:
    """A property's label: its words in lower case, ``has ...`` when a class has the same words."""
    text = words(name)
    return f"has {text}" if text.casefold() in class_labels else text


#: The IRI of a term's definition (OBO's ``definition``, read by ROBOT and OBO tools).
DEFINITION = URIRef("http://purl.obolibrary.org/obo/IAO_0000115")
#: XSD types our literals use that are not in the OWL 2 datatype map: declared, so the file is DL.
UNMAPPED_DATATYPES = ("date", "gYear", "gYearMonth")


def bind_prefixes(g: Graph, onto: Ontology) -> None:
    g.bind(onto.meta["prefix"], onto.meta["namespace"], override=True, replace=True)
    for prefix, iri in onto.prefixes.items():
        g.bind(prefix, iri, override=True, replace=True)
    g.bind("rdfs", str(RDFS), override=True, replace=True)


def _union(g: Graph, members: list[URIRef], *, datatype: bool = False) -> BNode:
    node = BNode()
    g.add((node, RDF.type, RDFS.Datatype if datatype else OWL.Class))
    lst = BNode()
    Collection(g, lst, list(members))
    g.add((node, OWL.unionOf, lst))
    return node


def literal_range(m: RdfMapping, p: Property) -> URIRef:
    return m.datatype(p)


def build(onto: Ontology, m: RdfMapping | None = None) -> Graph:
    m = m or RdfMapping(onto)
    g = Graph(bind_namespaces="core")
    bind_prefixes(g, onto)
    dcterms = onto.prefixes["dcterms"]
    o = m.ontology_iri
    g.add((o, RDF.type, OWL.Ontology))
    g.add((o, OWL.versionIRI, m.version_iri))
    g.add((o, OWL.versionInfo, Literal(onto.meta["version"])))
    g.add((o, RDFS.label, Literal(onto.meta["title"], lang="en")))
    g.add((o, RDFS.comment, Literal(onto.meta["comment"], lang="en")))
    g.add((o, URIRef(dcterms + "title"), Literal(onto.meta["title"], lang="en")))
    g.add((o, URIRef(dcterms + "description"), Literal(onto.meta["comment"], lang="en")))
    g.add((o, URIRef(dcterms + "license"), URIRef(onto.meta["license"])))
    for annotation in (URIRef(dcterms + "title"), URIRef(dcterms + "description"), URIRef(dcterms + "license"),
                       DEFINITION):
        g.add((annotation, RDF.type, OWL.AnnotationProperty))
    for local in UNMAPPED_DATATYPES:
        g.add((XSD[local], RDF.type, RDFS.Datatype))
    class_labels = {label(c).casefold() for c in onto.classes}
    seen_labels: dict[str, str] = {}

    def describe(term: URIRef, name: str, text: str, comment: str) -> None:
        other = seen_labels.setdefault(text.casefold(), name)
        if other != name:
            raise ValueError(f"ontology terms {other!r} and {name!r} would share the label {text!r}")
        g.add((term, RDFS.label, Literal(text, lang="en")))
        g.add((term, RDFS.comment, Literal(comment, lang="en")))
        g.add((term, DEFINITION, Literal(comment, lang="en")))
        g.add((term, RDFS.isDefinedBy, o))

    external_classes: set[str] = set()
    external_props: set[str] = set()
    for cls in onto.classes.values():
        term = m.cls(cls.name)
        g.add((term, RDF.type, OWL.Class))
        describe(term, cls.name, label(cls.name), cls.comment)
        if cls.parent:
            g.add((term, RDFS.subClassOf, m.cls(cls.parent)))
        for a in cls.align:
            g.add((term, RDFS.subClassOf, m.external(a)))
            external_classes.add(a)
    roots = [c.name for c in onto.classes.values() if c.parent is None]
    if len(roots) > 1:
        all_disjoint = BNode()
        g.add((all_disjoint, RDF.type, OWL.AllDisjointClasses))
        lst = BNode()
        Collection(g, lst, [m.cls(r) for r in roots])
        g.add((all_disjoint, OWL.members, lst))

    for p in onto.exported_properties():
        term = m.prop(p.name)
        g.add((term, RDF.type, OWL.ObjectProperty if p.is_relation else OWL.DatatypeProperty))
        if not p.many and not p.is_relation:
            g.add((term, RDF.type, OWL.FunctionalProperty))
        describe(term, p.name, property_label(p.name, class_labels), p.comment)
        domains = [m.cls(d) for d in onto.domains(p.name)]
        if len(domains) == 1:
            g.add((term, RDFS.domain, domains[0]))
        elif domains:
            g.add((term, RDFS.domain, _union(g, domains)))
        if p.is_relation:
            g.add((term, RDFS.range, m.cls(p.range or "")))
        elif p.datatype == "partialDate":
            members = [PARTIAL_DATE_TYPES[k] for k in ("day", "month", "year")]
            g.add((term, RDFS.range, _union(g, members, datatype=True)))
        else:
            g.add((term, RDFS.range, literal_range(m, p)))
        for a in p.align:
            g.add((term, RDFS.subPropertyOf, m.external(a)))
            external_props.add(a)

    # every external term used is declared with its OWL type (DL needs it; no more is said of it)
    for curie in sorted(external_classes | set(onto.materialize)):
        ext = m.external(curie)
        if curie in external_classes:
            g.add((ext, RDF.type, OWL.Class))
    for curie in sorted(external_props | set(onto.materialize)):
        if curie in external_classes:
            continue
        kinds = {p.kind for p in onto.exported_properties() if curie in p.align}
        if len(kinds) > 1:
            raise ValueError(f"{curie} aligns both object and datatype properties (not OWL 2 DL)")
        g.add((m.external(curie), RDF.type, OWL.ObjectProperty if kinds == {"relation"} else OWL.DatatypeProperty))
    return g
