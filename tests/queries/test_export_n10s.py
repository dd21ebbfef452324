"""Our Turtle and JSON-LD exports imported with neosemantics (n10s) into a second local Neo4j.

Partners who run Neo4j load the export with n10s; this does what they do, on a server of its
own with the plugin fetched by Maven (``enforcegraph.n10s``), and checks that every statement
of the export arrives: n10s parses and loads as many triples as the export holds, and the
graph it builds has one node per subject or object IRI, one relationship per statement
between two of them and one value per literal statement.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import neo4j
import pyoxigraph as ox
import pytest

from enforcegraph import n10s as plugin
from enforcegraph.db import open_driver
from enforcegraph.settings import Settings
from queries import export, n10s
from tests.helpers import local_server, write_sample
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j, pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CREATED = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def n10s_driver() -> Iterator[neo4j.Driver]:
    """A second local Neo4j 5.26 with the n10s plugin in its plugins folder."""
    with local_server("n10s", before_start=lambda home: plugin.install_plugin(home / "plugins")) as settings:
        driver = open_driver(settings)
        try:
            n10s.prepare(driver)
            yield driver
        finally:
            driver.close()


@pytest.fixture(scope="module")
def exports(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> dict[str, bytes]:
    write_sample(neo4j_driver, neo4j_settings.neo4j_database)
    out = {}
    for fmt in ("turtle", "jsonld"):
        buf = io.BytesIO()
        export.export(neo4j_driver, buf, fmt, database=neo4j_settings.neo4j_database, created=CREATED)
        out[fmt] = buf.getvalue()
    return out


def expected(turtle: bytes) -> dict[str, int]:
    """What n10s should build from these statements (types become labels, not nodes)."""
    triples = set(ox.parse(turtle, format=ox.RdfFormat.TURTLE))
    links = [t for t in triples if not isinstance(t.object, ox.Literal) and t.predicate != RDF_TYPE]
    nodes = {t.subject for t in triples} | {t.object for t in links}
    return {"triples": len(triples), "resources": len(nodes), "relationships": len(links),
            "literals": sum(isinstance(t.object, ox.Literal) for t in triples)}


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_export_n10s_imports_every_statement(n10s_driver: neo4j.Driver, exports: dict[str, bytes],
                                             fmt: str) -> None:
    want = expected(exports["turtle"])
    assert want["triples"] > 1000
    n10s.run(n10s_driver, "n10s-clear")
    summary = n10s.load(n10s_driver, exports[fmt].decode("utf-8"), fmt)
    assert summary["terminationStatus"] == "OK", summary["extraInfo"]
    assert summary["triplesParsed"] == summary["triplesLoaded"] == want["triples"]
    got = n10s.run(n10s_driver, "n10s-counts")[0]
    assert {k: got[k] for k in ("resources", "relationships", "literals")} == {
        k: want[k] for k in ("resources", "relationships", "literals")}
