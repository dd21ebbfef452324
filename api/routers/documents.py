"""``POST /documents``: ingest submitted articles through the same pipeline as the command line.

Extraction runs in worker processes (:mod:`api.extraction`), so the event loop keeps serving
reads while a long article is extracted; :class:`ingest.graph_writer.GraphWriter` then writes
the results in a thread, merging with what the graph already knows. No lock is held across
requests: concurrent ingests wait only for a free extraction worker and for each other's group
transactions. Needs a write key.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, driver_of, require_write
from api.exc import ERROR_RESPONSES
from api.extraction import ExtractionPool, WorkerLost
from ingest.graph_writer import GraphWriter
from ingest.records import Document

router = APIRouter(tags=["ingest"], dependencies=[Depends(require_write)], responses=ERROR_RESPONSES)


class SubmittedDocument(BaseModel):
    id: str = Field(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f]+$", description="Your stable id for it.")
    text: str = Field(min_length=1, max_length=200_000, description="The article text.")
    title: str | None = Field(default=None, max_length=1000)
    published: dt.date | None = None
    source: str | None = Field(default=None, max_length=300, description="The publishing outlet.")
    url: str | None = Field(default=None, max_length=2000)


class Submission(BaseModel):
    documents: list[SubmittedDocument] = Field(min_length=1, max_length=50, description="1-50 articles.")

    model_config = {"json_schema_extra": {"examples": [{"documents": [{
        "id": "example-2024-03-15", "title": "German consultancy's Suzhou office raided",
        "published": "2024-03-15", "source": "eastwire.example",
        "text": "Officers of the Suzhou State Security Bureau searched the office of Falkenried Consulting "
                "on Tuesday, the company said."}]}]}}


class Failure(BaseModel):
    id: str
    reason: str


class IngestReport(BaseModel):
    written: list[str] = Field(description="Ids of the documents written.")
    failed: list[Failure] = Field(description="Documents that could not be written, with the reason.")
    entities: int = Field(description="Entities written (new or updated).")
    events: int = Field(description="Events written (new or updated).")

    model_config = {"json_schema_extra": {"examples": [
        {"written": ["example-2024-03-15"], "failed": [], "entities": 3, "events": 1}]}}


def _pool(request: Request, settings: SettingsDep) -> ExtractionPool:
    pool: ExtractionPool | None = getattr(request.app.state, "extraction_pool", None)
    if pool is None:  # the app was not started through its lifespan (which closes the pool)
        pool = request.app.state.extraction_pool = ExtractionPool(settings.spacy_model,
                                                                  settings.api_extract_workers)
    return pool


@router.post("/documents", response_model=IngestReport, summary="Ingest articles")
async def ingest_documents(request: Request, settings: SettingsDep,
                           submission: Annotated[Submission, Body()]) -> IngestReport:
    """Extract entities and events from each article and write them to the graph (documents already
    ingested with the same id are replaced). Needs a write key."""
    driver = driver_of(request)
    documents = [Document(**d.model_dump()) for d in submission.documents]
    try:
        extractions = await _pool(request, settings).extract(documents)
    except WorkerLost as exc:
        return IngestReport(written=[], failed=[Failure(id=d.id, reason=str(exc)) for d in documents],
                            entities=0, events=0)
    writer = GraphWriter(driver, database=settings.neo4j_database)
    report = await run_in_threadpool(writer.write, extractions)
    return IngestReport(written=report.written, failed=[Failure(id=i, reason=r) for i, r in report.failed],
                        entities=report.entities, events=report.events)
