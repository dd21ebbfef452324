"""``GET /id/{kind}/{id}``: the data IRIs (``https://w3id.org/enforcegraph/id/...``) dereferenced.

A partner's tool that follows an IRI of our export gets what the export says of that node -
its types, properties, event arguments and every report of it with the evidence sentence - in
the RDF syntax its ``Accept`` header asks for (Turtle by default; JSON-LD, N-Triples, RDF/XML).
A browser (``Accept: text/html``) is sent (303 See Other) to the web app's page of the node,
``/#/{kind}/{id}``. The w3id.org redirect for ``/id/`` points here.
"""

from __future__ import annotations

import io
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import RedirectResponse, Response

from api.deps import SettingsDep, driver_of, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE
from api.negotiation import MEDIA_TYPES, negotiate, wants_html
from enforcegraph.errors import NotFound
from ontology.rdf import mapping
from ontology.rdf.writers import make_writer, parse_format
from queries.export import node_statements

router = APIRouter(tags=["linked data"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

Kind = Literal["entity", "event", "document"]


@router.get("/id/{kind}/{id}", summary="A data IRI dereferenced (content negotiation)",
            responses={**NOT_FOUND_RESPONSE,
                       200: {"content": {m: {} for m in MEDIA_TYPES.values()},
                             "description": "What the export says of this node, in the negotiated RDF syntax."},
                       303: {"description": "A browser: see the web app's page of this node."}})
def dereference(
    request: Request,
    settings: SettingsDep,
    kind: Annotated[Kind, Path(description="The kind segment of the IRI: entity, event or document.")],
    id: Annotated[str, Path(description="The node id (the last segment of the IRI).", max_length=512)],
) -> Response:
    """The node's types, properties, arguments and reports (with evidence sentences), in Turtle,
    JSON-LD, N-Triples or RDF/XML by `Accept`; `text/html` is redirected to the web app."""
    if wants_html(request):
        return RedirectResponse(f"/#/{kind}/{quote(id, safe='')}", status_code=303, headers={"Vary": "Accept"})
    fmt = parse_format(negotiate(request, None))
    statements = node_statements(driver_of(request), kind, id, database=settings.neo4j_database)
    if statements is None:
        raise NotFound(f"no {kind} with id {id!r}")
    buf = io.BytesIO()
    make_writer(fmt, buf, mapping()).write(iter(statements))
    return Response(buf.getvalue(), media_type=fmt.media_type, headers={"Vary": "Accept"})
