"""The domain model, loaded from ``schema.yaml``: the one place classes and properties are defined.

Every other view of the domain (Neo4j labels and constraints, OWL and SHACL, JSON-LD, API
models) asks this module rather than spelling a class or property name itself, so adding a
term to ``schema.yaml`` is the whole change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from ontology.errors import SchemaError

PropertyKind = Literal["literal", "relation"]

#: The literal datatypes the schema may name, with their XSD term (for OWL/SHACL/RDF).
DATATYPES: dict[str, str] = {
    "string": "xsd:string",
    "integer": "xsd:integer",
    "decimal": "xsd:decimal",
    "date": "xsd:date",
    "dateTime": "xsd:dateTime",
    "anyURI": "xsd:anyURI",
    # A date to year, month or day precision: xsd:gYear, xsd:gYearMonth or xsd:date.
    "partialDate": "xsd:date",
    # "year" | "month" | "day".
    "precision": "xsd:string",
    # ISO 3166-1 alpha-2.
    "country": "xsd:string",
}


@dataclass(frozen=True)
class Property:
    name: str
    kind: PropertyKind
    comment: str
    datatype: str | None = None
    range: str | None = None
    many: bool = False
    required: bool = False
    key: bool = False
    internal: bool = False
    qualifier: bool = False
    neo4j: str | None = None
    align: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    #: RDF only: the relation from the subject to the qualified node that carries the qualifiers.
    qualified: str | None = None
    #: Exists in RDF only (no Neo4j property or relationship).
    rdf_only: bool = False
    #: Explicit OWL domain, for properties no class lists (rdf_only relations).
    domain: tuple[str, ...] = ()

    @property
    def exported(self) -> bool:
        """True when the property appears in the RDF form (OWL, SHACL, JSON-LD, export)."""
        return not self.internal

    @property
    def is_relation(self) -> bool:
        return self.kind == "relation"

    @property
    def rel_type(self) -> str:
        """The Neo4j relationship type of a relation property."""
        if not self.is_relation or not self.neo4j:
            raise SchemaError(f"property {self.name!r} is not a relation with a Neo4j type")
        return self.neo4j


@dataclass(frozen=True)
class OntClass:
    name: str
    comment: str
    parent: str | None = None
    abstract: bool = False
    align: tuple[str, ...] = ()
    own_properties: tuple[str, ...] = ()
    extraction_type: str | None = None
    #: Root classes: the kind segment of their data IRIs (``<data namespace><iri>/<id>``).
    iri: str | None = None
    #: Exists in RDF only (no Neo4j node).
    rdf_only: bool = False


@dataclass(frozen=True)
class Ontology:
    """The loaded schema with the derivations every layer needs."""

    meta: dict[str, str]
    prefixes: dict[str, str]
    classes: dict[str, OntClass]
    properties: dict[str, Property]
    range_indexes: tuple[tuple[str, str], ...]
    #: Range indexes over several properties of one label (in index order), for seeks on all of them.
    composite_indexes: tuple[tuple[str, tuple[str, ...]], ...]
    fulltext_indexes: tuple[tuple[str, str, tuple[str, ...]], ...]
    #: Range indexes on a relationship property: (relationship type, qualifier property).
    relationship_indexes: tuple[tuple[str, str], ...] = ()
    fulltext_analyzers: dict[str, str] = field(default_factory=dict)  # index name -> Lucene analyzer
    #: External terms the RDF export states next to the eg: terms aligned to them.
    materialize: tuple[str, ...] = ()
    #: Bookkeeping node labels outside the domain -> their unique key property (never exported).
    internal_nodes: dict[str, str] = field(default_factory=dict)
    #: Bookkeeping relationship types -> (start label, end label) (never exported).
    internal_relationships: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Names of indexes an earlier version created, dropped when the schema is applied.
    retired_indexes: tuple[str, ...] = ()
    _children: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    # -- hierarchy -------------------------------------------------------------
    def ancestors(self, name: str) -> list[str]:
        """``name`` and its ancestors, nearest first."""
        out: list[str] = []
        current: str | None = name
        while current is not None:
            if current in out:
                raise SchemaError(f"class {name!r}: the parent chain has a cycle")
            out.append(current)
            current = self.classes[current].parent
        return out

    def most_specific(self, labels: list[str]) -> str | None:
        """The most specific ontology class among a node's labels (the one with most ancestors; the
        first of those in ``labels`` on a tie), ``None`` when no label is a class."""
        known = [lb for lb in labels if lb in self.classes]
        return max(known, key=lambda c: len(self.ancestors(c))) if known else None

    def root(self, name: str) -> str:
        return self.ancestors(name)[-1]

    def descendants(self, name: str) -> list[str]:
        """``name`` and every class below it, depth first."""
        out = [name]
        for child in self._children.get(name, ()):
            out.extend(self.descendants(child))
        return out

    def concrete(self, name: str) -> list[str]:
        return [c for c in self.descendants(name) if not self.classes[c].abstract]

    def is_a(self, name: str, ancestor: str) -> bool:
        return ancestor in self.ancestors(name)

    # -- properties ------------------------------------------------------------
    def properties_of(self, name: str) -> list[Property]:
        """Every property a class has, own and inherited, root class first."""
        seen: dict[str, Property] = {}
        for cls in reversed(self.ancestors(name)):
            for p in self.classes[cls].own_properties:
                seen.setdefault(p, self.properties[p])
        return list(seen.values())

    def domains(self, prop: str) -> list[str]:
        """The classes that declare ``prop`` themselves (its OWL domain)."""
        explicit = self.properties[prop].domain
        if explicit:
            return list(explicit)
        return [c.name for c in self.classes.values() if prop in c.own_properties]

    def iri_kind(self, name: str) -> str:
        """The kind segment of the data IRIs of class ``name`` (given by its root class)."""
        kind = self.classes[self.root(name)].iri
        if not kind:
            raise SchemaError(f"class {name!r}: its root class names no iri kind")
        return kind

    def node_classes(self) -> list[str]:
        """Classes stored as Neo4j nodes (every class but the RDF-only ones)."""
        return [c.name for c in self.classes.values() if not c.rdf_only]

    def exported_properties(self) -> list[Property]:
        """Properties that appear in the RDF form, in schema order."""
        return [p for p in self.properties.values() if p.exported]

    def expand(self, curie: str) -> str:
        """The full IRI of ``prefix:local`` (a schema prefix, or ``eg``)."""
        prefix, sep, local = curie.partition(":")
        if not sep:
            raise SchemaError(f"{curie!r} is not a prefix:name term")
        if prefix == self.meta["prefix"]:
            return self.meta["namespace"] + local
        if prefix not in self.prefixes:
            raise SchemaError(f"{curie!r}: unknown prefix {prefix!r}")
        return self.prefixes[prefix] + local

    # -- Neo4j -----------------------------------------------------------------
    def labels(self, name: str) -> list[str]:
        """Neo4j labels of a node of class ``name``: the root class first, the class last."""
        return list(reversed(self.ancestors(name)))

    def key_roots(self) -> list[tuple[str, str]]:
        """(label, key property) of every root class: one uniqueness constraint each."""
        out: list[tuple[str, str]] = []
        for c in self.classes.values():
            if c.parent is None:
                keys = [p for p in c.own_properties if self.properties[p].key]
                out.extend((c.name, k) for k in keys)
        return out

    def relation_types(self) -> dict[str, Property]:
        return {p.rel_type: p for p in self.properties.values() if p.is_relation and not p.rdf_only}

    # -- extraction ------------------------------------------------------------
    def entity_types(self) -> list[str]:
        """The extraction contract's entity types, in schema order."""
        return [c.name for c in self.classes.values()
                if c.extraction_type and not self.is_a(c.name, "EnforcementEvent")]

    def event_types(self) -> list[str]:
        return [c.name for c in self.classes.values()
                if c.extraction_type and self.is_a(c.name, "EnforcementEvent")]


