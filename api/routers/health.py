"""``GET /health``: is Neo4j reachable, and which versions answer."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.deps import GraphDep
from enforcegraph import __version__

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str
    version: str
    neo4j: str
    neo4j_edition: str

    model_config = {"json_schema_extra": {"examples": [
        {"status": "ok", "version": "0.1.0", "neo4j": "5.26.30", "neo4j_edition": "community"}]}}


@router.get("/health", response_model=Health, summary="Service and Neo4j health")
def health(graph: GraphDep) -> Health:
    """Answers 200 when Neo4j answers; 503 with Retry-After when it does not. No key needed."""
    rows = graph.read("server-components")
    kernel = next((r for r in rows if r["name"] == "Neo4j Kernel"), rows[0])
    return Health(status="ok", version=__version__, neo4j=kernel["versions"][0], neo4j_edition=kernel["edition"])
