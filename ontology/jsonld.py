"""The JSON-LD ``@context`` (``ontology/context.jsonld``) for the ontology's terms.

JSON-LD 1.0 compatible (no ``@version``; only 1.0 features), so that 1.0 processors - Neo4j's
n10s, older PyLD and jsonld.js modes - load our exports, and readable as plain JSON:

* integers are JSON numbers (no ``@type`` coercion: a JSON integer is ``xsd:integer``); other
  typed values (decimals, dates) keep their coercion and come as strings;
* the ``id`` property is called ``identifier``, so that no ``id`` key stands beside ``@id``.
"""

from __future__ import annotations

from typing import Any

from ontology.model import DATATYPES, Ontology

#: Property names that plain-JSON readers take for the node's own keys, and their JSON-LD terms.
RENAMED = {"id": "identifier", "type": "kind"}
#: Datatypes whose values are JSON numbers (no coercion in the context).
NATIVE = {"integer"}


def term(name: str) -> str:
    """The JSON-LD term of the property ``name``."""
    return RENAMED.get(name, name)


def build(onto: Ontology) -> dict[str, Any]:
    prefix = onto.meta["prefix"]
    ctx: dict[str, Any] = {prefix: onto.meta["namespace"]}
    for name, iri in sorted(onto.prefixes.items()):
        ctx[name] = iri
    ctx["rdfs"] = "http://www.w3.org/2000/01/rdf-schema#"
    for cls in onto.classes:
        ctx[cls] = f"{prefix}:{cls}"
    for p in onto.exported_properties():
        spec: dict[str, Any] = {"@id": f"{prefix}:{p.name}"}
        if p.is_relation:
            spec["@type"] = "@id"
        elif p.datatype not in ("string", "precision", "country", "partialDate", *NATIVE):
            spec["@type"] = DATATYPES[p.datatype or "string"]
        if p.many:
            spec["@container"] = "@set"
        ctx[term(p.name)] = spec
    return {"@context": ctx}
