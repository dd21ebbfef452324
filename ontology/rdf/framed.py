"""The JSON-LD of the export: events framed with their arguments and evidence nested, JSON-LD 1.0.

Two kinds of reader take this file. A JSON-LD processor (n10s, rdflib, PyLD, jsonld.js, also in
1.0 mode) must get exactly the statements of the other syntaxes. A plain JSON reader (a
screening script, ``jq``) wants one object per event that it can read on its own: what happened,
when, who did it to whom, where, under which law, and the sentences that say so. So the
``@graph`` holds, in this order:

1. every event, with each argument (``agent``, ``target``, ``location``, ``law``...) nested as
   the entity's node object (its types and its own literal values) and each report (``report``)
   nested with its evidence, offsets and confidence, its document nested as ``{"@id": ...}``;
2. every entity with its own values and its reports (a nested copy in an event repeats only
   statements also made here, which every processor merges);
3. every document, and whatever else the export states (its VoID/DCAT description).

Values are compacted with the ontology's context (:mod:`ontology.jsonld`): a coerced datatype
gives a plain string, an integer a JSON number, an ``@id`` property a plain IRI, and anything
else a value object, so nothing is lost. The file is built in memory (a reader of one JSON
document needs all of it anyway); the streamed syntaxes are for graphs of any size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

import pyoxigraph as ox

from ontology.jsonld import NATIVE, term
from ontology.jsonld import build as build_context
from ontology.rdf.terms import XSD_NS, RdfMapping, Statement

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_STRING = XSD_NS + "string"

Node = dict[str, list[Any]]  # predicate IRI -> objects (pyoxigraph terms), in statement order


class Framer:
    """Compacts the statements of one export into framed JSON-LD (see the module docstring)."""

    def __init__(self, m: RdfMapping) -> None:
        self.m = m
        onto = m.onto
        self.context: dict[str, Any] = build_context(onto)["@context"]
        self.prefixes = {k: v for k, v in self.context.items() if isinstance(v, str) and v.endswith(("#", "/"))}
        #: predicate IRI -> (JSON key, datatype IRI it coerces to | "@id" | None, many)
        self.keys: dict[str, tuple[str, str | None, bool]] = {}
        for p in onto.exported_properties():
            spec = self.context[term(p.name)]
            coerce = spec.get("@type")
            self.keys[str(m.prop(p.name))] = (term(p.name), self._expand(coerce) if coerce and coerce != "@id"
                                              else coerce, p.many)
        self.native = {XSD_NS + "integer"} if "integer" in NATIVE else set()
        self.classes = {str(m.cls(c)): c for c in onto.classes}
        self.event_prefix = f"{m.data_ns}{onto.iri_kind('EnforcementEvent')}/"
        self.entity_prefix = f"{m.data_ns}{onto.iri_kind('Entity')}/"
        self.report_prop = str(m.prop(onto.properties["reportedIn"].qualified or "report"))
        # qualified nodes embedded in their subject: reports, and events' argument assessments
        self.embedded = {self.report_prop, str(m.prop("assessment"))}
        self._compacted: dict[str, str] = {}

    def _expand(self, curie: str) -> str:
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local if prefix in self.prefixes else curie

    def _compact(self, iri: str) -> str:
        """``iri`` as a compact IRI where a prefix of the context covers it (vocabulary terms: few, cached)."""
        text = self._compacted.get(iri)
        if text is None:
            text = self._compacted[iri] = next((f"{prefix}:{iri[len(ns):]}" for prefix, ns in self.prefixes.items()
                                                if iri.startswith(ns) and iri != ns), iri)
        return text

    def frame(self, statements: Iterable[Statement]) -> dict[str, Any]:
        nodes: dict[str, Node] = {}
        for s, p, o, _g in statements:
            nodes.setdefault(s.value, {}).setdefault(p.value, []).append(o)
        nested = {o.value for node in nodes.values() for p in self.embedded for o in node.get(p, ())}
        events = sorted(i for i in nodes if i.startswith(self.event_prefix))
        entities = sorted(i for i in nodes if i.startswith(self.entity_prefix))
        taken = {*events, *entities, *nested}
        rest = [i for i in nodes if i not in taken]
        graph = [self._object(i, nodes, embed_arguments=True) for i in events]
        graph += [self._object(i, nodes) for i in entities]
        graph += [self._object(i, nodes) for i in rest]
        return {"@context": self.context, "@graph": graph}

    def _object(self, iri: str, nodes: dict[str, Node], *, embed_arguments: bool = False,
                own_only: bool = False) -> dict[str, Any]:
        node = nodes.get(iri, {})
        out: dict[str, Any] = {"@id": iri}
        types = [self.classes.get(o.value) or self._compact(o.value) for o in node.get(RDF_TYPE, ())]
        if types:
            out["@type"] = types if len(types) > 1 else types[0]
        for pred, objects in node.items():
            if pred == RDF_TYPE:
                continue
            spec = self.keys.get(pred)
            if spec is None:  # a term from another vocabulary stated beside ours (prov:, dcterms:, void:...)
                spec = self.keys[pred] = (self._compact(pred), None, True)
            key, coerce, many = spec
            if own_only and coerce == "@id":
                continue  # a nested argument: its own values only, its links stay at its top-level object
            values: list[Any] = []
            for o in objects:
                if isinstance(o, ox.NamedNode):
                    if pred in self.embedded:
                        values.append(self._object(o.value, nodes))
                    elif embed_arguments and o.value.startswith(self.entity_prefix):
                        values.append(self._object(o.value, nodes, own_only=True))
                    else:
                        values.append(o.value if coerce == "@id" else {"@id": o.value})
                else:
                    values.append(self._literal(o, coerce))
            out[key] = values if many or len(values) > 1 else values[0]
        return out

    def _literal(self, o: ox.Literal, coerce: str | None) -> Any:
        if o.language:
            return {"@value": o.value, "@language": o.language}
        datatype = o.datatype.value
        if coerce is not None and datatype == coerce:
            return o.value
        if coerce is None and datatype in self.native:
            return int(o.value)
        if coerce is None and datatype == XSD_STRING:
            return o.value
        return {"@value": o.value, "@type": self._compact(datatype)}


def write(statements: Iterable[Statement], out: IO[bytes], m: RdfMapping) -> None:
    """Write the framed JSON-LD of ``statements`` to ``out``."""
    out.write(json.dumps(Framer(m).frame(statements), ensure_ascii=False, indent=1).encode("utf-8"))
