"""The description that comes with every export: a VoID / DCAT dataset, in its own graph.

A partner who finds an export file needs, without asking us: what it is, under which licence,
when it was made and by which version of which program, against which ontology version, and
how big it is. The export appends these statements after the data - in the named graph
``<data namespace>dataset/description`` for N-Quads and TriG, in the default graph (as the
last section of the file) for the triple syntaxes - with the counts of what it wrote.

The dataset itself (``<data namespace>dataset``) keeps its IRI from export to export; what
changes is its creation time and counts, so an old description is simply replaced.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from ontology.rdf.terms import XSD_NS, RdfMapping, Statement


def _version() -> str:
    """The product's version, from its installed metadata (the library does not import the shell)."""
    try:
        return importlib.metadata.version("enforcegraph")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


__version__ = _version()
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@dataclass(frozen=True)
class Counts:
    statements: int
    documents: int
    entities: int
    events: int


def dataset_iri(m: RdfMapping) -> str:
    return f"{m.data_ns}dataset"


def description_graph(m: RdfMapping) -> ox.NamedNode:
    return ox.NamedNode(f"{dataset_iri(m)}/description")


def describe(m: RdfMapping, counts: Counts, created: dt.datetime, *, selection: str | None = None,
             named_graph: bool) -> Iterator[Statement]:
    """The VoID/DCAT statements of one export made at ``created`` holding ``counts``."""
    onto = m.onto

    def t(local: str) -> ox.NamedNode:
        prefix, name = local.split(":", 1)
        return ox.NamedNode(onto.prefixes[prefix] + name)

    def integer(n: int) -> ox.Literal:
        return ox.Literal(str(n), datatype=ox.NamedNode(XSD_NS + "integer"))

    g = description_graph(m) if named_graph else None
    d = ox.NamedNode(dataset_iri(m))
    activity = ox.NamedNode(f"{dataset_iri(m)}/export/{created.strftime('%Y%m%dT%H%M%SZ')}")
    software = ox.NamedNode(f"{dataset_iri(m)}/generator/enforcegraph-{__version__}")
    when = ox.Literal(created.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=ox.NamedNode(XSD_NS + "dateTime"))
    title = "enforcegraph: security-law enforcement events from news text"
    about = ("Enforcement events, the actors, laws and places involved, and the news documents that "
             "report them, each fact with its evidence sentence. " + onto.meta["comment"])
    if selection:
        about += f" This export holds a selection: {selection}."
    statements: list[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode | ox.Literal]] = [
        (d, RDF_TYPE, t("void:Dataset")), (d, RDF_TYPE, t("dcat:Dataset")),
        (d, t("dcterms:title"), ox.Literal(title, language="en")),
        (d, t("dcterms:description"), ox.Literal(about, language="en")),
        (d, t("dcterms:license"), ox.NamedNode(onto.meta["license"])),
        (d, t("dcterms:created"), when),
        (d, t("dcterms:conformsTo"), ox.NamedNode(str(m.version_iri))),
        (d, t("void:vocabulary"), ox.NamedNode(onto.meta["namespace"])),
        (d, t("void:uriSpace"), ox.Literal(m.data_ns)),
        (d, t("void:triples"), integer(counts.statements)),
        (d, t("void:entities"), integer(counts.documents + counts.entities + counts.events)),
        (d, t("prov:wasGeneratedBy"), activity),
        (activity, RDF_TYPE, t("prov:Activity")),
        (activity, t("prov:endedAtTime"), when),
        (activity, t("prov:wasAssociatedWith"), software),
        (software, RDF_TYPE, t("prov:SoftwareAgent")),
        (software, RDFS_LABEL, ox.Literal(f"enforcegraph {__version__}")),
        (software, t("owl:versionInfo"), ox.Literal(__version__)),
    ]
    for cls, n in (("Document", counts.documents), ("Entity", counts.entities),
                   ("EnforcementEvent", counts.events)):
        part = ox.NamedNode(f"{dataset_iri(m)}/class/{cls}")
        statements += [(d, t("void:classPartition"), part), (part, t("void:class"), ox.NamedNode(str(m.cls(cls)))),
                       (part, t("void:entities"), integer(n))]
    for s, p, o in statements:
        yield (s, p, o, g)
