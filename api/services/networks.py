"""How entities are linked: the shortest paths between two of them and an entity's neighbourhood.

Both walk entity -> event -> entity steps (places are shown but never walked through: sharing a
city links almost everything) and answer nodes and edges for the web app's graph views. The
walks are bounded: paths by a degree-aware search (:mod:`api.services.pathfinder`), :data:`PATH_CAP`
and a hop limit, neighbourhoods by a node limit and the newest events per entity, with
``truncated`` saying when the limit cut in.
"""

from __future__ import annotations

from typing import Any

from api import params
from api.deps import Graph
from api.models import EventSource, GraphEdge, GraphNode, Network, Path
from api.params import NO_ARGUMENT_FILTER, ArgumentFilter
from api.services import pathfinder
from api.services.pathfinder import PATH_CAP
from enforcegraph.errors import NotFound

#: The unbounded reference (``allShortestPaths``), one fixed query per hop limit (a variable-length bound
#: cannot be a Cypher parameter): what :mod:`api.services.pathfinder` answers on a graph without hubs.
PATH_QUERIES = {1: "api-paths-1", 2: "api-paths-2", 3: "api-paths-3", 4: "api-paths-4"}


def entity_node(x: dict[str, Any]) -> GraphNode:
    return GraphNode(id=x["id"], kind="entity", type=params.entity_type(x.get("labels") or []),
                     label=x.get("name") or x["id"], country=x.get("country"))


def event_node(x: dict[str, Any]) -> GraphNode:
    type_ = params.event_type(x.get("labels") or [])
    date = x.get("date")
    return GraphNode(id=x["id"], kind="event", type=type_, label=f"{type_} {date}" if date else type_, date=date)


def node(x: dict[str, Any]) -> GraphNode:
    """An entity or event row of a path as a graph node."""
    return event_node(x) if "EnforcementEvent" in (x.get("labels") or []) else entity_node(x)


def shortest_paths(graph: Graph, from_: str, to: str, max_hops: int, *,
                   reference: bool = False) -> list[dict[str, Any]]:
    """Every shortest path (up to :data:`PATH_CAP`) between two known entities, ordered by node ids:
    by the bounded search of :mod:`api.services.pathfinder`, or with ``reference`` by ``allShortestPaths``
    (unbounded; for tests)."""
    known = {r["id"] for r in graph.read("api-entity-exists", ids=[from_, to])}
    for name, value in (("from", from_), ("to", to)):
        if value not in known:
            raise NotFound(f"parameter {name!r}: no entity with id {value!r}")
    if not reference:
        return pathfinder.shortest_paths(graph, from_, to, max_hops)
    rows = graph.read(PATH_QUERIES[max_hops], **{"from": from_}, to=to, cap=PATH_CAP)
    return sorted(rows, key=lambda r: ([n["id"] for n in r["nodes"]], [e["type"] for e in r["edges"]]))


def path(row: dict[str, Any]) -> Path:
    return Path(hops=len(row["edges"]) // 2, nodes=[node(n) for n in row["nodes"]],
                edges=[GraphEdge(**e) for e in row["edges"]])


def add_evidence(graph: Graph, items: list[Path]) -> None:
    """Every event's sources on the page, read in one query rather than one request per event."""
    ids = sorted({n.id for p in items for n in p.nodes if n.kind == "event"})
    if not ids:
        return
    sources = {r["event"]["id"]: r["event"]["sources"] for r in graph.read("api-events-by-ids", ids=ids)}
    for p in items:
        p.evidence = [EventSource(event=n.id, **s) for n in p.nodes if n.kind == "event"
                      for s in sources.get(n.id, [])]


class _Walk:
    """The nodes and edges found so far, within a node limit."""

    def __init__(self, limit: int, keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> None:
        self.limit = limit
        self.keep = keep
        self.nodes: dict[str, GraphNode] = {}
        self.edges: dict[tuple[str, str, str], GraphEdge] = {}
        self.truncated = False

    def full(self, id: str) -> bool:
        """True (and the walk marked truncated) when ``id`` is new and there is no room for it."""
        if id not in self.nodes and len(self.nodes) >= self.limit:
            self.truncated = True
            return True
        return False

    def step(self, rows: list[dict[str, Any]], expanded: set[str]) -> list[str]:
        """Add one step's rows; return the entities to expand next."""
        frontier: list[str] = []
        for row in rows:
            ent = row["entity"]
            self.nodes.setdefault(ent["id"], entity_node(ent))
            for ev in row["events"]:
                if self.full(ev["id"]):
                    continue
                self.nodes.setdefault(ev["id"], event_node(ev))
                for arg in ev["arguments"]:
                    if not self.keep.keeps_argument(arg["type"], arg.get("probability")):
                        continue  # an agent or target below the bound: no link, and not reached through it
                    x = arg["entity"]
                    if x["id"] not in self.nodes:
                        if self.full(x["id"]):
                            continue
                        self.nodes[x["id"]] = entity_node(x)
                        if "Place" not in (x.get("labels") or []) and x["id"] not in expanded:
                            frontier.append(x["id"])
                    self.edges.setdefault((ev["id"], x["id"], arg["type"]),
                                          GraphEdge(source=ev["id"], target=x["id"], type=arg["type"]))
        return frontier


def neighbourhood(graph: Graph, id: str, *, hops: int, limit: int, per_entity: int,
                  keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> Network:
    """Nodes (entities and events) and edges (event arguments), breadth first from the entity.

    With ``keep`` (the rule of the timeline): an entity's event is followed only when its own agent or
    target role in it passes, and an agent or target link that does not pass is neither drawn nor walked."""
    walk = _Walk(limit, keep)
    frontier = [id]
    expanded: set[str] = set()
    for _hop in range(hops):
        if len(walk.nodes) >= limit:
            walk.truncated = True
            break
        rows = graph.read("api-network-step", ids=frontier, perEntity=per_entity, **keep.role_params())
        if not rows and not walk.nodes:
            raise NotFound(f"no entity with id {id!r}")
        expanded.update(frontier)
        frontier = sorted(set(walk.step(rows, expanded)))
        if not frontier:
            break
    if not walk.nodes:
        raise NotFound(f"no entity with id {id!r}")
    return Network(center=id, hops=hops, nodes=list(walk.nodes.values()),
                   edges=sorted(walk.edges.values(), key=lambda e: (e.source, e.type, e.target)),
                   truncated=walk.truncated)
