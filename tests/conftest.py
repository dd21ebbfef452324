"""Shared fixtures. Tests that need Neo4j get a real server, isolated per test run.

The session starts its own Neo4j Community server (the same code path as
``enforcegraph neo4j start``) in a fresh folder on a free port, and stops it at the end, so
a developer's local graph is never touched and two runs never share data.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import neo4j
import pytest
from fastapi.testclient import TestClient

from enforcegraph import localneo4j
from enforcegraph.db import open_driver
from enforcegraph.localneo4j import free_port
from enforcegraph.settings import Settings
from queries import schema
from tests.helpers import cli, cli_env, started, write_sample  # noqa: F401 - cli, cli_env: older imports

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE_CORPUS = ROOT / "corpus" / "sample"
TEST_PASSWORD = "test-run-password"


def local_settings(home: Path, port: int, **extra: object) -> Settings:
    """Settings for a project-local server in ``home`` (jars shared with the main cache)."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        neo4j_uri=None,
        neo4j_password=TEST_PASSWORD,
        neo4j_home=home,
        neo4j_jar_cache=ROOT / "var" / "neo4j-jars",
        neo4j_bolt_port=port,
        neo4j_heap="768m",
        neo4j_pagecache="128m",
        **extra,
    )


@contextmanager
def local_server(name: str, conf: dict[str, str] | None = None) -> Iterator[Settings]:
    """A Neo4j server of our own in a fresh folder on a free port, stopped and removed after;
    ``conf``: more ``neo4j.conf`` settings for it (e.g. a small transaction memory pool)."""
    home = ROOT / "var" / "test-runs" / f"{name}-{os.getpid()}"
    shutil.rmtree(home, ignore_errors=True)
    settings = local_settings(home, free_port())
    localneo4j.start(settings, extra_conf=conf)
    try:
        yield settings
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings of this run's own Neo4j server, started for the session and stopped after it."""
    with local_server("neo4j") as settings:
        yield settings


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    """A verified driver to this run's server, with the schema applied."""
    driver = open_driver(neo4j_settings)
    schema.apply(driver, database=neo4j_settings.neo4j_database)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_graph(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> neo4j.Driver:
    """The driver, on an empty graph (schema kept)."""
    from queries import run

    run(neo4j_driver, "graph-clear", database=neo4j_settings.neo4j_database)
    return neo4j_driver


# -- the API (tests/api) ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    """The app started over the sample corpus graph, once per test module (a module may override it)."""
    write_sample(neo4j_driver, neo4j_settings.neo4j_database)
    with started(neo4j_settings) as c:
        yield c


# -- extraction ------------------------------------------------------------------------------------
if TYPE_CHECKING:
    from ingest.extract.pipeline import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The session's one extractor (loading spaCy takes seconds): ``tests.helpers.shared_extractor``."""
    from tests.helpers import shared_extractor

    return shared_extractor()
