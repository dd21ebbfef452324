"""``GET /ontology``: the generated ontology in the RDF syntax asked for."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from rdflib import OWL, RDF, Graph, URIRef

from api.app import create_app
from enforcegraph.settings import Settings
from ontology import load


def _client() -> TestClient:
    # No lifespan: these routes need no database.
    return TestClient(create_app(Settings(_env_file=None, environment="test")))  # type: ignore[call-arg]


def test_api_ontology_turtle_declares_every_class() -> None:
    resp = _client().get("/ontology")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=resp.text, format="turtle")
    ns = load().meta["namespace"]
    for cls in load().classes:
        assert (URIRef(ns + cls), RDF.type, OWL.Class) in g


def test_api_ontology_negotiates_jsonld_and_takes_a_format_parameter() -> None:
    c = _client()
    resp = c.get("/ontology", headers={"Accept": "application/ld+json"})
    assert resp.headers["content-type"].startswith("application/ld+json")
    json.loads(resp.text)
    nt = c.get("/ontology/shapes", params={"format": "ntriples"})
    assert nt.status_code == 200 and nt.headers["content-type"].startswith("application/n-triples")
    assert len(Graph().parse(data=nt.text, format="nt")) > 0


def test_api_ontology_rejects_an_unknown_format_with_422() -> None:
    resp = _client().get("/ontology", params={"format": "yaml"})
    assert resp.status_code == 422
    assert "format" in resp.text
