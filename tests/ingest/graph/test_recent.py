"""The newest events the writer keeps on each entity equal their full recompute, whatever the change.

The merge rule is checked alone (order, when the change alone cannot tell), then on a live graph with
small windows (5 pairs, 2 documents, so that hubs' lists are cut): after groups of new events, a join of two
firms (their documents re-derived), a retracted document holding a hub's newest events, and a
document rewritten with older dates, every entity's kept lists are what recomputing them from all its
events and reports gives, and only entities without lists, or whose newest entries went, were recomputed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import neo4j
import pytest

from ingest.graph import recent
from ingest.graph.writer import GraphWriter
from queries import run
from tests.helpers import raid_articles

pytestmark = pytest.mark.neo4j

NOW = dt.datetime(2026, 12, 6, 4, tzinfo=dt.UTC)
KEEP = 5
KEEP_SOURCES = 2


def test_recent_merge_keeps_the_profile_order() -> None:
    kept = [("2024-05-02", "e2", "AGENT"), ("2024-05", "e1", "TARGET"), ("", "e0", "AGENT")]
    fresh = [("2024-05-02", "e1", "TARGET"), ("", "e3", "AGENT"), ("2024-05-02", "e1", "AGENT")]
    out = recent.merged(kept, {"e1", "e3"}, fresh, 10)
    # date newest first ("2024-05-02" before "2024-05"), undated last, then event id, then role
    assert out == [("2024-05-02", "e1", "AGENT"), ("2024-05-02", "e1", "TARGET"), ("2024-05-02", "e2", "AGENT"),
                   ("", "e0", "AGENT"), ("", "e3", "AGENT")]
    assert recent.merged(None, set(), fresh, keep=10) is None  # no list yet: recompute


def test_recent_merge_of_a_cut_list_is_used_only_when_exact() -> None:
    kept = [(f"2024-01-0{d}", f"e{d}", "AGENT") for d in (9, 8, 7)]  # the newest 3 of more pairs
    newer = [("2024-02-01", "n1", "AGENT")]
    assert recent.merged(kept, {"n1"}, newer, keep=3) == [newer[0], kept[0], kept[1]]
    # the newest event went and nothing newer came: the 4th pair, never kept, is unknown
    assert recent.merged(kept, {"e9"}, [], keep=3) is None
    # an event moved to a date older than the cut: the pair after the cut is unknown too
    assert recent.merged(kept, {"e8"}, [("2023-01-01", "e8", "AGENT")], keep=3) is None
    # one left and a newer one came in its place: exact again
    assert recent.merged(kept, {"e9", "n1"}, newer, keep=3) == [newer[0], kept[1], kept[2]]
    assert recent.merged(kept * 2, set(), [], keep=3) is None  # a longer list than the window: recompute


LISTS = ("recentEvents", "recentRoles", "recentDates", "recentSources", "recentSourceDates")


def _lists(driver: neo4j.Driver) -> dict[str, tuple[Any, ...]]:
    return {r["key"]: tuple(r["props"].get(k) for k in LISTS)
            for r in run(driver, "graph-snapshot") if r["kind"] == "node" and "Entity" in r["labels"]}


def _assert_equal_to_recompute(driver: neo4j.Driver) -> dict[str, tuple[Any, ...]]:
    kept = _lists(driver)
    assert kept and all(None not in v for v in kept.values())
    run(driver, "graph-write-recent-recompute", ids=sorted(kept), keep=KEEP, keepSources=KEEP_SOURCES)
    assert _lists(driver) == kept
    return kept


def _days(first: dt.date, count: int) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range(count)]


def test_recent_kept_lists_equal_full_recompute_after_writes_join_and_retraction(
        clean_graph: neo4j.Driver, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recent, "KEEP", KEEP)
    monkeypatch.setattr(recent, "KEEP_SOURCES", KEEP_SOURCES)
    recomputed: list[int] = []
    refresh = recent.refresh

    def counted(tx: neo4j.ManagedTransaction, ids: list[str], doc_ids: list[str], keep: int | None = None) -> int:
        recomputed.append(refresh(tx, ids, doc_ids, keep))
        return recomputed[-1]

    monkeypatch.setattr(recent, "refresh", counted)
    writer = GraphWriter(clean_graph, group_size=2)
    trading = raid_articles("nw-a", "Northwind Trading", _days(dt.date(2024, 1, 1), 24), per_doc=3)
    group = raid_articles("nw-b", "Northwind Group", _days(dt.date(2024, 3, 1), 12), per_doc=3)
    writer.write([*trading, *group], now=NOW)
    kept = _assert_equal_to_recompute(clean_graph)
    assert len(kept) == 3 and all(len(v[0]) == KEEP and len(v[3]) == KEEP_SOURCES for v in kept.values())  # cut
    assert sum(recomputed) == 3  # each entity once, when it had no list; newer events merged in after
    ministry = next(k for k, v in kept.items() if v[1][0] == "AGENT")

    report = writer.write(raid_articles("nw-c", "Northwind Group", [dt.date(2024, 4, 1)],
                                        aliases=["Northwind Trading"]), now=NOW)
    assert report.rederived  # the two firms joined: the documents of the one that lost re-derived
    kept = _assert_equal_to_recompute(clean_graph)
    assert len(kept) == 2 and kept[ministry][2][0] == "2024-04-01"

    before = sum(recomputed)
    writer.remove(["nw-c-0000", "nw-b-0003"])  # the newest raids: nothing newer comes in their place
    kept = _assert_equal_to_recompute(clean_graph)
    assert kept[ministry][2][0] == "2024-03-09" and sum(recomputed) > before
    assert kept[ministry][3] == ["nw-b-0002", "nw-b-0001"]  # the newest documents left

    older = raid_articles("nw-b", "Northwind Group", _days(dt.date(2023, 6, 1), 3), per_doc=3)[0]
    writer.write([older.model_copy(update={"document": older.document.model_copy(update={"id": "nw-b-0002"})})],
                 now=NOW)  # the newest remaining raids rewritten as older ones
    kept = _assert_equal_to_recompute(clean_graph)
    assert kept[ministry][2][0] == "2024-03-06" and kept[ministry][3] == ["nw-b-0001", "nw-b-0000"]
