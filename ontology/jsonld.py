"""The JSON-LD ``@context`` (``ontology/context.jsonld``) for the ontology's terms."""

from __future__ import annotations

from typing import Any

from ontology.model import Ontology


def build(onto: Ontology) -> dict[str, Any]:
    prefix = onto.meta["prefix"]
    ctx: dict[str, Any] = {"@version": 1.1, prefix: onto.meta["namespace"]}
    for name, iri in sorted(onto.prefixes.items()):
        ctx[name] = iri
    ctx["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#"
    for cls in onto.classes:
        ctx[cls] = f"{prefix}:{cls}"
    from ontology.model import DATATYPES

    for p in onto.exported_properties():
        term: dict[str, Any] = {"@id": f"{prefix}:{p.name}"}
        if p.is_relation:
            term["@type"] = "@id"
        elif p.datatype not in ("string", "precision", "country", "partialDate"):
            term["@type"] = DATATYPES[p.datatype or "string"]
        if p.many:
            term["@container"] = "@set"
        ctx[p.name] = term
    return {"@context": ctx}
