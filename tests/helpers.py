"""Helpers the tests share: plain functions and constants (fixtures live in conftest.py).

Each block below serves one package's tests; a test file imports what it needs from here,
never from ``tests.conftest``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import neo4j
from fastapi.testclient import TestClient
from pydantic import SecretStr

from api.app import create_app
from enforcegraph.settings import Settings
from ingest.graph_writer import GraphWriter
from queries import run
from tests.sample_graph import sample_extractions

#: The repository's root folder.
ROOT = Path(__file__).resolve().parent.parent

# -- the command line ------------------------------------------------------------------------------

def cli_env(settings: Settings, **overrides: str) -> dict[str, str]:
    """Environment for running the ``enforcegraph`` CLI as a user would, against ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENFORCEGRAPH_", "NEO4J_"))}
    env.update({
        "ENFORCEGRAPH_ENVIRONMENT": "test",
        "ENFORCEGRAPH_NEO4J_HOME": str(settings.neo4j_home),
        "ENFORCEGRAPH_NEO4J_JAR_CACHE": str(settings.neo4j_jar_cache),
        "ENFORCEGRAPH_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
        "ENFORCEGRAPH_NEO4J_HEAP": settings.neo4j_heap,
        "ENFORCEGRAPH_NEO4J_PAGECACHE": settings.neo4j_pagecache,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
    })
    env.update(overrides)
    return env


def cli(*args: str) -> list[str]:
    """The argv that runs the installed CLI with this interpreter."""
    return [sys.executable, "-m", "enforcegraph.cli", *args]


# -- the API (tests/api): the sample corpus graph and a started app over it -----------------------

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


def get(client: TestClient, url: str, **params: Any) -> Any:
    resp = client.get(url, params=params, headers=READ)
    assert resp.status_code == 200, (url, params, resp.text)
    return resp.json()


def entity_id(client: TestClient, name: str, type_: str | None = None) -> str:
    items = get(client, "/entities", q=name, **({"type": type_} if type_ else {}))["items"]
    match = [i for i in items if i["name"] == name]
    assert match, f"{name!r} not found: {[i['name'] for i in items]}"
    return str(match[0]["id"])


def all_pages(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(200):
        body = get(client, url, **params, **({"cursor": cursor} if cursor else {}))
        items += body["items"]
        cursor = body["next"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


# -- the signature question -------------------------------------------------------------------
