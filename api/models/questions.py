"""Answers of the signature question (firms targeted after a law's revision) and of the change feed."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from api.models.core import DOC, MINTZ, RAID, ArgumentRef, EntityRef, EventRef, Source, _examples

# -- the signature question ---------------------------------------------------------------------

class Revision(BaseModel):
    """The revision of a law the question measures from: its adoption and effective dates."""

    law: EntityRef
    revision: str | None = Field(default=None, description="Id of the LawRevision event that dates the revision.")
    adopted: str | None = Field(default=None, description="When the revision was adopted (partial date).")
    effective: str | None = Field(default=None, description="When it took effect (partial date).")
    basis_date: str | None = Field(default=None, description="The date the question measures from (per `basis`).")
    reports: list[str] = Field(default_factory=list, description="Ids of the LawRevision events that report it.")
    sources: list[Source] = Field(default_factory=list)


class QualifyingEvent(EventRef):
    """An event that makes a firm an answer: its date is on or after the basis date."""

    agents: list[ArgumentRef] = Field(default_factory=list, description=(
        "Its acting authorities, each with the argument model's probability (with `min_argument_probability`, "
        "only those that pass)."))
    target: ArgumentRef = Field(description=(
        "The firm as this event's target, with the argument model's probability that it is the target."))
    jurisdiction: str | None = Field(default=None, description="Country of the acting authority.")
    sources: list[Source] = Field(default_factory=list)


class TargetedFirm(BaseModel):
    """A firm that suffered an event of the asked type after a law's revision."""

    law: EntityRef
    revision: str | None = Field(default=None, description="Id of the LawRevision event.")
    basis: Literal["adopted", "effective"]
    basis_date: str
    firm: EntityRef
    foreign: bool = Field(description="True when the firm's home country differs from the acting jurisdiction.")
    first_date: str | None = Field(default=None, description="The earliest qualifying event date.")
    events: list[QualifyingEvent]


class TargetedFirmPage(BaseModel):
    items: list[TargetedFirm]
    next: str | None = None
    revisions: list[Revision] = Field(description="The law revisions considered (one per law), with their dates.")

    model_config = _examples({"items": [{
        "law": {"id": "law-5e1f0c2a9b7d3e41", "type": "Law", "name": "Counter-Espionage Law", "country": "CN"},
        "revision": "law-revision-8835bce13859419e", "basis": "adopted", "basis_date": "2023-04-26",
        "firm": {"id": "company-e451210f8def0f1c", "type": "Company", "name": "Thistlecombe Risk Partners",
                 "country": "GB"},
        "foreign": True, "first_date": "2023-06-13",
        "events": [{"id": "raid-53c7b9b2292c11c6", "type": "Raid", "date": "2023-06-13", "date_precision": "day",
                    "agents": [{"id": "government-body-0a1b2c3d4e5f6071", "type": "GovernmentBody",
                                "name": "Shenzhen State Security Bureau", "country": "CN", "probability": 0.94}],
                    "target": {"id": "company-e451210f8def0f1c", "type": "Company",
                               "name": "Thistlecombe Risk Partners", "country": "GB", "probability": 0.88},
                    "jurisdiction": "CN", "sources": []}]}],
        "next": None,
        "revisions": [{"law": {"id": "law-5e1f0c2a9b7d3e41", "type": "Law", "name": "Counter-Espionage Law",
                               "country": "CN"},
                       "revision": "law-revision-8835bce13859419e", "adopted": "2023-04-26",
                       "effective": "2023-07-01", "basis_date": "2023-04-26",
                       "reports": ["law-revision-8835bce13859419e"], "sources": []}]})

# -- changes ------------------------------------------------------------------------------------

class DocumentRef(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: dt.date | None = None
    ingested_at: dt.datetime | None = None


class Change(BaseModel):
    """Something new or changed in the graph: for now, a document (re)ingested with what it reports."""

    kind: Literal["document"] = Field(description="document (merges come with a later release).")
    at: dt.datetime = Field(description="When the change happened (the document's ingestion time).")
    document: DocumentRef
    events: list[EventRef]
    entities: list[EntityRef]


class ChangePage(BaseModel):
    items: list[Change]
    next: str | None = None

    model_config = _examples({"items": [{
        "kind": "document", "at": "2025-01-05T06:00:00Z",
        "document": {"id": DOC, "title": "Police raid Mintz Group's Beijing office", "url": None,
                     "source": "eastwire.example", "published": "2023-03-24", "ingested_at": "2025-01-05T06:00:00Z"},
        "events": [{"id": RAID, "type": "Raid", "date": "2023-03-20", "date_precision": "day"}],
        "entities": [{"id": MINTZ, "type": "Company", "name": "Mintz Group", "country": "US"}]}], "next": None})


class LearnedEvent(BaseModel):
    """An event with when we learned of it (record time) and when it happened (valid time)."""

    event: EventRef
    targets: list[EntityRef]
    recorded_at: dt.datetime = Field(description="Record time: the first ingestion of a document that reports it.")
    valid_date: str | None = Field(description="Valid time: when it happened, as precise as the sources.")
    documents: list[str] = Field(description="Ids of the documents that report it.")


class LearnedPage(BaseModel):
    items: list[LearnedEvent]
    next: str | None = None

    model_config = {"json_schema_extra": {"examples": [{"items": [{
        "event": {"id": "fine-0a1b", "type": "Fine", "date": "2024-05-02", "date_precision": "day"},
        "targets": [{"id": "company-47fcfaf65e86913a", "type": "Company", "name": "Mintz Group", "country": "US"}],
        "recorded_at": "2026-12-05T10:00:00Z", "valid_date": "2024-05-02", "documents": ["mintz-fine"]}],
        "next": None}]}}


class Correction(BaseModel):
    """Something the graph no longer says, and why."""

    kind: Literal["document", "event", "entity", "report"] = Field(description=(
        "document: removed; event or entity: no document reports it any more; report: one document "
        "(changed or removed) no longer reports the event or entity `id`."))
    id: str = Field(description="The id of what was retracted (for a report: the event or entity).")
    document: str | None = Field(default=None, description="For a report: the document that withdrew it.")
    removed_at: dt.datetime = Field(description="When the graph retracted it (record time).")
    reason: str


class CorrectionPage(BaseModel):
    items: list[Correction]
    next: str | None = None

    model_config = {"json_schema_extra": {"examples": [{"items": [{
        "kind": "event", "id": "fine-0a1b", "document": None, "removed_at": "2026-12-05T11:00:00Z",
        "reason": "no document reports this event any more"}], "next": None}]}}
