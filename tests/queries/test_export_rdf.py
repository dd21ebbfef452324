"""The RDF export of the sample corpus graph (written through the ingest's graph writer)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pyoxigraph
import pyshacl
import pytest
from rdflib import OWL, RDF, Dataset, Graph, Literal, URIRef

import ontology
from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from ontology.rdf import mapping, writers
from queries import export, run
from tests.helpers import cli, cli_env
from tests.sample_graph import SAMPLE_CORPUS, ingested_extractions

pytestmark = [pytest.mark.neo4j, pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

ONTOLOGY = Path(ontology.__file__).resolve().parent
CREATED = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
OXI_FORMATS = {"turtle": pyoxigraph.RdfFormat.TURTLE, "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
               "nquads": pyoxigraph.RdfFormat.N_QUADS, "trig": pyoxigraph.RdfFormat.TRIG,
               "xml": pyoxigraph.RdfFormat.RDF_XML}

FOREIGN_AFTER_LAW = """
PREFIX eg: <https://w3id.org/enforcegraph/ontology#>
SELECT DISTINCT ?company ?event ?revision WHERE {
  ?lr a eg:LawRevision ; eg:underLaw ?law ; eg:date ?lrDate ; eg:id ?revision .
  ?law eg:name|eg:aliases ?lawName .
  FILTER (str(?lawName) = ?lawParam)
  ?ev a ?eventClass ; eg:target ?c ; eg:agent ?ag ; eg:date ?evDate ; eg:id ?event .
  ?c a eg:Company ; eg:country ?cc ; eg:id ?company .
  ?ag eg:country ?ac .
  FILTER (str(?cc) != str(?ac) && str(?evDate) >= str(?lrDate))
}
"""


@pytest.fixture
def sample(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    report = GraphWriter(clean_graph, database=neo4j_settings.neo4j_database).write(list(ingested_extractions()))
    assert report.failed == []
    yield clean_graph


def _export(driver: neo4j.Driver, settings: Settings, fmt: str, *, description: bool = False,
            **kw: str | None) -> str:
    """The export of the data (without the dataset description, unless asked: it has a timestamp)."""
    buf = io.BytesIO()
    export.export(driver, buf, fmt, database=settings.neo4j_database, batch_size=7,  # type: ignore[arg-type]
                  description=description, created=CREATED, **kw)
    return buf.getvalue().decode("utf-8")


def _shapes() -> Graph:
    return Graph().parse(ONTOLOGY / "shapes.ttl", format="turtle")


def test_every_format_parses_and_holds_the_same_statements(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    nt = _export(sample, neo4j_settings, "ntriples")
    reference = Graph().parse(data=nt, format="nt")
    assert len(reference) > 1000
    for fmt in writers.FORMATS:
        text = _export(sample, neo4j_settings, fmt)
        ds = writers.graph_of(text, fmt)
        union = Graph()
        for s, p, o, _g in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        assert len(union) == len(reference), fmt
        if fmt in OXI_FORMATS:
            oxi = {(q.subject, q.predicate, q.object)
                   for q in pyoxigraph.parse(text.encode("utf-8"), format=OXI_FORMATS[fmt])}
            assert len(oxi) == len(reference), fmt


def test_ntriples_count_agrees_between_rdflib_and_pyoxigraph(sample: neo4j.Driver,
                                                             neo4j_settings: Settings) -> None:
    nt = _export(sample, neo4j_settings, "ntriples")
    lines = [line for line in nt.splitlines() if line.strip()]
    rdflib_count = len(Graph().parse(data=nt, format="nt"))
    oxi_count = len(list(pyoxigraph.parse(nt.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES)))
    assert rdflib_count == oxi_count == len(lines) == len(set(lines))


def test_export_conforms_to_the_shapes(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    data = Graph().parse(data=_export(sample, neo4j_settings, "ntriples"), format="nt")
    conforms, _g, text = pyshacl.validate(data, shacl_graph=_shapes())
    assert conforms, text[:3000]


def test_shapes_catch_a_broken_export(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    data = Graph().parse(data=_export(sample, neo4j_settings, "ntriples"), format="nt")
    m = mapping()
    event = next(iter(data.subjects(RDF.type, m.cls("Raid"))))
    data.remove((event, m.prop("reportedIn"), None))  # every event needs a source
    data.add((event, m.prop("date"), Literal("May 2023")))  # not an xsd date
    conforms, _g, text = pyshacl.validate(data, shacl_graph=_shapes())
    assert not conforms
    assert "reportedIn" in text and "date" in text


def test_every_class_and_property_used_is_declared(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    owl = Graph().parse(ONTOLOGY / "enforcegraph.ttl", format="turtle")
    classes = set(owl.subjects(RDF.type, OWL.Class))
    props = set(owl.subjects(RDF.type, OWL.ObjectProperty)) | set(owl.subjects(RDF.type, OWL.DatatypeProperty))
    data = Graph().parse(data=_export(sample, neo4j_settings, "ntriples"), format="nt")
    used_props = set(data.predicates()) - {RDF.type}
    used_classes = set(data.objects(None, RDF.type))
    assert used_props <= props, used_props - props
    assert used_classes <= classes, used_classes - classes


def test_provenance_and_named_graphs(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    m = mapping()
    prov = "http://www.w3.org/ns/prov#"
    ds = Dataset()
    ds.parse(data=_export(sample, neo4j_settings, "nquads"), format="nquads")
    doc_id = "capvision-mss-raids-lanterndaily-2023-05-09"
    doc = m.node("Document", doc_id)
    g = ds.graph(doc)
    assert (doc, RDF.type, m.cls("Document")) in g
    derived = set(g.subjects(URIRef(prov + "wasDerivedFrom"), doc))
    assert derived, "the document's graph holds what it reports"
    raids = [s for s in derived if (s, RDF.type, m.cls("Raid")) in ds.default_graph]
    assert raids
    text = g.serialize(format="nt")
    for report in g.objects(raids[0], URIRef(prov + "qualifiedDerivation")):
        evidence = str(g.value(report, m.prop("evidence")))
        start, end = int(g.value(report, m.prop("start"))), int(g.value(report, m.prop("end")))
        source = next(e for e in list(ingested_extractions()) if e.document.id == doc_id)
        assert source.document.text[start:end] == evidence
        assert (report, URIRef(prov + "entity"), doc) in g
    assert "Capvision" in text
    # merged facts are in the default graph, not repeated per document
    assert (raids[0], m.prop("date"), None) in ds.default_graph


def test_sparql_answer_equals_the_cypher_answer(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    params = {"eventType": "Raid", "law": "Counter-Espionage Law"}
    rows = run(sample, "targeted-after-any-revision", database=neo4j_settings.neo4j_database, **params)
    cypher = {(r["company"], r["event"], r["revision"]) for r in rows}
    assert cypher, "the sample corpus has foreign companies raided after the revision"
    g = Graph().parse(data=_export(sample, neo4j_settings, "ntriples"), format="nt")
    m = mapping()
    result = g.query(FOREIGN_AFTER_LAW, initBindings={"lawParam": Literal(params["law"]),
                                                      "eventClass": m.cls(params["eventType"])})
    sparql = {(str(r[0]), str(r[1]), str(r[2])) for r in result}  # type: ignore[index]
    assert sparql == cypher


def test_exporting_twice_and_after_a_reingest_is_identical(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    first = sorted(_export(sample, neo4j_settings, "ntriples").splitlines())
    assert sorted(_export(sample, neo4j_settings, "ntriples").splitlines()) == first
    assert _export(sample, neo4j_settings, "turtle") == _export(sample, neo4j_settings, "turtle")
    GraphWriter(sample, database=neo4j_settings.neo4j_database).write(list(ingested_extractions()))
    assert sorted(_export(sample, neo4j_settings, "ntriples").splitlines()) == first


def test_filters_select_events_and_what_they_involve(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    m = mapping()
    text = _export(sample, neo4j_settings, "ntriples", since="2023-05", type_="Raid")
    g = Graph().parse(data=text, format="nt")
    events = set(g.subjects(RDF.type, m.cls("EnforcementEvent")))
    assert events
    for ev in events:
        assert (ev, RDF.type, m.cls("Raid")) in g
        assert str(g.value(ev, m.prop("date"))) >= "2023-05"[: len(str(g.value(ev, m.prop("date"))))]
    conforms, _g, report = pyshacl.validate(g, shacl_graph=_shapes())
    assert conforms, report[:2000]
    full = Graph().parse(data=_export(sample, neo4j_settings, "ntriples"), format="nt")
    assert len(g) < len(full)


def test_cli_writes_the_file(sample: neo4j.Driver, neo4j_settings: Settings, tmp_path: Path) -> None:
    out = tmp_path / "graph.nq"
    proc = subprocess.run(cli("export", "--format", "nquads", "--out", str(out)), capture_output=True,
                          text=True, env=cli_env(neo4j_settings), timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "exported 20 documents" in proc.stderr or "exported" in proc.stderr
    ds = Dataset()
    ds.parse(out, format="nquads")
    assert len(list(ds.quads((None, None, None, None)))) > 1000
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nq"]


def test_export_rdf_description_counts_licence_and_versions(sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    m = mapping()
    ds = writers.graph_of(_export(sample, neo4j_settings, "nquads", description=True), "nquads")
    described = ds.graph(URIRef(f"{m.data_ns}dataset/description"))
    dataset = URIRef(f"{m.data_ns}dataset")
    data = [q for q in ds.quads((None, None, None, None)) if q[3] != described.identifier]
    assert int(described.value(dataset, URIRef(VOID + "triples"))) == len(data)
    assert described.value(dataset, URIRef(DCTERMS + "license")) == URIRef(m.onto.meta["license"])
    assert described.value(dataset, URIRef(DCTERMS + "conformsTo")) == m.version_iri
    assert described.value(dataset, URIRef(DCTERMS + "created")).toPython() == CREATED
    assert (None, None, Literal("enforcegraph 0.1.0")) in described
    for cls in ("Document", "Entity", "EnforcementEvent"):
        part = URIRef(f"{m.data_ns}dataset/class/{cls}")
        typed = {s for s, _p, _o, _g in ds.quads((None, RDF.type, m.cls(cls), None))}
        assert int(described.value(part, URIRef(VOID + "entities"))) == len(typed) > 0, cls
    # the triple syntaxes carry the same description as their last section
    nt = _export(sample, neo4j_settings, "ntriples", description=True)
    tail = Graph().parse(data=nt, format="nt")
    assert int(tail.value(dataset, URIRef(VOID + "triples"))) == len(data)


def test_export_rdf_jsonld_frames_each_event_with_its_arguments_and_evidence(
        sample: neo4j.Driver, neo4j_settings: Settings) -> None:
    import json

    doc = json.loads(_export(sample, neo4j_settings, "jsonld"))
    graph = doc["@graph"]
    kinds = [n["@id"].split("/id/")[1].split("/")[0] for n in graph]
    events = [n for n in graph if "/id/event/" in n["@id"]]
    typed = {str(s) for s, _p, _o in Graph().parse(data=_export(sample, neo4j_settings, "ntriples"), format="nt")
             .triples((None, RDF.type, URIRef(str(mapping().cls("EnforcementEvent")))))}
    assert {e["@id"] for e in events} == typed
    assert kinds[:len(events)] == ["event"] * len(events), "events come first, each one object"
    assert not [n for n in graph if "/id/report/" in n["@id"]], "reports are nested in what they report"
    by_name = {n["@id"]: n.get("name") for n in graph if "/id/entity/" in n["@id"]}
    argued = 0
    for event in events:
        for report in event["report"]:  # every event is traceable to its sentences, in the object itself
            assert report["evidence"] and report["reportDocument"].startswith("https://")
        for role in ("agent", "target"):
            for arg in event.get(role, []):
                assert isinstance(arg, dict) and arg["name"] == by_name[arg["@id"]] and "@type" in arg
                assert "report" not in arg, "a nested argument carries its own values, not its reports"
                argued += 1
    assert argued >= len(events)
