"""yente compatibility: ``POST /match/{dataset}`` and ``GET /export/ftm``.

Screening teams run yente over the sanctions lists; these two endpoints let them use us from the
same tools: match by example with yente's request and response shapes, or download our actors
and events as FollowTheMoney JSON lines to load as a custom yente dataset. Both take a read key.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query
from fastapi.responses import StreamingResponse

from api.deps import GraphDep, require_read
from api.exc import ERROR_RESPONSES
from api.models import MatchQuery, MatchResponse
from api.services import match as matching
from enforcegraph.errors import Neo4jUnavailable
from ontology import ftm
from queries.export import ftm_rows

router = APIRouter(tags=["yente"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

IdList = Annotated[list[str], Query(max_length=50, description="Entity ids never to return (decided false positives).")]


@router.post("/match/{dataset}", response_model=MatchResponse, response_model_by_alias=True,
             summary="Match entities by example (yente-compatible)")
def match(
    graph: GraphDep,
    query: Annotated[MatchQuery, Body()],
    dataset: Annotated[str, Path(description="`enforcegraph` (or `default`).")],
    limit: Annotated[int, Query(ge=1, le=50, description="Results per query (1-50).")] = 5,
    threshold: Annotated[float, Query(ge=0, le=1, description="Score from which a result is a `match`.")] = 0.7,
    cutoff: Annotated[float, Query(ge=0, le=1, description="Lowest score returned at all.")] = 0.5,
    algorithm: Annotated[str, Query(description=f"One of {', '.join(matching.ALGORITHMS)}: all use the "
                                                "same name matcher.")] = "enforcegraph-name",
    topics: Annotated[list[str], Query(max_length=20, description=(
        "Only entities with any of these FtM topics (e.g. reg.action, crime, sanction)."))] = [],  # noqa: B006
    exclude_schema: Annotated[list[str], Query(max_length=20, description="FtM schemas never to return.")] = [],  # noqa: B006
    exclude_entity_ids: IdList = [],  # noqa: B006
) -> MatchResponse:
    """The request and answer have yente's `/match/{dataset}` shapes: `queries` keyed by your own
    ids, each an FtM example (`schema`: Person, Company, Organization, PublicBody, LegalEntity or
    Thing; `properties`: `name` and aliases, countries as ISO codes in `country`, `jurisdiction`,
    `nationality`...). Each response lists scored FtM entities (`score`, `match`, `features`);
    `matcher` documents the features and their coefficients (override them with `weights`)."""
    matching.check_request(dataset, algorithm)
    responses = {key: matching.match_one(graph, key, example, query, limit=limit, threshold=threshold,
                                         cutoff=min(cutoff, threshold), topics=topics, exclude_schema=exclude_schema,
                                         exclude_ids=exclude_entity_ids)
                 for key, example in query.queries.items()}
    return MatchResponse(responses=responses, matcher=matching.FEATURES, limit=limit)


@router.get("/export/ftm", summary="Every actor and event as FollowTheMoney JSON lines",
            response_class=StreamingResponse,
            responses={200: {"content": {"application/x-ndjson": {}}, "description": "One FtM entity a line."}})
def export_ftm(graph: GraphDep) -> StreamingResponse:
    """Companies, people, organisations and public bodies (with topics such as `reg.action`,
    `crime`, `sanction` from the events against them) and the events themselves (FtM `Event`, or
    a `Sanction` per sanctioned target), each with the URLs and evidence sentences of the
    documents that report it. Load it into yente as a custom dataset."""
    if graph.driver is None:
        raise Neo4jUnavailable("the graph database is not connected")
    entities = ftm.entities(*ftm_rows(graph.driver, graph.database))
    first = next(entities, None)  # a database that is down answers 503 here, before streaming starts

    def lines() -> Iterator[str]:
        for entity in chain([first] if first else [], entities):
            yield json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n"

    return StreamingResponse(lines(), media_type="application/x-ndjson",
                             headers={"Content-Disposition": 'attachment; filename="enforcegraph.ftm.json"'})
