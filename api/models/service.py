"""Answers about the service and what it is sent: health, and the articles submitted for ingest.

An article that does not validate is reported in the answer's ``failed`` list, not refused with
the whole request, so the submission model accepts any object in ``documents`` and the router
checks each one against :class:`SubmittedDocument`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str
    version: str
    neo4j: str
    neo4j_edition: str

    model_config = {"json_schema_extra": {"examples": [
        {"status": "ok", "version": "0.1.0", "neo4j": "5.26.30", "neo4j_edition": "community"}]}}


class SubmittedDocument(BaseModel):
    id: str = Field(min_length=1, max_length=300, pattern=r"^[^\x00-\x1f]+$", description="Your stable id for it.")
    text: str = Field(min_length=1, max_length=200_000, description="The article text.")
    title: str | None = Field(default=None, max_length=1000)
    published: dt.date | None = None
    source: str | None = Field(default=None, max_length=300, description="The publishing outlet.")
    url: str | None = Field(default=None, max_length=2000)


class Submission(BaseModel):
    documents: list[SubmittedDocument | dict[str, Any] | Any] = Field(
        min_length=1, max_length=50,
        description="1-50 articles. An article that does not validate is listed in `failed`; the others are "
                    "ingested.")

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
    unchanged: int = Field(default=0, description="Documents skipped: the graph holds them with the same text.")
    failed: list[Failure] = Field(description="Documents that could not be ingested, with the reason.")
    entities: int = Field(description="Entities written (new or updated).")
    events: int = Field(description="Events written (new or updated).")

    model_config = {"json_schema_extra": {"examples": [
        {"written": ["example-2024-03-15"], "unchanged": 0, "failed": [], "entities": 3, "events": 1}]}}
