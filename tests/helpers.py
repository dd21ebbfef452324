"""Helpers shared by tests of several packages (each engineer's block kept apart)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from fastapi.testclient import TestClient

from enforcegraph.settings import Settings
from tests.api_sample import started, write_sample

# -- ontology / queries / enforcegraph -----------------------------------------------------------


@contextmanager
def sample_api(driver: neo4j.Driver, settings: Settings) -> Iterator[TestClient]:
    """The API over a graph holding the sample corpus (written first)."""
    write_sample(driver, settings.neo4j_database)
    with started(settings) as client:
        yield client
