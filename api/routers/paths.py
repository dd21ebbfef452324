"""``GET /paths``: how two entities are linked, for investigators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api import params
from api.deps import GraphDep, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE, InvalidParameter
from api.models import PathPage
from api.params import CursorParam
from api.services import networks

router = APIRouter(tags=["investigation"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

EntityId = Annotated[str, Query(min_length=1, max_length=300, description="An entity id (e.g. from /entities).")]


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
    means no link within `max_hops`. Each path carries the evidence sentences of its events.

    The search is bounded so that it answers in the same time on any graph: a hub (an entity with
    more than 500 agent, target and law links, e.g. a ministry or a much-used law) is walked through
    its newest 500 events only, so a link through one of its older events is not found; a search
    that would read more than 20,000 links in one step stops and answers no path."""
    if from_ == to:
        raise InvalidParameter("to", "is the same entity as 'from'")
    after = params.decode_cursor(cursor, "paths", (int,))
    offset = after[0] if after else 0
    found = networks.shortest_paths(graph, from_, to, max_hops)
    items = [networks.path(r) for r in found[offset:offset + limit]]
    if evidence:
        networks.add_evidence(graph, items)
    nxt = params.encode_cursor("paths", [offset + limit]) if offset + limit < len(found) else None
    return PathPage(items=items, next=nxt)
