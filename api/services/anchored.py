"""``GET /events`` with an agent, target or law: from the anchor, or for a hub by the date index.

Why two strategies: the newest 50 events of an entity with a few dozen events are found by
expanding its relationships and sorting them (``api-events-anchored``), but a hub (an agency or a
law with 35,000 events at 1M) would have every one of its events read for its date to keep 50.
For a hub it is cheaper to walk the date index newest first and check each event against the
anchor (``api-events-walk``): a hub that holds 3.5 % of the graph's events fills a page of 50
after ~1,500 of them. The choice is made from the anchor's degree and the graph's event count
(``api-events-anchor-degree``, both O(1)): walk when the events the walk expects to read, times
a margin, are fewer than the anchor's own.

The walk reads a bounded number of events and is exact within whole dates (see its query), so
its page is used only when it is known to be the same page the expansion gives: full, or
complete because every dated event in range was read and a date bound leaves undated events
out. Otherwise (a hub whose events are old, a selective filter, the undated tail) the expansion
answers, so answers never depend on the strategy; the walk's cost is then wasted, but it is
bounded by the anchor's degree.
"""

from __future__ import annotations

from typing import Any

from api.deps import Graph
from api.services import revisions

#: The walk reads this many times the events it expects to need to fill the page.
MARGIN = 3


def walk_budget(degree: int, events: int, want: int) -> int | None:
    """How many events a walk of the date index may read for ``want`` rows of an anchor with
    ``degree`` of the graph's ``events``; None when expanding from the anchor is cheaper."""
    if degree <= 0 or events <= 0:
        return None
    budget = max(want, -(-MARGIN * want * events // degree))  # ceiling
    return budget if budget < degree else None


def _index_bounds(dates: dict[str, str | None], after: list[Any] | None) -> tuple[str, str]:
    """The date index range holding every dated event the filters and the cursor may keep."""
    frm, until = dates["from"], dates["to"]
    upper = min(after[0] if after else "9999-99-99", revisions.latest(until) if until else "9999-99-99")
    return (frm[:4] if frm else ""), upper


def walk(graph: Graph, args: dict[str, Any], dates: dict[str, str | None], after: list[Any] | None,
         budget: int) -> list[dict[str, Any]] | None:
    """The page by a walk of at most ``budget`` events, or None when the walk cannot tell it exactly."""
    lower, upper = _index_bounds(dates, after)
    rows = graph.read("api-events-walk", **args, lower=lower, upper=upper, budget=budget)
    complete = bool(rows) and rows[0]["floor"] is None and bool(dates["from"] or dates["to"])
    if len(rows) == args["limit"] or complete:
        return [{"id": r["id"], "date": r["date"]} for r in rows]
    return None


def events(graph: Graph, anchors: dict[str, str | None], dates: dict[str, str | None],
           filters: dict[str, Any], after: list[Any] | None, want: int) -> list[dict[str, Any]]:
    """The first ``want`` rows (id, date) of the anchored question, newest first then by id."""
    args = {**anchors, **dates, **filters, "afterDate": after[0] if after else None,
            "afterId": after[1] if after else "", "limit": want}
    if after is None or after[0] != "":  # a page of undated events comes from the anchor
        size = graph.read("api-events-anchor-degree", **anchors)[0]
        degree = min(size[k] for k, v in anchors.items() if v is not None)
        budget = walk_budget(degree, size["events"], want)
        if budget is not None and (rows := walk(graph, args, dates, after, budget)) is not None:
            return rows
    return graph.read("api-events-anchored", **args)
