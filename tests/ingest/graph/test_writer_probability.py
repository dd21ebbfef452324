"""Argument probabilities in the graph: the highest of the documents that still judge an argument,
kept across rewrites, retractions and graphs written before probabilities were kept.

Hand-made extractions (our own sentences) with the probabilities the learned attacher would give.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import neo4j
import pytest

from enforcegraph.settings import Settings
from ingest.graph.rows import plan
from ingest.graph.writer import GraphWriter
from queries import run
from tests.helpers import questioning as report

pytestmark = pytest.mark.neo4j
NOW = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
@pytest.fixture
def graph(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> Iterator[tuple[neo4j.Driver, str]]:
    yield clean_graph, neo4j_settings.neo4j_database


def arguments(driver: neo4j.Driver, db: str) -> dict[str, dict[str, Any]]:
    """Role (AGENT, TARGET, LOCATION) -> the properties of the event's one relationship of that type."""
    rels = [r for r in run(driver, "graph-snapshot", database=db)
            if r["kind"] == "relationship" and r["labels"][0] in {"AGENT", "TARGET", "LOCATION"}]
    out = {r["labels"][0]: r["props"] for r in rels}
    assert len(out) == len(rels), "one event expected"
    return out


def test_writer_probability_is_the_highest_of_the_documents_that_still_judge_it(
        graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    writer = GraphWriter(driver, database=db)
    writer.write([report("a", {"agents": {"Shanghai police": 0.6}, "targets": {"Halvorsen Analytics": 0.9}}),
                  report("b", {"agents": {"Shanghai police": 0.8}})], now=NOW)
    args = arguments(driver, db)
    assert args["AGENT"]["probability"] == 0.8 and sorted(args["AGENT"]["sources"]) == ["a", "b"]
    assert dict(zip(args["AGENT"]["probabilitySources"], args["AGENT"]["probabilities"], strict=True)) == {
        "a": 0.6, "b": 0.8}
    assert args["TARGET"]["probability"] == 0.9 and args["TARGET"]["probabilitySources"] == ["a"]
    assert "probability" not in args["LOCATION"]  # the attacher never judges a place: absent, not 0 or 1

    writer.write([report("b", {"agents": {"Shanghai police": 0.3}})], now=NOW)  # b rewritten, less sure
    assert arguments(driver, db)["AGENT"]["probability"] == 0.6
    writer.write([report("a", {})], now=NOW)  # a rewritten by the rules alone: only b still judges it
    args = arguments(driver, db)
    assert args["AGENT"]["probability"] == 0.3 and args["AGENT"]["probabilitySources"] == ["b"]
    assert "probability" not in args["TARGET"] and sorted(args["TARGET"]["sources"]) == ["a", "b"]

    writer.remove(["b"])  # retracted: the argument stays (a states it) with no probability
    args = arguments(driver, db)
    assert args["AGENT"]["sources"] == ["a"]
    assert not {"probability", "probabilitySources", "probabilities"} & set(args["AGENT"])


def test_writer_probability_of_an_argument_written_before_probabilities_were_kept(
        graph: tuple[neo4j.Driver, str]) -> None:
    driver, db = graph
    writer = GraphWriter(driver, database=db)
    writer.write([report("old", {"agents": {"Shanghai police": 0.7}})], now=NOW)
    # the graph of an older release: arguments carry their sources only
    driver.execute_query("MATCH ()-[a:AGENT|TARGET]->() REMOVE a.probability, a.probabilitySources, a.probabilities",
                         database_=db)
    assert "probability" not in arguments(driver, db)["AGENT"]
    writer.write([report("new", {"agents": {"Shanghai police": 0.4}})], now=NOW)
    args = arguments(driver, db)
    assert args["AGENT"]["probability"] == 0.4 and sorted(args["AGENT"]["sources"]) == ["new", "old"]
    writer.remove(["new"])
    args = arguments(driver, db)
    assert args["AGENT"]["sources"] == ["old"] and "probability" not in args["AGENT"]
    writer.write([report("old", {"agents": {"Shanghai police": 0.7}})], now=NOW)  # re-extracted: judged again
    assert arguments(driver, db)["AGENT"]["probability"] == 0.7


def test_writer_probability_rows_take_the_higher_of_two_mentions() -> None:
    one = report("x", {"agents": {"Shanghai police": 0.2}})
    twice = one.model_copy(update={"events": [*one.events, one.events[0].model_copy(
        update={"argument_probabilities": {"agents": {"Shanghai police": 0.65}}})]})
    rows = plan(twice, ingested_at=NOW)
    agent = [r for r in rows.arguments if r["type"] == "AGENT"]
    assert [r["probability"] for r in agent] == [0.65]
    assert [r["probability"] for r in rows.arguments if r["type"] == "LOCATION"] == [None]


def test_writer_probability_rejects_a_probability_of_no_argument() -> None:
    with pytest.raises(ValueError, match="'Nobody' is not one of the event's agents"):
        report("x", {"agents": {"Nobody": 0.5}})
    with pytest.raises(ValueError, match="'laws' is not one of agents, targets"):
        report("x", {"laws": {"Shanghai police": 0.5}})
