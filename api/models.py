"""Response models: the typed results of the named queries, as the API returns them.

Lists are ``{"items": [...], "next": cursor-or-null}`` in a stable order; every model carries an
example for the OpenAPI document. Field names are snake_case; the graph's own property names
(camelCase) stay inside the queries.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# -- shared pieces ------------------------------------------------------------------------------

MINTZ = "company-47fcfaf65e86913a"
BEIJING_POLICE = "government-body-5f0b6a1f7e3c2d10"
RAID = "raid-7062eefc09fc98dd"
DOC = "mintz-beijing-raid-eastwire-2023-03-24"


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": list(examples)})


class EntityRef(BaseModel):
    """An entity named in an answer."""

    id: str = Field(description="Stable entity id (use it with /entities/{id}).")
    type: str = Field(description="Ontology class: Company, GovernmentBody, Person, Organization, Law or Place.")
    name: str
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 home country or jurisdiction.")

    model_config = _examples({"id": MINTZ, "type": "Company", "name": "Mintz Group", "country": "US"})


class Source(BaseModel):
    """A document that reports a fact, with the sentence that says so."""

    document: str = Field(description="Document id.")
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="The publishing outlet.")
    published: dt.date | None = None
    evidence: str | None = Field(default=None, description="The sentence of the document that reports the fact.")
    start: int | None = Field(default=None, description="Character offset where the evidence starts.")
    end: int | None = Field(default=None, description="Character offset where the evidence ends (exclusive).")
    confidence: float | None = Field(default=None, description="How sure the extraction was, 0-1.")

    model_config = _examples({
        "document": DOC, "title": "Police raid Mintz Group's Beijing office", "url": "https://eastwire.example/x",
        "source": "eastwire.example", "published": "2023-03-24",
        "evidence": "Police in Beijing raided the office of Mintz Group on Monday.", "start": 0, "end": 61,
        "confidence": 1.0})


class EventRef(BaseModel):
    """An event named in an answer, with its date and how precise that date is."""

    id: str
    type: str = Field(description="Ontology event class (Raid, Detention, ...).")
    date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as the sources.")
    date_precision: str | None = Field(default=None, description="year, month or day.")

    model_config = _examples({"id": RAID, "type": "Raid", "date": "2023-03-20", "date_precision": "day"})


# -- entities -----------------------------------------------------------------------------------

class EntityHit(BaseModel):
    """An entity found by /entities, with its search score when the search had text."""

    id: str
    type: str
    labels: list[str] = Field(description="Every ontology class of the entity, most general first.")
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    source_count: int | None = Field(default=None, description="How many documents report the entity.")
    score: float | None = Field(default=None, description="Full-text relevance (higher is better); null without q.")


class EntityPage(BaseModel):
    items: list[EntityHit]
    next: str | None = Field(default=None, description="Cursor of the next page; null on the last page.")

    model_config = _examples({"items": [{
        "id": MINTZ, "type": "Company", "labels": ["Entity", "Actor", "Company"], "name": "Mintz Group",
        "aliases": ["Mintz"], "country": "US", "source_count": 7, "score": 3.42}], "next": None})


class TimelineEvent(EventRef):
    """An event in an entity's timeline: the role the entity plays in it and who else took part."""

    role: Literal["agent", "target", "location", "law"] = Field(description="The entity's role in the event.")
    agents: list[EntityRef] = Field(default_factory=list)
    targets: list[EntityRef] = Field(default_factory=list)
    source_count: int | None = None


class LinkedEntity(EntityRef):
    """An entity that shares events with the profiled one."""

    shared_events: int = Field(description="How many events (among the most recent 500) both take part in.")
    roles: list[str] = Field(description="The linked entity's roles in those events (agent, target, law, location).")


