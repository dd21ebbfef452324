"""The bounded path search answers exactly as ``allShortestPaths`` where nothing is cut, and cuts by its rule.

On the sample graph (no hub) every pair of a sample of entities gets the same paths, in the same
order, from the search as from the unbounded reference, for every hop limit. With a ministry of
600 raids (a hub past the 500 newest events the writer keeps), a firm linked to another only
through one of the ministry's old raids is not reached through it, while a link through a new raid
is; a step over the row bound ends the search.
"""

from __future__ import annotations

import datetime as dt
import itertools

import neo4j
import pytest

from api.deps import Graph
from api.services import networks, pathfinder
from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from tests.helpers import raid_articles, write_sample

pytestmark = pytest.mark.neo4j

NOW = dt.datetime(2026, 12, 6, 4, tzinfo=dt.UTC)


def _ids(driver: neo4j.Driver, db: str, name: str | None = None) -> list[str]:
    rows = driver.execute_query("MATCH (x:Entity) WHERE $name IS NULL OR x.name = $name "
                                "AND EXISTS { (x)<-[:AGENT|TARGET|UNDER_LAW]-() } RETURN x.id AS id ORDER BY id",
                                name=name, database_=db).records
    return [r["id"] for r in rows]


def test_pathfinder_answers_as_all_shortest_paths_on_the_sample_graph(clean_graph: neo4j.Driver,
                                                                      neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    write_sample(clean_graph, db)
    graph = Graph(clean_graph, db)
    linked = [r["id"] for r in clean_graph.execute_query(
        "MATCH (x:Entity) WHERE EXISTS { (x)<-[:AGENT|TARGET|UNDER_LAW]-() } RETURN x.id AS id ORDER BY id",
        database_=db).records]
    sample = linked[::max(1, len(linked) // 24)]
    lengths: list[int] = []
    for a, b in itertools.combinations(sample, 2):
        for hops in (1, 2, 3, 4):
            reference = networks.shortest_paths(graph, a, b, hops, reference=True)
            assert networks.shortest_paths(graph, a, b, hops) == reference, (a, b, hops)
            lengths += [len(p["edges"]) // 2 for p in reference]
    assert len(lengths) > 100 and {1, 2, 3} <= set(lengths)  # many paths, of every length up to 3


def test_pathfinder_walks_a_hub_through_its_newest_events_only(clean_graph: neo4j.Driver,
                                                              neo4j_settings: Settings,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db = neo4j_settings.neo4j_database
    days = [dt.date(2022, 1, 1) + dt.timedelta(days=n) for n in range(600)]
    writer = GraphWriter(clean_graph, database=db, group_size=10)
    writer.write([*raid_articles("hub", "Harbour Logistics", days[1:-1]),
                  *raid_articles("old", "Osprey Freight", days[:1]),  # the ministry's oldest raid
                  *raid_articles("new", "Nimbus Shipping", days[-1:])], now=NOW)  # its newest
    graph = Graph(clean_graph, db)
    [osprey], [nimbus], [harbour] = (_ids(clean_graph, db, n) for n in
                                     ("Osprey Freight", "Nimbus Shipping", "Harbour Logistics"))
    # the ministry links all three in the graph
    assert networks.shortest_paths(graph, osprey, harbour, 2, reference=True)
    found = networks.shortest_paths(graph, nimbus, harbour, 2)
    assert len(found) == pathfinder.PATH_CAP  # 598 shortest paths: nimbus - newest raid - ministry - raid - harbour
    assert all([n["id"] for n in p["nodes"]][::2] == [nimbus, found[0]["nodes"][2]["id"], harbour] for p in found)
    assert found[0]["nodes"][2]["name"] == "Ministry of State Security"
    assert min(p["nodes"][3]["date"] for p in found) >= days[100].isoformat()  # among its newest 500 raids
    assert networks.shortest_paths(graph, osprey, harbour, 4) == []  # only through an old raid of the hub
    monkeypatch.setattr(pathfinder, "STEP_ROWS", 3)
    assert networks.shortest_paths(graph, nimbus, harbour, 2) == []  # a step past the bound ends the search
