"""Ids should come from the data, not from how the work was cut: group size, worker count.

Workers keep the input order, so 2 workers and 1 give the same graph. Group sizes do not yet:
an existing entity keeps its id when new reports join it (so partners' IRIs and watchlists do
not churn), and which member is "existing" depends on where the group boundaries fall. A rule
of the members alone fixes the group sizes but renames existing entities when a more complete
name arrives (tried; it re-alerted every watchlist), so the group-size test is a strict xfail
until entities carry a global first-seen order (issue 9, open).
"""

from __future__ import annotations

import subprocess

import neo4j
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
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


@pytest.mark.xfail(strict=True, reason="ids depend on group boundaries until entities carry a first-seen order")
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(group_size=st.sampled_from([25, 50]))
def test_graph_ids_same_for_every_group_size(neo4j_driver: neo4j.Driver,
                                             reference: tuple[set[tuple[str, str]], set[str]],
                                             group_size: int) -> None:
    assert write(neo4j_driver, EXTRACTIONS, group_size) == reference[0]


def test_graph_ids_same_with_two_workers(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    """The real extractor through the CLI: 1 worker vs 2 workers, the same groups."""
    runs = []
    for extra in (["--batch-size", "25"], ["--workers", "2", "--batch-size", "25"]):
        run(clean_graph, "graph-clear")
        proc = subprocess.run(cli("ingest", str(SAMPLE_CORPUS), "--quiet", *extra), env=cli_env(neo4j_settings),
                              capture_output=True, text=True, timeout=600, check=False)
        assert proc.returncode == 0, proc.stderr
        runs.append(keys(clean_graph))
    assert runs[0] == runs[1]
    assert len(runs[0]) > 300
