"""``GET /health``: is Neo4j reachable, and which versions answer."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import GraphDep
from api.models import Health
from enforcegraph import __version__

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Service and Neo4j health")
def health(graph: GraphDep) -> Health:
    """Answers 200 when Neo4j answers; 503 with Retry-After when it does not. No key needed."""
    rows = graph.read("server-components")
    kernel = next((r for r in rows if r["name"] == "Neo4j Kernel"), rows[0])
    return Health(status="ok", version=__version__, neo4j=kernel["versions"][0], neo4j_edition=kernel["edition"])
