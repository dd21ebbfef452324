"""The endpoints that need no key: ``GET /health`` and the ontology partners validate against.

``/health`` says whether Neo4j answers and which versions run (a 503 with Retry-After when it
does not), for load balancers and monitors that hold no key. ``/ontology`` and
``/ontology/shapes`` serve the OWL ontology and the SHACL shapes: the committed, generated files
as they are for Turtle; other RDF syntaxes are converted once and cached. The format comes from
``?format=`` or, failing that, ``Accept``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from rdflib import Graph

from api.deps import GraphDep
from api.exc import ERROR_RESPONSES
from api.models import Health
from api.negotiation import MEDIA_TYPES, RdfFormat, negotiate
from enforcegraph import __version__

router = APIRouter()

_RDFLIB_NAME = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "xml": "xml"}
FILES = {"ontology": "enforcegraph.ttl", "shapes": "shapes.ttl"}


@cache
def render(which: str, fmt: str) -> str:
    text = resources.files("ontology").joinpath(FILES[which]).read_text(encoding="utf-8")
    if fmt == "turtle":
        return text
    graph = Graph().parse(data=text, format="turtle")
    out: str = graph.serialize(format=_RDFLIB_NAME[fmt])
    return out


FormatParam = Annotated[RdfFormat | None, Query(description="RDF syntax; overrides the Accept header.")]


@router.get("/health", response_model=Health, summary="Service and Neo4j health", tags=["health"],
            responses={503: ERROR_RESPONSES[503]})
def health(graph: GraphDep) -> Health:
    """Answers 200 when Neo4j answers; 503 with Retry-After when it does not. No key needed."""
    rows = graph.read("server-components")
    kernel = next((r for r in rows if r["name"] == "Neo4j Kernel"), rows[0])
    return Health(status="ok", version=__version__, neo4j=kernel["versions"][0], neo4j_edition=kernel["edition"])


@router.get("/ontology", summary="The enforcegraph OWL ontology", tags=["linked data"],
            responses={422: ERROR_RESPONSES[422], 200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                             "description": "The ontology in the requested RDF syntax."}})
def ontology(request: Request, format: FormatParam = None) -> Response:
    """The OWL ontology every export uses (classes, properties, alignments), in Turtle by default."""
    fmt = negotiate(request, format)
    return Response(render("ontology", fmt), media_type=MEDIA_TYPES[fmt])


@router.get("/ontology/shapes", summary="SHACL shapes for validating exports", tags=["linked data"],
            responses={422: ERROR_RESPONSES[422], 200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                             "description": "The shapes in the requested RDF syntax."}})
def shapes(request: Request, format: FormatParam = None) -> Response:
    """The SHACL shapes an export conforms to, for partners to validate what they receive."""
    fmt = negotiate(request, format)
    return Response(render("shapes", fmt), media_type=MEDIA_TYPES[fmt])
