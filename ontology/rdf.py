"""The RDF mapping of the model: term IRIs, data IRIs and literals, shared by OWL, SHACL and the export.

Every RDF view asks this module, so a class ``C`` is always ``eg:C``, a property ``p`` is
always ``eg:p``, a node of root kind ``k`` with id ``i`` is always ``<data namespace>k/i``,
and a value of datatype ``d`` always gets the same XSD datatype.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import quote

from rdflib import XSD, Literal, Namespace, URIRef

from ontology.model import Ontology, Property, load

#: XSD datatype of a partial date, by its precision.
PARTIAL_DATE_TYPES: dict[str, URIRef] = {"year": XSD.gYear, "month": XSD.gYearMonth, "day": XSD.date}
PRECISIONS = ("year", "month", "day")
COUNTRY_PATTERN = "^[A-Z]{2}$"


class RdfMapping:
    """IRIs and literals for one ontology."""

    def __init__(self, onto: Ontology) -> None:
        self.onto = onto
        self.ns = Namespace(onto.meta["namespace"])
        self.data_ns = onto.meta["data_namespace"]
        self.ontology_iri = URIRef(onto.meta["namespace"].rstrip("#/"))
        self.version_iri = URIRef(f"{self.ontology_iri}/{onto.meta['version']}")
        self.shapes_ns = Namespace(f"{onto.meta['namespace'].rstrip('#/')}/shapes#")

    # -- terms -------------------------------------------------------------------
    def cls(self, name: str) -> URIRef:
        if name not in self.onto.classes:
            raise KeyError(f"no class {name!r}")
        return self.ns[name]

    def prop(self, name: str) -> URIRef:
        if name not in self.onto.properties:
            raise KeyError(f"no property {name!r}")
        return self.ns[name]

    def external(self, curie: str) -> URIRef:
        return URIRef(self.onto.expand(curie))

    def materialized(self, aligns: tuple[str, ...]) -> list[URIRef]:
        """The external terms the export states next to a term with these alignments."""
        return [self.external(a) for a in aligns if a in self.onto.materialize]

    # -- data --------------------------------------------------------------------
    def node(self, cls: str, node_id: str) -> URIRef:
        """The IRI of the node of class ``cls`` (or any class with the same root) with ``node_id``."""
        return URIRef(f"{self.data_ns}{self.onto.iri_kind(cls)}/{quote(node_id, safe='-._~')}")

    def report(self, subject_id: str, document_id: str) -> URIRef:
        """The IRI of the qualified report of ``subject_id`` by ``document_id`` (stable)."""
        digest = hashlib.sha256(f"{subject_id}\x1f{document_id}".encode()).hexdigest()[:24]
        return self.node("Report", digest)

    def datatype(self, prop: Property, value: Any = None) -> URIRef:
        """The XSD datatype of a literal of ``prop`` (partial dates: by the value's precision)."""
        if prop.datatype == "partialDate":
            if value is None:
                return XSD.date
            return PARTIAL_DATE_TYPES[partial_precision(str(value))]
        from ontology.model import DATATYPES

        local = DATATYPES[prop.datatype or "string"].split(":", 1)[1]
        return XSD[local]

    def literal(self, prop: Property, value: Any) -> Literal:
        """The RDF literal of one value of ``prop``."""
        kind = prop.datatype
        if kind in ("string", "precision", "country", None):
            return Literal(str(value))
        if kind == "partialDate":
            text = str(value)
            return Literal(text, datatype=self.datatype(prop, text))
        if kind == "date":
            return Literal(_iso(value)[:10], datatype=XSD.date)
        if kind == "dateTime":
            return Literal(_iso(value), datatype=XSD.dateTime)
        if kind == "integer":
            return Literal(str(int(value)), datatype=XSD.integer)
        if kind == "decimal":
            return Literal(decimal_text(value), datatype=XSD.decimal)
        if kind == "anyURI":
            return Literal(str(value), datatype=XSD.anyURI)
        raise KeyError(f"no literal mapping for datatype {kind!r}")


def partial_precision(value: str) -> str:
    """``year``, ``month`` or ``day`` for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    try:
        return {4: "year", 7: "month", 10: "day"}[len(value)]
    except KeyError:
        raise ValueError(f"{value!r} is not a partial ISO date") from None


def decimal_text(value: Any) -> str:
    """A canonical xsd:decimal lexical form (no exponent, at most 6 decimals)."""
    d = Decimal(str(round(float(value), 6))).normalize()
    text = format(d, "f")
    return text if "." in text else text + ".0"


def _iso(value: Any) -> str:
    """ISO text of a Python or Neo4j date/datetime (datetimes to whole seconds)."""
    native = value.to_native() if hasattr(value, "to_native") else value
    if isinstance(native, dt.datetime):
        return native.replace(microsecond=0).isoformat()
    if isinstance(native, dt.date):
        return native.isoformat()
    return str(native)


@cache
def mapping() -> RdfMapping:
    """The mapping of the project's ontology."""
    return RdfMapping(load())
