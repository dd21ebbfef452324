"""``GET /id/{kind}/{id}``: the export's IRIs dereferenced on the live sample graph."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, URIRef

from ontology.rdf import mapping
from tests.helpers import READ
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j, pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def exported(client: TestClient) -> Graph:
    resp = client.get("/export", params={"format": "ntriples"}, headers=READ)
    assert resp.status_code == 200
    return Graph().parse(data=resp.text, format="nt")


def _path(iri: URIRef) -> str:
    return "/" + str(iri).removeprefix(mapping().data_ns.removesuffix("id/"))


def test_api_ids_event_iri_gives_what_the_export_says_of_it(client: TestClient, exported: Graph) -> None:
    m = mapping()
    event = sorted(exported.subjects(RDF.type, m.cls("Raid")))[0]
    assert _path(event).startswith("/id/event/")
    resp = client.get(_path(event), headers={**READ, "Accept": "text/turtle"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/turtle")
    assert "accept" in resp.headers["vary"].lower()
    g = Graph().parse(data=resp.text, format="turtle")
    about = {(p, o) for p, o in exported.predicate_objects(event)}
    assert {(p, o) for p, o in g.predicate_objects(event)} == about
    assert set(g) <= set(exported)  # nothing that the export does not say
    assert any(True for _ in g.objects(None, m.prop("evidence"))), "the reports come with their evidence"
    jsonld = client.get(_path(event), headers={**READ, "Accept": "application/ld+json"})
    assert jsonld.status_code == 200 and jsonld.headers["content-type"].startswith("application/ld+json")
    assert set(Graph().parse(data=jsonld.text, format="json-ld")) == set(g)


def test_api_ids_entity_and_document_iris(client: TestClient, exported: Graph) -> None:
    m = mapping()
    for cls in ("Company", "Document"):
        node = sorted(exported.subjects(RDF.type, m.cls(cls)))[0]
        resp = client.get(_path(node), headers={**READ, "Accept": "*/*"})
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/turtle"), cls
        g = Graph().parse(data=resp.text, format="turtle")
        assert (node, RDF.type, m.cls(cls)) in g and set(g) <= set(exported)


def test_api_ids_browsers_are_sent_to_the_web_page(client: TestClient, exported: Graph) -> None:
    event = sorted(exported.subjects(RDF.type, mapping().cls("Raid")))[0]
    resp = client.get(_path(event), headers={**READ, "Accept": BROWSER}, follow_redirects=False)
    assert resp.status_code == 303
    assert resp.headers["location"] == "/#/event/" + quote(str(event).rsplit("/", 1)[1], safe="")


def test_api_ids_unknown_id_kind_or_key(client: TestClient) -> None:
    assert client.get("/id/event/no-such-event", headers=READ).status_code == 404
    assert client.get("/id/planet/x", headers=READ).status_code == 422
    assert client.get("/id/event/x").status_code == 401
