"""Events of an anchor by either strategy (api.services.anchored): walking the date index and
expanding from the anchor give the same pages, with every filter, the keyset cursor and the
undated tail, on the sample graph; the walk is used for hubs only.

The walk is forced with budgets from "every dated event" down to 1 (a budget that ends inside a
date, where only whole dates may be kept), and a walk that cannot tell the page exactly must say
so (None) rather than answer: every answer it does give is compared with the expansion's.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.deps import Graph
from api.services import anchored, profiles
from enforcegraph.settings import Settings
from tests.helpers import all_pages
from tests.sample_graph import SAMPLE_CORPUS

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

FILTERS: list[dict[str, Any]] = [
    {},
    {"from": "2023"}, {"from": "2022-03-15", "to": "2024"},
    {"type": "Raid"}, {"country": "CN"}, {"foreign": True}, {"minSources": 2, "minConfidence": 0.5},
]
BASE: dict[str, Any] = {"from": None, "to": None, "type": None, "country": None, "foreign": None,
                        "minSources": 1, "minConfidence": 0.0, "minArgumentProbability": None, "keepUnscored": True}


@pytest.fixture(scope="module")
def graph(client: TestClient, neo4j_settings: Settings) -> Graph:
    return Graph(client.app.state.driver, neo4j_settings.neo4j_database)  # type: ignore[attr-defined]


def _busiest(graph: Graph, rel: str, n: int) -> list[str]:
    rows = graph.read("bench-busiest-entities", limit=500)
    out = []
    for r in rows:
        size = graph.read("api-events-anchor-degree", agent=r["id"] if rel == "agent" else None,
                          target=r["id"] if rel == "target" else None, law=r["id"] if rel == "law" else None)[0]
        if size[rel]:
            out.append(r["id"])
    return out[:n]


def _questions(graph: Graph) -> list[dict[str, Any]]:
    agents, targets, laws = (_busiest(graph, rel, 2) for rel in ("agent", "target", "law"))
    assert agents and targets and laws
    anchors: list[dict[str, str | None]] = [{"agent": a, "target": None, "law": None} for a in agents]
    anchors += [{"agent": None, "target": t, "law": None} for t in targets]
    anchors += [{"agent": None, "target": None, "law": w} for w in laws]
    anchors.append({"agent": agents[0], "target": None, "law": laws[0]})
    profile = profiles.profile_rows(graph, targets[0], timeline_limit=1, linked_limit=1)
    name = profile[0]["entity"]["name"]
    anchors.append({"agent": None, "target": name, "law": None})  # an exact name, not an id
    return [{**anchor, **BASE, **f} for anchor, f in itertools.product(anchors, FILTERS)]


def _pages(graph: Graph, q: dict[str, Any], limit: int, budget: int | None) -> tuple[list[list[Any]], int]:
    """Every page of ``q`` (limit ``limit``): by the walk when it can tell (``budget``), else by expansion;
    and how many pages the walk answered."""
    anchors = {k: q[k] for k in ("agent", "target", "law")}
    dates = {"from": q["from"], "to": q["to"]}
    filters = {k: q[k] for k in ("type", "country", "foreign", "minSources", "minConfidence",
                                  "minArgumentProbability", "keepUnscored")}
    pages, walked, after = [], 0, None
    for _ in range(100):
        args = {**anchors, **dates, **filters, "afterDate": after[0] if after else None,
                "afterId": after[1] if after else "", "limit": limit}
        rows = None
        if budget is not None and (after is None or after[0] != ""):
            rows = anchored.walk(graph, args, dates, after, budget)
            walked += rows is not None
        if rows is None:
            rows = graph.read("api-events-anchored", **args)
        pages.append([(r["id"], r["date"]) for r in rows])
        if len(rows) < limit:
            break
        after = [rows[-1]["date"], rows[-1]["id"]]
    return pages, walked


def test_anchored_walk_and_expansion_give_the_same_pages(graph: Graph) -> None:
    dated = graph.read("api-events-anchor-degree", agent=None, target=None, law=None)[0]["events"]
    walked = total = 0
    for q in _questions(graph):
        for limit in (2, 50):
            expected, _ = _pages(graph, q, limit, None)
            for budget in (dated, 5, 1):
                got, n = _pages(graph, q, limit, budget)
                assert got == expected, (q, limit, budget)
                walked += n
                total += len(got)
    assert walked > total // 10, (walked, total)  # the walk answered a good share of the pages itself


def test_anchored_walk_is_for_hubs_only() -> None:
    assert anchored.walk_budget(35_000, 1_000_000, 51) == 4_372  # a hub: ~4,400 read instead of 35,000
    assert anchored.walk_budget(5_000, 1_000_000, 51) is None  # cheaper from the anchor
    assert anchored.walk_budget(0, 1_000_000, 51) is None
    assert anchored.walk_budget(900_000, 1_000_000, 51) == 170  # 3 x 51 x 1M / 900k, rounded up
    assert anchored.walk_budget(40, 40, 51) is None


def test_anchored_http_pages_the_same_when_every_question_walks(client: TestClient, graph: Graph,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    agent = _busiest(graph, "agent", 1)[0]
    law = _busiest(graph, "law", 1)[0]
    questions = [{"agent": agent}, {"law": law}, {"agent": agent, "from": "2022"}, {"law": law, "type": "Raid"}]
    expected = [all_pages(client, "/events", limit=2, **q) for q in questions]
    walks: list[bool] = []
    real = anchored.walk

    def spy(*args: Any) -> Any:
        rows = real(*args)
        walks.append(rows is not None)
        return rows

    monkeypatch.setattr(anchored, "walk_budget", lambda degree, events, want: events)
    monkeypatch.setattr(anchored, "walk", spy)
    assert [all_pages(client, "/events", limit=2, **q) for q in questions] == expected
    assert any(walks) and not all(walks), walks  # the walk answered pages, and handed others on
