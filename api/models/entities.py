"""Answers about entities: search hits, profiles, the graphs of paths and neighbourhoods, and
evidence in context (a document's text, which evidence offsets index into; an entity's events
on one axis with the revisions of the laws involved)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from api.models.core import (
    BEIJING_POLICE,
    DOC,
    EVENT_EXAMPLE,
    MINTZ,
    RAID,
    ArgumentRef,
    EntityRef,
    Event,
    EventRef,
    Source,
    _examples,
)
from api.models.types import ARGUMENT_TYPE_DOC, ENTITY_TYPE_DOC, NODE_TYPE_DOC, ROLES_DOC, Role

# -- entities -----------------------------------------------------------------------------------

class EntityHit(BaseModel):
    """An entity found by /entities, with its search score when the search had text."""

    id: str
    type: str = Field(description=ENTITY_TYPE_DOC)
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

    role: Role = Field(description="The entity's role in the event.")
    agents: list[ArgumentRef] = Field(default_factory=list, description=(
        "The authorities that acted, each with the argument model's probability (those below the request's "
        "`min_argument_probability` are not listed)."))
    targets: list[ArgumentRef] = Field(default_factory=list, description="The firms or people acted against, likewise.")
    source_count: int | None = None


class LinkedEntity(EntityRef):
    """An entity that shares events with the profiled one."""

    shared_events: int = Field(description="How many events (among the most recent 500) both take part in.")
    roles: list[str] = Field(description=ROLES_DOC)


class EntityProfile(BaseModel):
    """Everything the graph knows about one entity."""

    id: str
    type: str = Field(description=ENTITY_TYPE_DOC)
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

# -- paths and networks -------------------------------------------------------------------------

class GraphNode(BaseModel):
    """A node of a path or network: an entity or an event."""

    id: str
    kind: Literal["entity", "event"]
    type: str = Field(description=NODE_TYPE_DOC)
    label: str = Field(description="A name for display: the entity's name, or the event type and date.")
    country: str | None = None
    date: str | None = None


class GraphEdge(BaseModel):
    """An event argument: from the event to the entity, typed by the relationship."""

    source: str
    target: str
    type: str = Field(description=ARGUMENT_TYPE_DOC)


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


# -- evidence in context -------------------------------------------------------------------------

class DocumentText(BaseModel):
    """A document with the text that evidence offsets (`start`, `end`) index into."""

    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="The publishing outlet.")
    published: dt.date | None = None
    text: str = Field(description="The article text as it was extracted.")

    model_config = _examples({"id": DOC, "title": "Police raid Mintz Group's Beijing office", "url": None,
                              "source": "eastwire.example", "published": "2023-03-24",
                              "text": "Police in Beijing raided the office of Mintz Group on Monday."})


class EntityTimeline(BaseModel):
    """An entity's events and the revisions of the laws involved, on one axis."""

    entity: EntityRef
    event_count: int = Field(description="Events the entity takes part in (any role); `events` holds the newest.")
    events: list[Event] = Field(description="Its newest events, newest first (undated last).")
    revisions: list[Event] = Field(description=(
        "Every LawRevision of the laws involved: those the events were taken under, those of the countries "
        "whose authorities acted, and the entity itself when it is a law; `date` is the adoption, "
        "`effective_date` when it took effect. Oldest first."))

    model_config = _examples({"entity": {"id": MINTZ, "type": "Company", "name": "Mintz Group", "country": "US"},
                              "event_count": 1, "events": [EVENT_EXAMPLE], "revisions": []})
