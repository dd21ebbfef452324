"""Ids should come from the data, not from how the work was cut: group size, worker count.

Workers keep the input order, so 2 workers and 1 give the same graph. Group sizes too: an
existing entity keeps its id when new reports join it (so partners' IRIs and watchlists do not
churn), and every document carries its place in the order documents first reached the graph, so
that among new members the one first seen names the entity - wherever the group boundaries fall.
"""

from __future__ import annotations

import subprocess

import neo4j
import pytest

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


#: What a write records of its own history rather than of the data: when it ran, and which
#: rule joined a report in the group it came in (an explanation, not a fact).
HISTORY = frozenset({"ingestedAt", "recordedAt", "merges", "mergeRule"})


def facts(driver: neo4j.Driver) -> dict[tuple[str, str], dict[str, object]]:
    """Every node and relationship by id, with its labels and properties (history left out)."""
    return {(r["kind"], r["key"]): {"labels": r["labels"],
                                    **{k: v for k, v in r["props"].items() if k not in HISTORY}}
            for r in run(driver, "graph-snapshot")}


Facts = dict[tuple[str, str], dict[str, object]]


def write(driver: neo4j.Driver, extractions: list[Extraction], group_size: int) -> Facts:
    run(driver, "graph-clear")
    GraphWriter(driver, group_size=group_size).write(extractions)
    return facts(driver)


@pytest.fixture(scope="module")
def reference(neo4j_driver: neo4j.Driver) -> Facts:
    return write(neo4j_driver, EXTRACTIONS, 1)


@pytest.mark.parametrize("group_size", [25, 50])
def test_graph_ids_same_for_every_group_size(neo4j_driver: neo4j.Driver,
                                             reference: Facts,
                                             group_size: int) -> None:
    """Groups of 25 and 50 give the graph that one document at a time gives: the same ids and
    the same properties (among them entities joined across groups, and law revisions' dates)."""
    graph = write(neo4j_driver, EXTRACTIONS, group_size)
    assert sorted(graph, key=str) == sorted(reference, key=str)
    differ = [k for k in reference if graph[k] != reference[k]]
    assert not differ, differ[:5]
    assert sum(1 for k in reference if k[0] == "node") > 300


def test_graph_ids_existing_entity_keeps_its_id_when_a_fuller_name_arrives(clean_graph: neo4j.Driver) -> None:
    """An entity first named "Capvision" keeps its id when a later document calls it
    "Capvision Partners Shanghai Co" too: partners' IRIs and watchlists do not churn."""
    from ingest.records import Document, ExtractedEntity

    def doc(i: int, name: str, aliases: list[str]) -> Extraction:
        text = f"Document {i} about {name}."
        return Extraction(document=Document(id=f"d{i}", text=text), entities=[
            ExtractedEntity(name=name, type="Company", aliases=aliases, country="CN", confidence=0.9)])

    writer = GraphWriter(clean_graph, group_size=1)
    writer.write([doc(1, "Capvision", [])])
    first = {r["key"] for r in run(clean_graph, "graph-snapshot") if "Entity" in r["labels"]}
    writer.write([doc(2, "Capvision Partners Shanghai", ["Capvision"])])
    after = {r["key"] for r in run(clean_graph, "graph-snapshot") if "Entity" in r["labels"]}
    assert len(first) == 1 and after == first


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
