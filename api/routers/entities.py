"""``GET /entities`` (search), ``GET /entities/{id}`` (profile), ``GET /entities/{id}/network``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from api import params
from api.deps import GraphDep, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE
from api.models import EntityHit, EntityPage, EntityProfile, Network, types
from api.models.types import EntityType
from api.params import ArgumentFilter, CursorParam, Limit, MinArgumentProbability, UnscoredArguments
from api.services import networks, profiles

router = APIRouter(tags=["entities"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

#: How many best full-text matches a search considers before its type and country filters.
SEARCH_CANDIDATES = 1000

IdPath = Annotated[str, Path(min_length=1, max_length=300, description="An entity id, e.g. from /entities.")]
CountryParam = Annotated[str | None, Query(pattern=types.COUNTRY, description="ISO 3166-1 alpha-2 code.")]


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


@router.get("/entities/{id}", response_model=EntityProfile, summary="An entity's profile",
            responses=NOT_FOUND_RESPONSE)
def entity_profile(
    graph: GraphDep,
    id: IdPath,
    timeline_limit: Annotated[int, Query(ge=1, le=500, description="How many of its newest events to list.")] = 50,
    min_argument_probability: MinArgumentProbability = None,
    unscored_arguments: UnscoredArguments = "keep",
) -> EntityProfile:
    """Names, aliases, country, external ids (an id that entity resolution merged into another entity
    answers with that entity's profile); its events (as agent, target, location or law) as a
    timeline, newest first; the entities it shares events with; and the documents that name it.

    With `min_argument_probability` / `unscored_arguments` (the rule of `/events`): an event where the
    entity is an agent or target counts (timeline, event count, linked entities) only when that role
    passes; each event lists only the agents and targets that pass, and an entity linked only through
    roles that do not pass is not linked. Its roles as location or law are never judged."""
    return profiles.profile(graph, id, timeline_limit=timeline_limit,
                            keep=ArgumentFilter.of(min_argument_probability, unscored_arguments))


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
    min_argument_probability: MinArgumentProbability = None,
    unscored_arguments: UnscoredArguments = "keep",
) -> Network:
    """Nodes (entities and events) and edges (event arguments), breadth first from the entity.

    Places are shown but not expanded (everything happens somewhere); each entity contributes its
    newest `per_entity` events; `truncated` says whether `limit` cut the answer short.

    With `min_argument_probability` / `unscored_arguments` (the rule of `/entities/{id}/timeline`): an
    entity's event is followed only where its own agent or target role passes, an agent or target link
    that does not pass is not drawn (nor walked through, so an entity reached only that way is not
    shown), and location and law links are never filtered.
    """
    return networks.neighbourhood(graph, id, hops=hops, limit=limit, per_entity=per_entity,
                                  keep=ArgumentFilter.of(min_argument_probability, unscored_arguments))