class EntityProfile(BaseModel):
    """Everything the graph knows about one entity."""

    id: str
    type: str
    labels: list[str]
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    external_ids: list[str] = Field(default_factory=list,
                                    description='Identifiers in other registers ("scheme:value").')
    wikidata: str | None = None
    confidence: float | None = None
    source_count: int | None = None
    event_count: int = Field(description="Events the entity takes part in (any role).")
    timeline: list[TimelineEvent] = Field(description="Its events, newest first (at most `timeline_limit`).")
    linked: list[LinkedEntity] = Field(description="Entities it shares events with, most shared first.")
    sources: list[Source] = Field(description="Documents that name it, newest first (at most 20).")
    merges: list[str] = Field(default_factory=list, description=(
        "How entity resolution joined differently named reports into this entity (rule and names)."))

    model_config = _examples({
        "id": MINTZ, "type": "Company", "labels": ["Entity", "Actor", "Company"], "name": "Mintz Group",
        "aliases": ["Mintz"], "country": "US", "external_ids": [], "wikidata": None, "confidence": 1.0,
        "source_count": 7, "event_count": 6,
        "timeline": [{"id": RAID, "type": "Raid", "date": "2023-03-20", "date_precision": "day", "role": "target",
                      "agents": [{"id": BEIJING_POLICE, "type": "GovernmentBody", "name": "Beijing police",
                                  "country": "CN"}],
                      "targets": [{"id": MINTZ, "type": "Company", "name": "Mintz Group", "country": "US"}],
                      "source_count": 2}],
        "linked": [{"id": BEIJING_POLICE, "type": "GovernmentBody", "name": "Beijing police", "country": "CN",
                    "shared_events": 5, "roles": ["agent"]}],
        "sources": [{"document": DOC, "title": "Police raid Mintz Group's Beijing office", "url": None,
                     "source": "eastwire.example", "published": "2023-03-24",
                     "evidence": "Police in Beijing raided the office of Mintz Group.", "start": 0, "end": 52,
                     "confidence": 1.0}]})


# -- events -------------------------------------------------------------------------------------

class Event(EventRef):
    """An enforcement event with its arguments and the documents that report it."""

    effective_date: str | None = Field(default=None, description="LawRevision only: when the revised law applies.")
    effective_precision: str | None = None
    confidence: float | None = Field(default=None, description="The best extraction confidence among its reports.")
    source_count: int | None = Field(default=None, description="How many documents report it.")
    status: Literal["reported", "confirmed", "denied", "reversed"] | None = Field(default=None, description=(
        "What the sources say of it: reported, confirmed, denied or reversed (released, acquitted, lifted, "
        "overturned); a reversal in any source wins, then a confirmation, then a denial. Null: not read."))
    agents: list[EntityRef] = Field(default_factory=list, description="The authorities that acted.")
    targets: list[EntityRef] = Field(default_factory=list, description="The firms or people acted against.")
    location: EntityRef | None = None
    laws: list[EntityRef] = Field(default_factory=list, description="The laws it was taken under (or revised).")
    sources: list[Source] = Field(default_factory=list)


EVENT_EXAMPLE: dict[str, Any] = {
    "id": RAID, "type": "Raid", "date": "2023-03-20", "date_precision": "day", "effective_date": None,
    "effective_precision": None, "confidence": 1.0, "source_count": 2,
    "agents": [{"id": BEIJING_POLICE, "type": "GovernmentBody", "name": "Beijing police", "country": "CN"}],
    "targets": [{"id": MINTZ, "type": "Company", "name": "Mintz Group", "country": "US"}],
    "location": {"id": "place-0c1a2b3c4d5e6f70", "type": "Place", "name": "Beijing", "country": "CN"},
    "laws": [],
    "sources": [{"document": DOC, "title": "Police raid Mintz Group's Beijing office", "url": None,
                 "source": "eastwire.example", "published": "2023-03-24",
                 "evidence": "Police in Beijing raided the office of Mintz Group.", "start": 0, "end": 52,
                 "confidence": 1.0}],
}


class EventPage(BaseModel):
    items: list[Event]
    next: str | None = None

    model_config = _examples({"items": [EVENT_EXAMPLE], "next": None})


class Argument(BaseModel):
    """One argument of an event and the documents that support it."""

    role: Literal["agent", "target", "location", "law"]
    entity: EntityRef
    documents: list[str] = Field(description="Ids of the documents that state this argument.")


