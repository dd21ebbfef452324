"""Shared by the API tests on the live Neo4j: the sample corpus graph and a started app over it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from queries import run
from tests.sample_graph import sample_extractions

READ = {"X-API-Key": "api-test-read"}
WRITE = {"X-API-Key": "api-test-write"}


def api_settings(neo4j_settings: Settings) -> Settings:
    return neo4j_settings.model_copy(update={"read_keys": [SecretStr(READ["X-API-Key"])],
                                             "write_keys": [SecretStr(WRITE["X-API-Key"])]})


def write_sample(driver: neo4j.Driver, database: str) -> None:
    run(driver, "graph-clear", database=database)
    report = GraphWriter(driver, database=database).write(sample_extractions())
    assert report.failed == [], report.failed


def counts(driver: neo4j.Driver, database: str) -> dict[str, int]:
    return {f"{r['kind']}:{r['name']}": r["count"] for r in run(driver, "graph-counts", database=database)}


@contextmanager
def started(neo4j_settings: Settings) -> Iterator[TestClient]:
    """The app over this run's Neo4j, started through its lifespan (driver open)."""
    with TestClient(create_app(api_settings(neo4j_settings)), raise_server_exceptions=False) as client:
        yield client
