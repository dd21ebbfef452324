"""Talking to the live Neo4j: round trips, the schema, and connection errors a user sees."""

from __future__ import annotations

import subprocess

import neo4j
import pytest

from enforcegraph.settings import Settings
from queries import run, schema
from tests.helpers import cli, cli_env, free_port

pytestmark = pytest.mark.neo4j


def test_db_write_and_read_back_a_document(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    rows = [{"id": "doc-1", "props": {"title": "Offices searched", "published": "2023-05-09"}}]
    assert run(clean_graph, "document-upsert", database=db, rows=rows) == [{"written": 1}]
    got = run(clean_graph, "document-get", database=db, id="doc-1")
    assert got == [{"document": {"id": "doc-1", "title": "Offices searched", "published": "2023-05-09"}}]
    assert run(clean_graph, "document-get", database=db, id="no-such-doc") == []


def test_db_schema_objects_exist_after_startup(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    constraints = {r["name"] for r in run(neo4j_driver, "schema-constraints", database=db)}
    indexes = {r["name"]: r["state"] for r in run(neo4j_driver, "schema-indexes", database=db)}
    for obj in schema.objects():
        if obj.kind == "constraint":
            assert obj.name in constraints
        elif obj.kind == "retired":
            assert obj.name not in indexes
        else:
            assert indexes.get(obj.name) == "ONLINE"


def test_db_applying_schema_twice_changes_nothing(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database

    def snapshot() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        return (sorted(run(neo4j_driver, "schema-constraints", database=db), key=str),
                sorted(run(neo4j_driver, "schema-indexes", database=db), key=str))

    schema.apply(neo4j_driver, database=db)
    before = snapshot()
    schema.apply(neo4j_driver, database=db)
    assert snapshot() == before


def test_db_schema_is_derived_from_the_ontology() -> None:
    cyphers = [o.cypher for o in schema.objects()]
    assert any("FOR (n:Entity) REQUIRE n.id IS UNIQUE" in c for c in cyphers)
    assert any("FOR (n:EnforcementEvent) REQUIRE n.id IS UNIQUE" in c for c in cyphers)
    assert any("FOR (n:Document) REQUIRE n.id IS UNIQUE" in c for c in cyphers)
    assert all("IF NOT EXISTS" in c for c in cyphers if not c.startswith("DROP "))
    assert "DROP INDEX entity_name_keys IF EXISTS" in cyphers  # the withdrawn full-text seek


def test_db_applying_the_schema_drops_a_retired_index(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    neo4j_driver.execute_query("CREATE FULLTEXT INDEX entity_name_keys IF NOT EXISTS FOR (n:Entity) ON EACH "
                               "[n.nameKeys]", database_=db)
    assert "entity_name_keys" in {r["name"] for r in run(neo4j_driver, "schema-indexes", database=db)}
    schema.apply(neo4j_driver, database=db)
    assert "entity_name_keys" not in {r["name"] for r in run(neo4j_driver, "schema-indexes", database=db)}


def test_db_wrong_credentials_give_one_line_naming_the_uri(neo4j_settings: Settings) -> None:
    env = cli_env(neo4j_settings, NEO4J_PASSWORD="not-the-password")
    proc = subprocess.run(cli("query", "graph-counts"), env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert neo4j_settings.bolt_uri in lines[0] and "credentials" in lines[0]
    assert "Traceback" not in proc.stderr


def test_db_unreachable_uri_gives_one_line_naming_the_uri(neo4j_settings: Settings) -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    env = cli_env(neo4j_settings, NEO4J_URI=uri)
    proc = subprocess.run(cli("query", "graph-counts"), env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert uri in lines[0] and "cannot reach" in lines[0]


def test_db_graph_counts_prints_one_json_object(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    import json

    run(clean_graph, "document-upsert", database=neo4j_settings.neo4j_database,
        rows=[{"id": "a", "props": {}}, {"id": "b", "props": {}}])
    proc = subprocess.run(cli("query", "graph-counts"), env=cli_env(neo4j_settings),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    last = json.loads(proc.stdout.strip().splitlines()[-1])
    assert last == {"nodes": {"Document": 2}, "relationships": {}}
