"""The ontology: one definition (schema.yaml), and the OWL, SHACL and JSON-LD derived from it agree."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from ontology import generate, jsonld, owl, shacl
from ontology.errors import SchemaError
from ontology.model import Ontology, load, parse
from ontology.rdf import RdfMapping

HERE = Path(generate.__file__).resolve().parent
SH = Namespace("http://www.w3.org/ns/shacl#")


def _raw() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((HERE / "schema.yaml").read_text(encoding="utf-8"))


def declared_terms(g: Graph, ns: str) -> tuple[set[str], set[str]]:
    """(class names, property names) the OWL graph declares in namespace ``ns``."""
    def local(kind: URIRef) -> set[str]:
        return {str(s)[len(ns):] for s in g.subjects(RDF.type, kind) if str(s).startswith(ns)}

    return local(OWL.Class), local(OWL.ObjectProperty) | local(OWL.DatatypeProperty)


def disagreements(g: Graph, onto: Ontology) -> list[str]:
    """What the TTL and the Python model disagree on (a class or property in one only)."""
    classes, props = declared_terms(g, onto.meta["namespace"])
    model_classes = set(onto.classes)
    model_props = {p.name for p in onto.exported_properties()}
    out = [f"class {c} only in the TTL" for c in sorted(classes - model_classes)]
    out += [f"class {c} only in the model" for c in sorted(model_classes - classes)]
    out += [f"property {p} only in the TTL" for p in sorted(props - model_props)]
    out += [f"property {p} only in the model" for p in sorted(model_props - props)]
    return out


def committed_owl() -> Graph:
    return Graph().parse(HERE / "enforcegraph.ttl", format="turtle")


def test_generated_files_match_the_schema() -> None:
    assert generate.drifted() == [], "run `python -m ontology.generate`"


def test_generate_check_fails_on_a_drifted_file(tmp_path: Path) -> None:
    for name, text in generate.render_all().items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert generate.drifted(tmp_path) == []
    (tmp_path / "shapes.ttl").write_text("# edited by hand\n", encoding="utf-8")
    assert generate.drifted(tmp_path) == ["shapes.ttl"]


def test_generation_is_deterministic() -> None:
    assert generate.render_all() == generate.render_all()


def test_ttl_and_python_model_agree() -> None:
    assert disagreements(committed_owl(), load()) == []


def test_a_class_or_property_in_one_but_not_the_other_is_caught() -> None:
    raw = _raw()
    raw["classes"]["Boycott"] = {"parent": "EnforcementEvent", "comment": "A boycott."}
    raw["properties"]["nickname"] = {"kind": "literal", "datatype": "string", "comment": "A nickname."}
    raw["classes"]["Entity"]["properties"].append("nickname")
    bigger = parse(raw)
    assert disagreements(committed_owl(), bigger) == ["class Boycott only in the model",
                                                      "property nickname only in the model"]
    g = committed_owl()
    g.remove((URIRef(load().meta["namespace"] + "Raid"), None, None))
    assert disagreements(g, load()) == ["class Raid only in the model"]


def test_ontology_header_labels_comments_and_alignments() -> None:
    g = committed_owl()
    m = RdfMapping(load())
    assert (m.ontology_iri, RDF.type, OWL.Ontology) in g
    assert (m.ontology_iri, OWL.versionIRI, m.version_iri) in g
    ns = load().meta["namespace"]
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    assert len(terms) > 40
    for t in terms:
        assert isinstance(g.value(t, RDFS.label), Literal), t
        assert isinstance(g.value(t, RDFS.comment), Literal), t
    supers = {str(o) for o in g.objects(None, RDFS.subClassOf)} | {str(o) for o in g.objects(None, RDFS.subPropertyOf)}
    for vocab in ("http://schema.org/", "http://www.w3.org/ns/prov#", "http://semanticweb.cs.vu.nl/2009/11/sem/",
                  "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/"):
        assert any(s.startswith(vocab) for s in supers), vocab
    for name in ("Organization", "Person", "Place", "Legislation", "NewsArticle"):
        assert URIRef("http://schema.org/" + name) in set(g.objects(None, RDFS.subClassOf)), name


def test_owl_sanity_domains_ranges_and_hierarchy_are_declared() -> None:
    g = committed_owl()
    classes = set(g.subjects(RDF.type, OWL.Class))
    for prop in set(g.subjects(RDF.type, OWL.ObjectProperty)):
        for rng in g.objects(prop, RDFS.range):
            assert rng in classes, (prop, rng)
    for cls in classes:
        seen = set()
        current = cls
        while (parent := g.value(current, RDFS.subClassOf)) is not None and parent in classes:
            assert parent not in seen, f"cycle at {cls}"
            seen.add(parent)
            current = parent


def test_every_class_has_a_shape_and_required_properties_have_min_count() -> None:
    onto = load()
    m = RdfMapping(onto)
    g = Graph().parse(HERE / "shapes.ttl", format="turtle")
    targets = set(g.objects(None, SH.targetClass))
    assert targets == {m.cls(c) for c in onto.classes}
    required = {s for s in g.subjects(SH.minCount, Literal(1))}
    paths = {g.value(s, SH.path) for s in required}
    assert m.prop("id") in paths and m.prop("name") in paths and m.prop("reportedIn") in paths
    date_shape = m.shapes_ns["EnforcementEvent-date"]
    assert g.value(date_shape, SH["or"]) is not None


def test_json_ld_context_expands_to_the_same_terms() -> None:
    onto = load()
    m = RdfMapping(onto)
    ctx = json.loads((HERE / "context.jsonld").read_text(encoding="utf-8"))
    doc = {**ctx, "@id": "https://w3id.org/enforcegraph/id/entity/x", "@type": "Company",
           "name": "Capvision", "aliases": ["Capvision Partners"], "sourceCount": 2}
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    s = URIRef("https://w3id.org/enforcegraph/id/entity/x")
    assert (s, RDF.type, m.cls("Company")) in g
    assert (s, m.prop("name"), Literal("Capvision")) in g
    assert g.value(s, m.prop("sourceCount")).toPython() == 2


def test_model_derivations_still_work() -> None:
    onto = load()
    assert onto.labels("Company") == ["Entity", "Actor", "Company"]
    assert onto.labels("Raid") == ["EnforcementEvent", "Raid"]
    assert ("Entity", "id") in onto.key_roots() and ("Document", "id") in onto.key_roots()
    assert "Report" not in onto.node_classes()
    assert set(onto.relation_types()) == {"AGENT", "TARGET", "LOCATION", "UNDER_LAW", "REPORTED_IN"}
    assert onto.iri_kind("Company") == "entity" and onto.iri_kind("LawRevision") == "event"
    assert "LawRevision" in onto.event_types() and "Company" in onto.entity_types()
    assert "Report" not in onto.entity_types()


def test_schema_errors_are_caught() -> None:
    raw = _raw()
    raw["properties"]["report"]["qualified"] = "nothing"
    raw["properties"]["reportedIn"]["qualified"] = "nothing"
    with pytest.raises(SchemaError):
        parse(raw)
    raw = _raw()
    del raw["classes"]["Document"]["iri"]
    with pytest.raises(SchemaError):
        parse(raw)


def test_ontology_model_internal_relationships_link_known_ends_only() -> None:
    onto = parse(_raw())
    assert onto.internal_relationships == {"HAS_NAME_KEY": ("Entity", "NameKey"),
                                           "PEER_EVENT": ("PeerBucket", "EnforcementEvent")}
    assert "HAS_NAME_KEY" not in onto.relation_types() and "NameKey" not in onto.classes
    assert "entity_name_keys" in onto.retired_indexes
    for bad in ({"from": "Entity", "to": "Nowhere"}, {"from": "Event", "to": "NameKey"}):
        raw = _raw()
        raw["internal_relationships"]["HAS_NAME_KEY"] = bad
        with pytest.raises(SchemaError, match="neither a class nor an internal node"):
            parse(raw)
    raw = _raw()
    raw["internal_relationships"]["AGENT"] = {"from": "Entity", "to": "NameKey"}
    with pytest.raises(SchemaError, match="also a domain relation"):
        parse(raw)


def test_ontology_model_relationship_indexes_name_a_qualifier_of_the_type() -> None:
    onto = parse(_raw())
    assert ("TARGET", "joinKey") in onto.relationship_indexes
    assert not onto.properties["joinKey"].exported  # internal: in no export, OWL or SHACL
    for bad in ({"type": "TARGET", "property": "evidence"}, {"type": "NOWHERE", "property": "joinKey"}):
        raw = _raw()
        raw["indexes"]["relationship"].append(bad)
        with pytest.raises(SchemaError, match="not one of its qualifiers"):
            parse(raw)


def test_builders_take_any_ontology() -> None:
    onto = parse(_raw())
    assert len(owl.build(onto)) > 100 and len(shacl.build(onto)) > 100
    assert "@context" in jsonld.build(onto)


def test_ontology_model_most_specific_class_of_a_node() -> None:
    onto = load()
    for cls in onto.classes:
        assert onto.most_specific(list(reversed(onto.labels(cls)))) == cls
    assert onto.most_specific(["Entity", "Company", "Searchable"]) == "Company"
    assert onto.most_specific(["NoSuchLabel"]) is None
