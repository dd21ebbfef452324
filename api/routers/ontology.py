"""``GET /ontology`` and ``GET /ontology/shapes``: the OWL ontology and SHACL shapes partners validate against.

The committed, generated files are served as they are for Turtle; other RDF syntaxes are
converted once and cached. The format comes from ``?format=`` or, failing that, ``Accept``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from rdflib import Graph

from api.negotiation import MEDIA_TYPES, RdfFormat, negotiate

router = APIRouter(tags=["linked data"])

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


@router.get("/ontology", summary="The enforcegraph OWL ontology",
            responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                             "description": "The ontology in the requested RDF syntax."}})
def ontology(request: Request, format: FormatParam = None) -> Response:
    """The OWL ontology every export uses (classes, properties, alignments), in Turtle by default."""
    fmt = negotiate(request, format)
    return Response(render("ontology", fmt), media_type=MEDIA_TYPES[fmt])


@router.get("/ontology/shapes", summary="SHACL shapes for validating exports",
            responses={200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                             "description": "The shapes in the requested RDF syntax."}})
def shapes(request: Request, format: FormatParam = None) -> Response:
    """The SHACL shapes an export conforms to, for partners to validate what they receive."""
    fmt = negotiate(request, format)
    return Response(render("shapes", fmt), media_type=MEDIA_TYPES[fmt])
