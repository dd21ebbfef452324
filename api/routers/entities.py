"""``GET /entities`` (search), ``GET /entities/{id}`` (profile), ``GET /entities/{id}/network``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from api import convert, params
from api.deps import Graph, GraphDep, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE
from api.models import (
    EntityHit,
    EntityPage,
    EntityProfile,
    GraphEdge,
    GraphNode,
    LinkedEntity,
    Network,
    TimelineEvent,
)
from api.params import CursorParam, EntityType, Limit
from enforcegraph.errors import NotFound

router = APIRouter(tags=["entities"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

#: How many best full-text matches a search considers before its type and country filters.
SEARCH_CANDIDATES = 1000

IdPath = Annotated[str, Path(min_length=1, max_length=300, description="An entity id, e.g. from /entities.")]
CountryParam = Annotated[str | None, Query(pattern=params.COUNTRY, description="ISO 3166-1 alpha-2 code.")]


def _hit(row: dict[str, Any]) -> EntityHit:
    return EntityHit(id=row["id"], type=params.entity_type(row["labels"]), labels=row["labels"], name=row["name"],
                     aliases=row["aliases"], country=row["country"], source_count=row["sourceCount"],
                     score=row["score"])


@router.get("/entities", response_model=EntityPage, summary="Search entities by name or alias")
def search_entities(
    graph: GraphDep,
    q: Annotated[str | None, Query(max_length=200, description=(
        "Name or alias to look for; case, accents and small typos are tolerated, the last word also "
        "matches as a prefix. Without it, entities are listed by id."))] = None,
    type: Annotated[EntityType | None, Query(description="Keep entities of this ontology class.")] = None,
    country: CountryParam = None,
    limit: Limit = 20,
    cursor: CursorParam = None,
) -> EntityPage:
    """Full-text search over entity names and aliases, best match first (ties by id).

    With `q`, the best 1,000 matches of the full-text index are ranked, then filtered by `type`
    and `country`; without it, every entity matching the filters is listed in id order.
    """
    type_ = type.value if type else None
    ctry = params.country(country)
    lucene = params.lucene_query(q) if q and q.strip() else None
    if q and q.strip() and lucene is None:
        return EntityPage(items=[], next=None)  # only punctuation: nothing can match
    if lucene is not None:
        after = params.decode_cursor(cursor, "entities-search", (float, str))
        rows = graph.read("api-entity-search", query=lucene, candidates=SEARCH_CANDIDATES, type=type_,
                          country=ctry, afterScore=after[0] if after else None, afterId=after[1] if after else "",
                          limit=limit + 1)
        rows, nxt = params.page(rows, limit, "entities-search", lambda r: [r["score"], r["id"]])
    else:
        after = params.decode_cursor(cursor, "entities", (str,))
        rows = graph.read("api-entity-list", type=type_, country=ctry, afterId=after[0] if after else "",
                          limit=limit + 1)
        rows, nxt = params.page(rows, limit, "entities", lambda r: [r["id"]])
    return EntityPage(items=[_hit(r) for r in rows], next=nxt)


def profile_rows(graph: Graph, id: str, *, timeline_limit: int, linked_limit: int) -> list[dict[str, Any]]:
    """The profile query's row for ``id``, following an id that entity resolution merged away."""
    rows = graph.read("api-entity-profile", id=id, timelineLimit=timeline_limit, linkedLimit=linked_limit)
    if not rows:
        survivor = graph.read("api-entity-resolve", id=id)
        if survivor:
            rows = graph.read("api-entity-profile", id=survivor[0]["id"], timelineLimit=timeline_limit,
                              linkedLimit=linked_limit)
    return rows


@router.get("/entities/{id}", response_model=EntityProfile, summary="An entity's profile",
            responses=NOT_FOUND_RESPONSE)
