"""``POST /documents``: ingest submitted articles through the same pipeline as the command line.

Extraction (:class:`ingest.pipeline.Extractor`, loaded once per process on first use) turns each
document into entities and events; :class:`ingest.graph_writer.GraphWriter` writes them, merging
with what the graph already knows. Needs a write key.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from pydantic import BaseModel, Field, ValidationError

from api.deps import SettingsDep, driver_of, require_write
from api.exc import ERROR_RESPONSES
from ingest.graph_writer import GraphWriter
from ingest.records import Document

router = APIRouter(tags=["ingest"], dependencies=[Depends(require_write)], responses=ERROR_RESPONSES)
_lock = threading.Lock()


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


def _extractor(request: Request, model: str) -> Any:
    with _lock:
        extractor = getattr(request.app.state, "extractor", None)
        if extractor is None:
            from ingest.pipeline import Extractor  # spaCy loads only when documents arrive

            extractor = request.app.state.extractor = Extractor(model)
        return extractor


@router.post("/documents", response_model=IngestReport, summary="Ingest articles")
def ingest_documents(request: Request, settings: SettingsDep,
                     submission: Annotated[Submission, Body()]) -> IngestReport:
    """Extract entities and events from each article and write them to the graph (documents already
    ingested with the same id are replaced). Needs a write key."""
    driver = driver_of(request)
    documents, refused = [], []
    for d in submission.documents:  # a document the graph cannot take costs itself alone
        try:
            documents.append(Document(**d.model_dump()))
        except ValidationError as exc:
            err = exc.errors()[0]
            refused.append(Failure(id=d.id, reason=f"{'.'.join(str(x) for x in err['loc'])}: {err['msg']}"))
    extractor = _extractor(request, settings.spacy_model)
    with _lock:  # one extraction at a time: the pipeline is not shared across threads
        extractions = list(extractor.extract_many(documents))
    report = GraphWriter(driver, database=settings.neo4j_database).write(extractions)
    return IngestReport(written=report.written,
                        failed=refused + [Failure(id=i, reason=r) for i, r in report.failed],
                        entities=report.entities, events=report.events)
