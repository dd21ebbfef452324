"""A profile read from the newest events the writer keeps answers exactly as one read from all events.

On the sample graph plus a ministry and a firm with more events than the kept window (500 pairs), after
more writes, a join of two firms and retracted documents: every entity's profile (timeline of 50 and
of 500, linked entities, count) is the same from the kept list as from a scan of all its events.
"""

from __future__ import annotations

import datetime as dt

import neo4j
import pytest

from api.deps import Graph
from api.services import profiles
from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from tests.helpers import raid_articles, write_sample

pytestmark = pytest.mark.neo4j

NOW = dt.datetime(2026, 12, 6, 4, tzinfo=dt.UTC)


def _days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range(count)]


def _assert_kept_answers_as_scan(driver: neo4j.Driver, db: str) -> int:
    graph = Graph(driver, db)
    ids = [r["id"] for r in driver.execute_query("MATCH (x:Entity) RETURN x.id AS id", database_=db).records]
    assert len(ids) > 100
    for id in ids:
        for limit in (50, 500):
            kept = profiles.profile(graph, id, timeline_limit=limit)
            assert kept == profiles.profile(graph, id, timeline_limit=limit, scan=True), (id, limit)
    return max(profiles.profile(graph, id, timeline_limit=1).event_count for id in ids)


def test_profiles_kept_newest_events_answer_as_the_scan(clean_graph: neo4j.Driver,
                                                        neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    write_sample(clean_graph, db)
    writer = GraphWriter(clean_graph, database=db, group_size=10)
    writer.write([*raid_articles("nw-a", "Northwind Trading", _days(dt.date(2022, 1, 1), 540)),
                  *raid_articles("nw-b", "Northwind Group", _days(dt.date(2023, 7, 1), 60))], now=NOW)
    busiest = _assert_kept_answers_as_scan(clean_graph, db)
    assert busiest >= 600  # the ministry: past the window
    report = writer.write(raid_articles("nw-c", "Northwind Group", [dt.date(2023, 9, 15)],
                                        aliases=["Northwind Trading"]), now=NOW)
    assert report.rederived  # the firms joined
    assert _assert_kept_answers_as_scan(clean_graph, db) == busiest + 1
    writer.remove(["nw-b-0000", "nw-b-0001", "nw-c-0000"])  # the newest events of both hubs
    assert _assert_kept_answers_as_scan(clean_graph, db) == busiest + 1 - 61
