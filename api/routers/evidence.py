"""``GET /documents/{id}`` (an article's text) and ``GET /entities/{id}/timeline`` (its events and
the law revisions involved): what a reader needs to check a fact against the sentence behind it.

Evidence offsets index into the text the extractor read, so the text served is the one kept in
the document's stored extraction, not a fresh copy of the source that may have changed since.
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from api.deps import GraphDep, require_read
from api.exc import ERROR_RESPONSES, NOT_FOUND_RESPONSE
from api.models import DocumentText, EntityTimeline
from api.params import ArgumentFilter, MinArgumentProbability, UnscoredArguments
from api.services import profiles
from enforcegraph.errors import NotFound

router = APIRouter(tags=["evidence"], dependencies=[Depends(require_read)], responses=ERROR_RESPONSES)

IdPath = Annotated[str, Path(min_length=1, max_length=300, description="An id, as other answers give it.")]


def _text_of(extraction: str | None) -> str:
    if not extraction:
        return ""
    try:
        stored = json.loads(extraction)
    except json.JSONDecodeError:
        return ""
    document = stored.get("document") if isinstance(stored, dict) else None
    text = document.get("text") if isinstance(document, dict) else None
    return text if isinstance(text, str) else ""


@router.get("/documents/{id}", response_model=DocumentText, summary="A document with its text",
            responses=NOT_FOUND_RESPONSE)
def get_document(graph: GraphDep, id: IdPath) -> DocumentText:
    """Title, outlet, URL, publication date and the text whose character offsets every evidence
    sentence (`start`, `end`) refers to."""
    rows = graph.read("api-document-text", id=id)
    if not rows:
        raise NotFound(f"no document with id {id!r}")
    d = rows[0]["document"]
    return DocumentText(id=d["id"], title=d.get("title"), url=d.get("url"), source=d.get("source"),
                        published=d.get("published"), text=_text_of(d.get("extraction")))


@router.get("/entities/{id}/timeline", response_model=EntityTimeline,
            summary="An entity's events and the revisions of the laws involved", responses=NOT_FOUND_RESPONSE)
def entity_timeline(
    graph: GraphDep,
    id: IdPath,
    limit: Annotated[int, Query(ge=1, le=500, description="How many of its newest events to include.")] = 200,
    min_argument_probability: MinArgumentProbability = None,
    unscored_arguments: UnscoredArguments = "keep",
) -> EntityTimeline:
    """Its newest events in full (arguments, confidence, sources with evidence sentences), and every
    revision of the laws involved - those the events were taken under and those of the countries
    whose authorities acted - so both can be drawn on one time axis and filtered without a request
    per event. Revisions are ordered by date.

    With `min_argument_probability` / `unscored_arguments` (the rule of `/events`): an event where the
    entity is an agent or target is included (and counted) only when that role passes, and every
    event and revision lists only the agents and targets that pass."""
    return profiles.timeline(graph, id, limit, ArgumentFilter.of(min_argument_probability, unscored_arguments))
