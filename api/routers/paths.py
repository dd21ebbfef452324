"""``GET /paths``: how two entities are linked, for investigators."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api import params
from api.deps import Graph, GraphDep, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE, InvalidParameter
from api.models import EventSource, GraphEdge, GraphNode, Path, PathPage
from api.params import CursorParam
from enforcegraph.errors import NotFound

router = APIRouter(tags=["investigation"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

#: One fixed query per hop limit: a variable-length bound cannot be a Cypher parameter.
PATH_QUERIES = {1: "api-paths-1", 2: "api-paths-2", 3: "api-paths-3", 4: "api-paths-4"}
#: At most this many shortest paths are computed per request (then paged).
PATH_CAP = 100

EntityId = Annotated[str, Query(min_length=1, max_length=300, description="An entity id (e.g. from /entities).")]


def _node(x: dict[str, Any]) -> GraphNode:
    labels = x.get("labels") or []
    if "EnforcementEvent" in labels:
        type_ = params.event_type(labels)
        date = x.get("date")
        return GraphNode(id=x["id"], kind="event", type=type_, label=f"{type_} {date}" if date else type_, date=date)
    return GraphNode(id=x["id"], kind="entity", type=params.entity_type(labels), label=x.get("name") or x["id"],
                     country=x.get("country"))


def _add_evidence(graph: Graph, items: list[Path]) -> None:
    """Every event's sources on the page, read in one query rather than one request per event."""
    ids = sorted({n.id for p in items for n in p.nodes if n.kind == "event"})
    if not ids:
        return
    sources = {r["event"]["id"]: r["event"]["sources"] for r in graph.read("api-events-by-ids", ids=ids)}
    for p in items:
        p.evidence = [EventSource(event=n.id, **s) for n in p.nodes if n.kind == "event"
                      for s in sources.get(n.id, [])]


@router.get("/paths", response_model=PathPage, summary="Shortest links between two entities",
            responses=NOT_FOUND_RESPONSE)
def paths(
    graph: GraphDep,
    from_: Annotated[str, Query(alias="from", min_length=1, max_length=300, description="The first entity's id.")],
    to: EntityId,
    max_hops: Annotated[int, Query(ge=1, le=4, description=(
        "At most this many entity-to-entity steps, each through one shared event."))] = 3,
    limit: Annotated[int, Query(ge=1, le=100, description="Page size (1-100).")] = 10,
    cursor: CursorParam = None,
    evidence: Annotated[bool, Query(description=(
        "Include, for each event of each path, its sources with the evidence sentences."))] = True,
) -> PathPage:
    """Every shortest path (up to 100) from one entity to another through events and their agents,
    targets and laws, e.g. firm -> raid -> agency -> fine -> firm. Places are not traversed
    (sharing a city links almost everything). Paths are ordered by their node ids; an empty list
    means no link within `max_hops`. Each path carries the evidence sentences of its events."""
    if from_ == to:
        raise InvalidParameter("to", "is the same entity as 'from'")
    after = params.decode_cursor(cursor, "paths", (int,))
    offset = after[0] if after else 0
    known = {r["id"] for r in graph.read("api-entity-exists", ids=[from_, to])}
    for name, value in (("from", from_), ("to", to)):
        if value not in known:
            raise NotFound(f"parameter {name!r}: no entity with id {value!r}")
    rows = graph.read(PATH_QUERIES[max_hops], **{"from": from_}, to=to, cap=PATH_CAP)
    found = sorted(rows, key=lambda r: [n["id"] for n in r["nodes"]])
    items = [Path(hops=len(r["edges"]) // 2, nodes=[_node(n) for n in r["nodes"]],
                  edges=[GraphEdge(**e) for e in r["edges"]]) for r in found[offset:offset + limit]]
    if evidence:
        _add_evidence(graph, items)
    nxt = params.encode_cursor("paths", [offset + limit]) if offset + limit < len(found) else None
    return PathPage(items=items, next=nxt)