def entity_profile(
    graph: GraphDep,
    id: IdPath,
    timeline_limit: Annotated[int, Query(ge=1, le=500, description="How many of its newest events to list.")] = 50,
) -> EntityProfile:
    """Names, aliases, country, external ids (an id that entity resolution merged into another entity
    answers with that entity's profile); its events (as agent, target, location or law) as a
    timeline, newest first; the entities it shares events with; and the documents that name it."""
    rows = profile_rows(graph, id, timeline_limit=timeline_limit, linked_limit=25)
    if not rows:
        raise NotFound(f"no entity with id {id!r}")
    row = rows[0]
    e = row["entity"]
    timeline = []
    for t in row["timeline"]:
        timeline.append(TimelineEvent(
            id=t["id"], type=params.event_type(t["labels"]), date=t.get("date"),
            date_precision=params.precision(t.get("date")), role=convert.ROLE_OF[t["role"]],
            agents=[convert.entity_ref(a) for a in t["agents"]], targets=[convert.entity_ref(x) for x in t["targets"]],
            source_count=t.get("sourceCount")))
    linked = [LinkedEntity(**convert.entity_ref(m).model_dump(), shared_events=m["shared"],
                           roles=sorted(convert.ROLE_OF[r] for r in m["roles"])) for m in row["linked"]]
    return EntityProfile(
        id=e["id"], type=params.entity_type(row["labels"]), labels=row["labels"], name=e.get("name") or "",
        aliases=e.get("aliases") or [], country=e.get("country"), external_ids=e.get("externalIds") or [],
        wikidata=e.get("wikidata"), confidence=e.get("confidence"), source_count=e.get("sourceCount"),
        event_count=row["eventCount"], timeline=timeline, linked=linked,
        sources=[convert.source(s) for s in row["sources"]], merges=e.get("merges") or [])


def _entity_node(x: dict[str, Any]) -> GraphNode:
    return GraphNode(id=x["id"], kind="entity", type=params.entity_type(x.get("labels") or []),
                     label=x.get("name") or x["id"], country=x.get("country"))


def _event_node(x: dict[str, Any]) -> GraphNode:
    type_ = params.event_type(x.get("labels") or [])
    date = x.get("date")
    return GraphNode(id=x["id"], kind="event", type=type_, label=f"{type_} {date}" if date else type_, date=date)


@router.get("/entities/{id}/network", response_model=Network, summary="An entity's neighbourhood as a graph",
            responses=NOT_FOUND_RESPONSE)
def entity_network(
    graph: GraphDep,
    id: IdPath,
    hops: Annotated[int, Query(ge=1, le=3, description=(
        "Entity-to-entity steps (each through one shared event) to include."))] = 1,
    limit: Annotated[int, Query(ge=10, le=1000, description="At most this many nodes.")] = 200,
    per_entity: Annotated[int, Query(ge=1, le=100, description=(
        "At most this many of each entity's newest events are followed."))] = 25,
) -> Network:
    """Nodes (entities and events) and edges (event arguments), breadth first from the entity.

    Places are shown but not expanded (everything happens somewhere); each entity contributes its
    newest `per_entity` events; `truncated` says whether `limit` cut the answer short.
    """
    nodes: dict[str, GraphNode] = {}
    edges: dict[tuple[str, str, str], GraphEdge] = {}
    truncated = False
    frontier = [id]
    expanded: set[str] = set()
    for _hop in range(hops):
        if len(nodes) >= limit:
            truncated = True
            break
        rows = graph.read("api-network-step", ids=frontier, perEntity=per_entity)
        if not rows and not nodes:
            raise NotFound(f"no entity with id {id!r}")
        expanded.update(frontier)
        next_frontier: list[str] = []
        for row in rows:
            ent = row["entity"]
            nodes.setdefault(ent["id"], _entity_node(ent))
            for ev in row["events"]:
                if ev["id"] not in nodes and len(nodes) >= limit:
                    truncated = True
                    continue
                nodes.setdefault(ev["id"], _event_node(ev))
                for arg in ev["arguments"]:
                    x = arg["entity"]
                    if x["id"] not in nodes:
                        if len(nodes) >= limit:
                            truncated = True
                            continue
                        nodes[x["id"]] = _entity_node(x)
                        if "Place" not in (x.get("labels") or []) and x["id"] not in expanded:
                            next_frontier.append(x["id"])
                    edges.setdefault((ev["id"], x["id"], arg["type"]),
                                     GraphEdge(source=ev["id"], target=x["id"], type=arg["type"]))
        frontier = sorted(set(next_frontier))
        if not frontier:
            break
    if not nodes:
        raise NotFound(f"no entity with id {id!r}")
    return Network(center=id, hops=hops, nodes=list(nodes.values()),
                   edges=sorted(edges.values(), key=lambda e: (e.source, e.type, e.target)), truncated=truncated)
