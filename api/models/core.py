"""The shared pieces of every answer: entity and event references, sources, events and examples.

Lists are ``{"items": [...], "next": cursor-or-null}`` in a stable order; every model carries an
example for the OpenAPI document. Field names are snake_case; the graph's own property names
(camelCase) stay inside the queries. Type fields name ontology classes (see :mod:`api.models.types`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.models.types import ENTITY_TYPE_DOC, EVENT_TYPE_DOC, Role

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
    type: str = Field(description=ENTITY_TYPE_DOC)
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
    type: str = Field(description=EVENT_TYPE_DOC)
    date: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as the sources.")
    date_precision: str | None = Field(default=None, description="year, month or day.")

    model_config = _examples({"id": RAID, "type": "Raid", "date": "2023-03-20", "date_precision": "day"})

PROBABILITY_DOC = (
    "The argument model's calibrated probability that this entity fills the role (the highest of the "
    "documents that state it; reliability on the tune split in docs/LEARNED.md). Null: no document that "
    "states it was judged by the model - stated by the rules alone, or written before probabilities were "
    "kept; neither 0 nor 1.")


class ArgumentRef(EntityRef):
    """An entity in one of an event's judged roles (agent, target), with the model's probability."""

    probability: float | None = Field(default=None, description=PROBABILITY_DOC)

    model_config = _examples({"id": MINTZ, "type": "Company", "name": "Mintz Group", "country": "US",
                              "probability": 0.93})

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
    agents: list[ArgumentRef] = Field(default_factory=list, description="The authorities that acted.")
    targets: list[ArgumentRef] = Field(default_factory=list, description="The firms or people acted against.")
    location: EntityRef | None = None
    laws: list[EntityRef] = Field(default_factory=list, description="The laws it was taken under (or revised).")
    sources: list[Source] = Field(default_factory=list)


EVENT_EXAMPLE: dict[str, Any] = {
    "id": RAID, "type": "Raid", "date": "2023-03-20", "date_precision": "day", "effective_date": None,
    "effective_precision": None, "confidence": 1.0, "source_count": 2,
    "agents": [{"id": BEIJING_POLICE, "type": "GovernmentBody", "name": "Beijing police", "country": "CN",
                "probability": 0.88}],
    "targets": [{"id": MINTZ, "type": "Company", "name": "Mintz Group", "country": "US", "probability": 0.93}],
    "location": {"id": "place-0c1a2b3c4d5e6f70", "type": "Place", "name": "Beijing", "country": "CN"},
    "laws": [],
    "sources": [{"document": DOC, "title": "Police raid Mintz Group's Beijing office", "url": None,
                 "source": "eastwire.example", "published": "2023-03-24",
                 "evidence": "Police in Beijing raided the office of Mintz Group.", "start": 0, "end": 52,
                 "confidence": 1.0}],
}


def _ref(argument: dict[str, Any]) -> dict[str, Any]:
    """An example ArgumentRef as the EntityRef of an Argument (its probability is the Argument's)."""
    return {k: v for k, v in argument.items() if k != "probability"}


class EventPage(BaseModel):
    items: list[Event]
    next: str | None = None

    model_config = _examples({"items": [EVENT_EXAMPLE], "next": None})


class Argument(BaseModel):
    """One argument of an event and the documents that support it."""

    role: Role
    entity: EntityRef
    documents: list[str] = Field(description="Ids of the documents that state this argument.")
    probability: float | None = Field(default=None, description=PROBABILITY_DOC + " Agents and targets only.")
    probabilities: dict[str, float] = Field(default_factory=dict, description=(
        "The probability each document the model judged this argument in gave it (document id -> 0-1); "
        "a document of `documents` missing here stated it by the rules alone."))


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
    inferred_dates: list[ReportedDate] = Field(default_factory=list, description=(
        "Where a source's text leaves the event undated, the date of another event of the same story "
        "(about half of them right): a hint to check, never the event's date."))
    alternatives: list[Alternative] = Field(default_factory=list, description=(
        "Values where sources disagree: for now the dates reports give that contradict the event's "
        "(a more or less precise form of the same date is no disagreement); other fields follow "
        "with merge records."))

    model_config = _examples({**EVENT_EXAMPLE, "arguments": [
        {"role": "agent", "entity": _ref(EVENT_EXAMPLE["agents"][0]), "documents": [DOC],
         "probability": 0.88, "probabilities": {DOC: 0.88}},
        {"role": "target", "entity": _ref(EVENT_EXAMPLE["targets"][0]), "documents": [DOC],
         "probability": 0.93, "probabilities": {DOC: 0.93}}], "alternatives": []})