class Alternative(BaseModel):
    """A value some sources give for a field of the event that differs from the one the graph keeps."""

    field: str = Field(description="The event field (date, agent, target, location, law).")
    value: str
    documents: list[str]


class ReportedDate(BaseModel):
    """The date one document gives for the event (as precise as that document is)."""

    document: str
    value: str


class EventDetail(Event):
    """One event with every report, every argument's supporting documents and alternative values."""

    arguments: list[Argument] = Field(default_factory=list)
    reported_dates: list[ReportedDate] = Field(default_factory=list, description="The date each source gave.")
    alternatives: list[Alternative] = Field(default_factory=list, description=(
        "Values where sources disagree: for now the dates reports give that contradict the event's "
        "(a more or less precise form of the same date is no disagreement); other fields follow "
        "with merge records."))

    model_config = _examples({**EVENT_EXAMPLE, "arguments": [
        {"role": "agent", "entity": EVENT_EXAMPLE["agents"][0], "documents": [DOC]},
        {"role": "target", "entity": EVENT_EXAMPLE["targets"][0], "documents": [DOC]}], "alternatives": []})


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

    agents: list[EntityRef] = Field(default_factory=list)
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
                                "name": "Shenzhen State Security Bureau", "country": "CN"}],
                    "jurisdiction": "CN", "sources": []}]}],
        "next": None,
        "revisions": [{"law": {"id": "law-5e1f0c2a9b7d3e41", "type": "Law", "name": "Counter-Espionage Law",
                               "country": "CN"},
                       "revision": "law-revision-8835bce13859419e", "adopted": "2023-04-26",
                       "effective": "2023-07-01", "basis_date": "2023-04-26",
                       "reports": ["law-revision-8835bce13859419e"], "sources": []}]})


# -- paths and networks -------------------------------------------------------------------------

class GraphNode(BaseModel):
    """A node of a path or network: an entity or an event."""

    id: str
    kind: Literal["entity", "event"]
    type: str
    label: str = Field(description="A name for display: the entity's name, or the event type and date.")
    country: str | None = None
    date: str | None = None


class GraphEdge(BaseModel):
    """An event argument: from the event to the entity, typed by the role (AGENT, TARGET, LOCATION, UNDER_LAW)."""

    source: str
    target: str
    type: str


class Path(BaseModel):
    """One shortest link between two entities."""

    hops: int = Field(description="Entity-to-entity steps (each through one shared event).")
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    evidence: list[EventSource] = Field(default_factory=list, description=(
        "For each event of the path, every document that reports it with the evidence sentence."))


class EventSource(Source):
    """The sentence of a document that reports one event of a path."""

    event: str = Field(description="The event's id (a node of the path).")


class PathPage(BaseModel):
    items: list[Path]
    next: str | None = None

    model_config = _examples({"items": [{"hops": 1, "nodes": [
        {"id": MINTZ, "kind": "entity", "type": "Company", "label": "Mintz Group", "country": "US", "date": None},
        {"id": RAID, "kind": "event", "type": "Raid", "label": "Raid 2023-03-20", "country": None,
         "date": "2023-03-20"},
        {"id": BEIJING_POLICE, "kind": "entity", "type": "GovernmentBody", "label": "Beijing police",
         "country": "CN", "date": None}],
        "edges": [{"source": RAID, "target": MINTZ, "type": "TARGET"},
                  {"source": RAID, "target": BEIJING_POLICE, "type": "AGENT"}]}], "next": None})


class Network(BaseModel):
    """An entity's neighbourhood, ready for a graph view."""

    center: str
    hops: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = Field(description="True when the node limit cut the neighbourhood short.")

    model_config = _examples({"center": MINTZ, "hops": 1, "nodes": [
        {"id": MINTZ, "kind": "entity", "type": "Company", "label": "Mintz Group", "country": "US", "date": None},
        {"id": RAID, "kind": "event", "type": "Raid", "label": "Raid 2023-03-20", "country": None,
         "date": "2023-03-20"}],
        "edges": [{"source": RAID, "target": MINTZ, "type": "TARGET"}], "truncated": False})


# -- screening: see api/screening_models.py ---------------------------------------------------


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
