"""An entity's neighbourhood under the argument filter (live Neo4j, the hand-built graph of
tests/api/test_argument_probability.py): `min_argument_probability` and `unscored_arguments` on
/entities/{id}/network draw exactly the nodes and links they should - an agent or target link below the
bound is not drawn nor walked, an event is followed from an entity only where its own role passes,
locations and laws are never filtered - and the OpenAPI document describes both."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from tests.api.test_argument_probability import HALVORSEN, KVIST, POLICE, REPORTS
from tests.helpers import entity_id, get, started

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def client(neo4j_driver: neo4j.Driver, neo4j_settings: Settings) -> Iterator[TestClient]:
    from queries import run

    db = neo4j_settings.neo4j_database
    run(neo4j_driver, "graph-clear", database=db)
    assert GraphWriter(neo4j_driver, database=db).write(REPORTS).failed == []
    with started(neo4j_settings) as c:
        yield c


def drawn(client: TestClient, name: str, **params: Any) -> tuple[set[str], set[tuple[str, str, str]]]:
    """The network of ``name``: its nodes (entities by name, events by type) and its links
    (event type, relationship, entity name)."""
    body = get(client, f"/entities/{entity_id(client, name)}/network", **params)
    label = {n["id"]: n["type"] if n["kind"] == "event" else n["label"] for n in body["nodes"]}
    return set(label.values()), {(label[e["source"]], e["type"], label[e["target"]]) for e in body["edges"]}


RAID = {("Raid", "AGENT", POLICE), ("Raid", "TARGET", HALVORSEN), ("Raid", "TARGET", KVIST),
        ("Raid", "LOCATION", "Oslo")}
FINE = {("Fine", "AGENT", POLICE), ("Fine", "TARGET", KVIST), ("Fine", "LOCATION", "Oslo")}
QUESTIONING = {("Questioning", "AGENT", POLICE), ("Questioning", "TARGET", HALVORSEN),
               ("Questioning", "LOCATION", "Oslo")}


def test_networks_unfiltered_draws_every_argument(client: TestClient) -> None:
    assert drawn(client, KVIST) == ({KVIST, "Raid", "Fine", POLICE, HALVORSEN, "Oslo"}, RAID | FINE)
    assert drawn(client, POLICE) == ({POLICE, "Raid", "Fine", "Questioning", HALVORSEN, KVIST, "Oslo"},
                                     RAID | FINE | QUESTIONING)


def test_networks_bound_follows_only_the_entity_roles_that_pass(client: TestClient) -> None:
    # Kvist is the raid's target at 0.3 only: the raid is not followed; the fine's police (0.4) is not drawn
    assert drawn(client, KVIST, min_argument_probability=0.5) == (
        {KVIST, "Fine", "Oslo"}, {("Fine", "TARGET", KVIST), ("Fine", "LOCATION", "Oslo")})
    # the police pass in the raid (0.9) and, unjudged, in the questioning; not in the fine (0.4)
    assert drawn(client, POLICE, min_argument_probability=0.7) == (
        {POLICE, "Raid", "Questioning", HALVORSEN, "Oslo"}, (RAID - {("Raid", "TARGET", KVIST)}) | QUESTIONING)
    assert drawn(client, POLICE, min_argument_probability=0.7, unscored_arguments="drop") == (
        {POLICE, "Raid", HALVORSEN, "Oslo"}, RAID - {("Raid", "TARGET", KVIST)})


def test_networks_drop_alone_leaves_out_only_the_unjudged(client: TestClient) -> None:
    assert drawn(client, POLICE, unscored_arguments="drop") == (
        {POLICE, "Raid", "Fine", HALVORSEN, KVIST, "Oslo"}, RAID | FINE)
    assert drawn(client, HALVORSEN, unscored_arguments="drop") == ({HALVORSEN, "Raid", POLICE, KVIST, "Oslo"}, RAID)


def test_networks_locations_are_never_filtered(client: TestClient) -> None:
    nodes, edges = drawn(client, "Oslo", min_argument_probability=0.7, unscored_arguments="drop")
    assert nodes == {"Oslo", "Raid", "Fine", "Questioning", POLICE, HALVORSEN, KVIST}
    assert edges == {("Raid", "AGENT", POLICE), ("Raid", "TARGET", HALVORSEN), ("Raid", "LOCATION", "Oslo"),
                     ("Fine", "TARGET", KVIST), ("Fine", "LOCATION", "Oslo"), ("Questioning", "LOCATION", "Oslo")}


def test_networks_an_entity_reached_only_below_the_bound_is_not_walked_to(client: TestClient) -> None:
    nodes, _ = drawn(client, HALVORSEN, hops=2)
    assert KVIST in nodes and "Fine" in nodes  # through the raid's target and the police's fine
    nodes, edges = drawn(client, HALVORSEN, hops=2, min_argument_probability=0.7)
    assert nodes == {HALVORSEN, "Raid", "Questioning", POLICE, "Oslo"}
    assert edges == (RAID - {("Raid", "TARGET", KVIST)}) | QUESTIONING


def test_networks_filter_documented_in_the_openapi(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    params = {p["name"]: p for p in doc["paths"]["/entities/{id}/network"]["get"]["parameters"]}
    assert {"min_argument_probability", "unscored_arguments"} <= set(params)
    assert params["unscored_arguments"]["schema"]["enum"] == ["keep", "drop"]
    assert "not drawn" in doc["paths"]["/entities/{id}/network"]["get"]["description"]
