"""The shortest paths between two entities by a bounded, degree-aware search from both ends.

``allShortestPaths`` over the whole graph (``api-paths-N``) expanded every event of every hub on the
way: a 3-hop question between two firms at 1M events read 360,000-440,000 db hits (a ministry or a
law has 22,000-35,000 events). This search steps from the side with the smaller frontier, one
entity -> event -> entity step per query (``api-path-step``), until the two sides meet or the hop
limit is reached, and keeps every shortest path (then the first :data:`PATH_CAP` by node ids).

What is cut, and so may change an answer on a large graph (stated in the API docs of ``/paths``):

* a hub, an entity with more than :data:`HUB_EVENTS` agent, target and law links, is walked
  through its newest events only (the 500 the writer keeps, :mod:`ingest.graph.recent`), from
  either side: a link through one of its older events is not found;
* a step that would read more than :data:`STEP_ROWS` links ends the search (no path is answered);
  the last step the hop limit allows reads only links that meet the other side;
* of more than :data:`MAX_ASSEMBLED` shortest paths, the first put together are the ones sorted.

A graph with no hub (the test graph) gets exactly the paths ``allShortestPaths`` gives.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from api.deps import Graph
from queries.schema import RECENT_EVENTS_KEEP

#: At most this many shortest paths are kept (the first by node ids), then paged.
PATH_CAP = 100
#: An entity with more links than this is walked through its kept newest events only.
HUB_EVENTS = RECENT_EVENTS_KEEP
#: At most this many links read in one step; past it the search stops.
STEP_ROWS = 20_000
#: At most this many shortest paths are put together before the first PATH_CAP are chosen.
MAX_ASSEMBLED = 5_000

Link = tuple[str, dict[str, Any], str, str]  # (entity nearer the side's end, event, its role, the next one's role)


class _Side:
    """One end's search: each entity's distance from the end and the links that reached it first."""

    def __init__(self, start: str) -> None:
        self.start = start
        self.dist = {start: 0}
        self.parents: dict[str, list[Link]] = {start: []}
        self.frontier = [start]
        self.depth = 0

    def chains(self, node: str) -> Iterator[list[tuple[str, Link]]]:
        """Every chain of links from this side's end to ``node`` (shortest), end first, one at a time."""
        if not self.parents[node]:
            yield []
            return
        for link in self.parents[node]:
            for chain in self.chains(link[0]):
                yield [*chain, (node, link)]


def shortest_paths(graph: Graph, from_: str, to: str, max_hops: int) -> list[dict[str, Any]]:
    """Every shortest path (the first :data:`PATH_CAP` by node ids) from ``from_`` to ``to`` within
    ``max_hops`` entity-to-entity steps, as ``{nodes, edges}`` rows like ``api-paths-N``'s."""
    sides = (_Side(from_), _Side(to))
    maps: dict[str, dict[str, Any]] = {}
    while sides[0].depth + sides[1].depth < max_hops:
        side, other = sorted(sides, key=lambda s: len(s.frontier))  # the smaller frontier steps
        if not side.frontier:
            return []
        final = sides[0].depth + sides[1].depth + 1 == max_hops
        rows = graph.read("api-path-step", ids=sorted(side.frontier), cap=HUB_EVENTS, rows=STEP_ROWS + 1,
                          targets=sorted(other.dist) if final else [], final=final)
        if len(rows) > STEP_ROWS:
            return []
        side.depth += 1
        reached: dict[str, list[Link]] = {}
        for r in rows:
            maps[r["from"]["id"]], maps[r["to"]["id"]] = r["from"], r["to"]
            if r["to"]["id"] not in side.dist:
                reached.setdefault(r["to"]["id"], []).append((r["from"]["id"], r["event"], r["fromRole"], r["toRole"]))
        for node, links in reached.items():
            side.dist[node] = side.depth  # links in a fixed order, so that a cut assembly is stable
            side.parents[node] = sorted(links, key=lambda link: (link[0], link[1]["id"], link[2], link[3]))
        side.frontier = sorted(reached)
        meeting = [n for n in reached if n in other.dist]
        if meeting:
            best = min(other.dist[n] for n in meeting)
            return _assemble(sides, sorted(n for n in meeting if other.dist[n] == best), maps)
    return []


def _assemble(sides: tuple[_Side, _Side], meeting: list[str], maps: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The paths through the meeting entities, from the first side's end to the other's."""
    paths: list[dict[str, Any]] = []
    pairs = ((head, tail) for node in meeting for head in sides[0].chains(node) for tail in sides[1].chains(node))
    for head, tail in itertools.islice(pairs, MAX_ASSEMBLED):  # lazily: a hub's links multiply
        paths.append(_path(sides[0].start, head, tail, maps))
    paths.sort(key=lambda p: ([n["id"] for n in p["nodes"]], [e["type"] for e in p["edges"]]))
    return paths[:PATH_CAP]


def _path(start: str, head: list[tuple[str, Link]], tail: list[tuple[str, Link]],
          maps: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A path row: the first side's chain forward, then the other side's chain backward."""
    nodes, edges = [maps[start]], []
    for node, (prev, event, prev_role, node_role) in head:
        nodes += [event, maps[node]]
        edges += [{"source": event["id"], "target": prev, "type": prev_role},
                  {"source": event["id"], "target": node, "type": node_role}]
    for node, (prev, event, prev_role, node_role) in reversed(tail):
        nodes += [event, maps[prev]]
        edges += [{"source": event["id"], "target": node, "type": node_role},
                  {"source": event["id"], "target": prev, "type": prev_role}]
    return {"nodes": nodes, "edges": edges}