def _tuple(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def parse(raw: dict[str, Any]) -> Ontology:
    """Build and check an :class:`Ontology` from the parsed YAML."""
    props: dict[str, Property] = {}
    for name, spec in raw["properties"].items():
        kind = spec.get("kind")
        if kind not in ("literal", "relation"):
            raise SchemaError(f"property {name!r}: kind must be literal or relation, not {kind!r}")
        if kind == "literal" and spec.get("datatype") not in DATATYPES:
            raise SchemaError(f"property {name!r}: unknown datatype {spec.get('datatype')!r}")
        if not spec.get("comment"):
            raise SchemaError(f"property {name!r} has no comment")
        props[name] = Property(
            name=name, kind=kind, comment=spec["comment"], datatype=spec.get("datatype"),
            range=spec.get("range"), many=bool(spec.get("many")), required=bool(spec.get("required")),
            key=bool(spec.get("key")), internal=bool(spec.get("internal")),
            qualifier=bool(spec.get("qualifier")), neo4j=spec.get("neo4j"),
            align=_tuple(spec.get("align")), qualifiers=_tuple(spec.get("qualifiers")),
            qualified=spec.get("qualified"), rdf_only=bool(spec.get("rdf_only")),
            domain=_tuple(spec.get("domain")),
        )
    classes: dict[str, OntClass] = {}
    children: dict[str, list[str]] = {}
    for name, spec in raw["classes"].items():
        if not spec.get("comment"):
            raise SchemaError(f"class {name!r} has no comment")
        cls = OntClass(
            name=name, comment=spec["comment"], parent=spec.get("parent"),
            abstract=bool(spec.get("abstract")), align=_tuple(spec.get("align")),
            own_properties=_tuple(spec.get("properties")), extraction_type=spec.get("extraction_type"),
            iri=spec.get("iri"), rdf_only=bool(spec.get("rdf_only")),
        )
        classes[name] = cls
        if cls.parent:
            children.setdefault(cls.parent, []).append(name)
    for cls in classes.values():
        if cls.parent and cls.parent not in classes:
            raise SchemaError(f"class {cls.name!r}: parent {cls.parent!r} is not defined")
        for pname in cls.own_properties:
            if pname not in props:
                raise SchemaError(f"class {cls.name!r}: property {pname!r} is not defined")
    for p in props.values():
        if p.is_relation and p.range not in classes:
            raise SchemaError(f"property {p.name!r}: range {p.range!r} is not a class")
        for q in p.qualifiers:
            if q not in props or props[q].is_relation:
                raise SchemaError(f"property {p.name!r}: qualifier {q!r} is not a literal property")
        if p.qualified and (p.qualified not in props or not props[p.qualified].is_relation):
            raise SchemaError(f"property {p.name!r}: qualified {p.qualified!r} is not a relation")
        for d in p.domain:
            if d not in classes:
                raise SchemaError(f"property {p.name!r}: domain {d!r} is not a class")
    for cls in classes.values():
        if cls.parent is None and not cls.iri:
            raise SchemaError(f"root class {cls.name!r} names no iri kind")
    idx = raw.get("indexes") or {}
    onto = Ontology(
        meta={k: str(v) for k, v in raw["ontology"].items()},
        prefixes=dict(raw.get("prefixes") or {}),
        classes=classes,
        properties=props,
        range_indexes=tuple((i["label"], i["property"]) for i in idx.get("range", [])),
        composite_indexes=tuple((i["label"], tuple(i["properties"])) for i in idx.get("composite", [])),
        fulltext_indexes=tuple((i["name"], i["label"], tuple(i["properties"])) for i in idx.get("fulltext", [])),
        fulltext_analyzers={i["name"]: i["analyzer"] for i in idx.get("fulltext", []) if i.get("analyzer")},
        relationship_indexes=tuple((i["type"], i["property"]) for i in idx.get("relationship", [])),
        materialize=_tuple((raw.get("rdf") or {}).get("materialize")),
        internal_nodes={k: str(v["key"]) for k, v in (raw.get("internal_nodes") or {}).items()},
        internal_relationships={k: (str(v["from"]), str(v["to"]))
                                for k, v in (raw.get("internal_relationships") or {}).items()},
        retired_indexes=_tuple(raw.get("retired_indexes")),
        _children={k: tuple(v) for k, v in children.items()},
    )
    for name in classes:
        onto.ancestors(name)  # raises on a cycle
    for label in onto.internal_nodes:
        if label in classes:
            raise SchemaError(f"internal node {label!r} is also a domain class")
    for rel, ends in onto.internal_relationships.items():
        if rel in onto.relation_types():
            raise SchemaError(f"internal relationship {rel!r} is also a domain relation")
        for end in ends:
            if end not in classes and end not in onto.internal_nodes:
                raise SchemaError(f"internal relationship {rel!r}: {end!r} is neither a class nor an internal node")
    if set(onto.retired_indexes) & {name for name, _, _ in onto.fulltext_indexes}:
        raise SchemaError("an index is both declared and retired")
    indexed = [*onto.range_indexes, *((label, p) for label, props in onto.composite_indexes for p in props)]
    for label, prop in indexed:
        if label in onto.internal_nodes:  # bookkeeping nodes declare no properties: their queries own them
            continue
        if label not in classes or prop not in {p.name for p in onto.properties_of(label)}:
            raise SchemaError(f"index on {label}.{prop}: no such class or property")
    relations = onto.relation_types()
    for rel, prop in onto.relationship_indexes:
        if rel not in relations or prop not in relations[rel].qualifiers:
            raise SchemaError(f"index on [:{rel}].{prop}: no such relationship type, or not one of its qualifiers")
    return onto


@cache
def load() -> Ontology:
    """The project's ontology (cached: the file ships with the package)."""
    text = resources.files("ontology").joinpath("schema.yaml").read_text(encoding="utf-8")
    return parse(yaml.safe_load(text))
