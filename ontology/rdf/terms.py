"""The RDF mapping of the model: term IRIs, data IRIs and literals, shared by OWL, SHACL and the export.

Every RDF view asks this module, so a class ``C`` is always ``eg:C``, a property ``p`` is
always ``eg:p``, a node of root kind ``k`` with id ``i`` is always ``<data namespace>k/i``,
and a value of datatype ``d`` always gets the same XSD datatype.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal
from functools import cache
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import XSD, Literal, Namespace, URIRef

from ontology.model import Ontology, Property, load
from ontology.types import COUNTRY_PATTERN, PRECISIONS, XSD_LOCAL, precision_of

#: XSD datatype of a partial date, by its precision.
PARTIAL_DATE_TYPES: dict[str, URIRef] = {k: XSD[v] for k, v in XSD_LOCAL.items()}
XSD_NS = str(XSD)
#: What the export states: (subject, predicate, object, named graph or None), of pyoxigraph terms.
Term = ox.NamedNode | ox.Literal
Statement = tuple[ox.NamedNode, ox.NamedNode, Term, ox.NamedNode | None]
__all__ = ["COUNTRY_PATTERN", "PARTIAL_DATE_TYPES", "PRECISIONS", "XSD_NS", "RdfMapping", "Statement", "Term",
           "clean_text", "decimal_text", "mapping"]
#: Ids made of these characters only are their own percent-encoding (the usual case: a fast path).
_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]*")
#: Lone surrogates cannot be encoded in any RDF syntax (nor in UTF-8); they become U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")


class RdfMapping:
    """IRIs and literals for one ontology."""

    def __init__(self, onto: Ontology) -> None:
        self.onto = onto
        self.ns = Namespace(onto.meta["namespace"])
        self.data_ns = onto.meta["data_namespace"]
        self.ontology_iri = URIRef(onto.meta["namespace"].rstrip("#/"))
        self.version_iri = URIRef(f"{self.ontology_iri}/{onto.meta['version']}")
        self.shapes_ns = Namespace(f"{onto.meta['namespace'].rstrip('#/')}/shapes#")
        self._kinds: dict[str, str] = {}

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
    def node_iri(self, cls: str, node_id: str) -> str:
        """The IRI of the node of class ``cls`` (or any class with the same root) with ``node_id``."""
        safe_id = node_id if _UNRESERVED.fullmatch(node_id) else quote(node_id.encode("utf-8", "replace"),
                                                                        safe="-._~")
        kind = self._kinds.get(cls) or self._kinds.setdefault(cls, self.onto.iri_kind(cls))
        return f"{self.data_ns}{kind}/{safe_id}"

    def node(self, cls: str, node_id: str) -> URIRef:
        return URIRef(self.node_iri(cls, node_id))

    def report_id(self, subject_id: str, document_id: str) -> str:
        """The id of the qualified report of ``subject_id`` by ``document_id`` (stable)."""
        return hashlib.sha256(f"{subject_id}\x1f{document_id}".encode("utf-8", "replace")).hexdigest()[:24]

    def report(self, subject_id: str, document_id: str) -> URIRef:
        """The IRI of the qualified report of ``subject_id`` by ``document_id`` (stable)."""
        return self.node("Report", self.report_id(subject_id, document_id))

    def assessment_id(self, event_id: str, role: str, entity_id: str) -> str:
        """The id of the assessment of the argument ``event_id`` ``role`` (an ontology property name)
        ``entity_id`` (stable: the same argument always has the same IRI, whatever its probability)."""
        key = f"{event_id}\x1f{role}\x1f{entity_id}"
        return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:24]

    def datatype(self, prop: Property, value: Any = None) -> URIRef:
        """The XSD datatype of a literal of ``prop`` (partial dates: by the value's precision)."""
        if prop.datatype == "partialDate":
            if value is None:
                return XSD.date
            return PARTIAL_DATE_TYPES[precision_of(str(value))]
        from ontology.model import DATATYPES

        local = DATATYPES[prop.datatype or "string"].split(":", 1)[1]
        return XSD[local]

    def lexical(self, prop: Property, value: Any) -> tuple[str, str | None]:
        """The lexical form of one value of ``prop`` and its datatype IRI (``None``: a plain string)."""
        kind = prop.datatype
        if kind in ("string", "precision", "country", None):
            return clean_text(str(value)), None
        if kind == "partialDate":
            text = str(value)
            return text, XSD_NS + XSD_LOCAL[precision_of(text)]
        if kind == "date":
            return _iso(value)[:10], XSD_NS + "date"
        if kind == "dateTime":
            return _iso(value), XSD_NS + "dateTime"
        if kind == "integer":
            return str(int(value)), XSD_NS + "integer"
        if kind == "decimal":
            return decimal_text(value), XSD_NS + "decimal"
        if kind == "anyURI":
            return clean_text(str(value)), XSD_NS + "anyURI"
        raise KeyError(f"no literal mapping for datatype {kind!r}")

    def literal(self, prop: Property, value: Any) -> Literal:
        """The RDF literal of one value of ``prop``."""
        text, datatype = self.lexical(prop, value)
        return Literal(text) if datatype is None else Literal(text, datatype=URIRef(datatype))


def clean_text(text: str) -> str:
    """``text`` with lone surrogates replaced (they have no encoding in any RDF syntax)."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


def decimal_text(value: Any) -> str:
    """A canonical xsd:decimal lexical form (no exponent, at most 6 decimals)."""
    d = Decimal(str(round(float(value), 6))).normalize()
    text = format(d, "f")
    return text if "." in text else text + ".0"


def native_time(value: Any) -> Any:
    """The Python date/datetime of a Neo4j temporal value, of a Python one or of ISO text (the export
    reads its times as text, Neo4j's ``toString``: decoding temporal values in the driver cost more
    than the rest of the export); other values unchanged."""
    if isinstance(value, str):
        text = value.split("[", 1)[0]  # a named zone ("...+01:00[Europe/Paris]") keeps its offset
        try:
            return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
        except ValueError:
            return value
    return value.to_native() if hasattr(value, "to_native") else value


def _iso(value: Any) -> str:
    """ISO text of a date/datetime (see :func:`native_time`); datetimes to whole seconds."""
    native = native_time(value)
    if isinstance(native, dt.datetime):
        return native.replace(microsecond=0).isoformat()
    if isinstance(native, dt.date):
        return native.isoformat()
    return str(native)


@cache
def mapping() -> RdfMapping:
    """The mapping of the project's ontology."""
    return RdfMapping(load())
