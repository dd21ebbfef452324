"""Ids come from the data, not from how the work was cut: group size, worker count and order.

Entity ids are the best member id by a rule of the members alone (ingest.resolution), so any
grouping or order of the same documents gives the same entities. Event ids follow the first
report of an event in ingest order, so they are checked across group sizes and workers
(which keep the order), not across permutations.
"""

from __future__ import annotations

import random
import subprocess

import neo4j
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcegraph.settings import Settings
from ingest.graph_writer import GraphWriter
from ingest.records import Extraction
from queries import run
from tests.conftest import ROOT, SAMPLE_CORPUS, cli, cli_env
from tests.sample_graph import sample_extractions

pytestmark = pytest.mark.neo4j

EXTRACTIONS = [*sample_extractions(), *sample_extractions(ROOT / "tests" / "fixtures" / "validation")]


def keys(driver: neo4j.Driver) -> set[tuple[str, str]]:
    return {(r["kind"], r["key"]) for r in run(driver, "graph-snapshot")}


def entity_ids(driver: neo4j.Driver) -> set[str]:
    return {r["key"] for r in run(driver, "graph-snapshot") if r["kind"] == "node" and "Entity" in r["labels"]}


def write(driver: neo4j.Driver, extractions: list[Extraction], group_size: int) -> set[tuple[str, str]]:
    run(driver, "graph-clear")
    GraphWriter(driver, group_size=group_size).write(extractions)
    return keys(driver)


@pytest.fixture(scope="module")
def reference(neo4j_driver: neo4j.Driver) -> tuple[set[tuple[str, str]], set[str]]:
    return write(neo4j_driver, EXTRACTIONS, 1), entity_ids(neo4j_driver)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(group_size=st.sampled_from([2, 3, 7, 25, 50, 200]))
def test_graph_ids_same_for_every_group_size(neo4j_driver: neo4j.Driver,
                                             reference: tuple[set[tuple[str, str]], set[str]],
                                             group_size: int) -> None:
    assert write(neo4j_driver, EXTRACTIONS, group_size) == reference[0]


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**16), group_size=st.sampled_from([1, 5, 50]))
def test_graph_entity_ids_same_in_any_order(neo4j_driver: neo4j.Driver,
                                            reference: tuple[set[tuple[str, str]], set[str]],
                                            seed: int, group_size: int) -> None:
    shuffled = list(EXTRACTIONS)
    random.Random(seed).shuffle(shuffled)
    write(neo4j_driver, shuffled, group_size)
    assert entity_ids(neo4j_driver) == reference[1]
    assert len(reference[1]) > 100


def test_graph_ids_same_with_two_workers_and_group_sizes(clean_graph: neo4j.Driver,
                                                         neo4j_settings: Settings) -> None:
    """The real extractor through the CLI: 1 worker in groups of 25 vs 2 workers in groups of 1."""
    runs = []
    for extra in (["--batch-size", "25"], ["--workers", "2", "--batch-size", "1"]):
        run(clean_graph, "graph-clear")
        proc = subprocess.run(cli("ingest", str(SAMPLE_CORPUS), "--quiet", *extra), env=cli_env(neo4j_settings),
                              capture_output=True, text=True, timeout=600, check=False)
        assert proc.returncode == 0, proc.stderr
        runs.append(keys(clean_graph))
    assert runs[0] == runs[1]
    assert len(runs[0]) > 300
