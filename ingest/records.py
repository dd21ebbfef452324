"""Typed records that flow between the pipeline steps: documents in, extractions out.

The extraction record is the contract of ``../shared/eval/SCHEMA.md`` plus what the graph
needs to stay traceable (evidence offsets, confidence, gazetteer ids). Entity and event
types are checked against the ontology, so the extractor cannot emit a type the graph does
not know.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ontology import load as load_ontology
from ontology.types import COUNTRY_PATTERN, checked_partial_date, precision_of

#: Characters XML 1.0 forbids (and terminals act on): every control character but tab, line
#: feed and carriage return, and the two non-characters U+FFFE/U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Text every output can carry: lone surrogates become U+FFFD, control characters a space.

    Applied when a document is read, so the stored text, its offsets and every export agree.
    """
    value = _SURROGATE.sub("\ufffd", value)
    return _ILLEGAL.sub(" ", value)


def check_id(value: object) -> str:
    """A document id: a string (or an integer, written in decimal) without control characters."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError(f"id must be a string, not {type(value).__name__}")
    text = str(value).strip()
    if _ILLEGAL.search(text) or _SURROGATE.search(text) or "\n" in text or "\r" in text or "\t" in text:
        raise ValueError("id contains control characters")
    if not text:
        raise ValueError("id is empty")
    return text


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def date_precision(value: str | None) -> str | None:
    """``"year"``, ``"month"`` or ``"day"`` for a partial ISO date."""
    return None if value is None else precision_of(value)


class Document(BaseModel):
    """A news article, as read from JSON, JSON Lines, text or HTML."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=300)
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _valid_id(cls, value: object) -> str:
        return check_id(value)

    @field_validator("text", "title", "source", "url", mode="before")
    @classmethod
    def _clean(cls, value: object) -> object:
        return clean_text(value) if isinstance(value, str) else value

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


class Evidence(BaseModel):
    """The sentence that reports a fact, with its character offsets into the document text."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if self.end < self.start:
            raise ValueError("evidence end is before its start")
        return self

    def matches(self, document_text: str) -> bool:
        return document_text[self.start:self.end] == self.text


class ExtractedEntity(BaseModel):
    """One entity of one document, with every name the document uses for it."""

    name: str = Field(min_length=1)
    type: str
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    canonical_id: str | None = None  # a gazetteer id, stable across documents
    wikidata: str | None = None
    mentions: list[Evidence] = Field(default_factory=list)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in load_ontology().entity_types():
            raise ValueError(f"unknown entity type {value!r}")
        return value

    @field_validator("country")
    @classmethod
    def _iso2(cls, value: str | None) -> str | None:
        if value is not None and not re.match(COUNTRY_PATTERN, value):
            raise ValueError(f"country {value!r} is not an ISO 3166-1 alpha-2 code")
        return value

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


#: How an event's date was found, from the best founded to a guess (ingest/extract/stage_records.py maps
#: the extractor's date qualities onto these; ingest/extract/story_dates.py makes the guesses).
DateBasis = Literal["sentence", "narrative", "report", "story"]

#: The event arguments the learned attacher judges (ingest/extract/learned/attacher.py): only these
#: may carry a probability; locations and laws come from the rules alone.
SCORED_ARGUMENTS = ("agents", "targets")


class ExtractedEvent(BaseModel):
    """One enforcement event of one document. Arguments name entities of the same document."""

    type: str
    date: str | None = None
    # how the date was found (ingest.extract.stage_records.DATE_BASIS): stated in the evidence sentence,
    # carried on from the narrative before it, the report's tense (the day or month of publication), or
    # taken from another event of the story ("story": a guess, right about half the time, which the graph
    # never makes the event's date). None for gold records, older extractions and undated events.
    date_basis: DateBasis | None = None
    effective: str | None = None
    agents: list[str] = Field(default_factory=list)
    targets: list[str] = Field(default_factory=list)
    location: str | None = None
    laws: list[str] = Field(default_factory=list)
    evidence: Evidence
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    # reported / confirmed / denied / reversed, where the text says so (ingest.extract.status); None when not
    # read (gold records, older extractions). Not part of the SCHEMA.md output (to_schema).
    status: Literal["reported", "confirmed", "denied", "reversed"] | None = None
    # argument field (agents, targets) -> argument name -> the learned attacher's calibrated probability
    # that the entity fills that role. An argument without one was not judged (rules alone, an older
    # extraction, gold records): it reads as "no probability", never as 0 or 1.
    argument_probabilities: dict[str, dict[str, float]] = Field(default_factory=dict)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in load_ontology().event_types():
            raise ValueError(f"unknown event type {value!r}")
        return value

    @field_validator("date", "effective")
    @classmethod
    def _partial_date(cls, value: str | None) -> str | None:
        return checked_partial_date(value)

    @model_validator(mode="after")
    def _probabilities_of_arguments(self) -> ExtractedEvent:
        for field_name, by_name in self.argument_probabilities.items():
            if field_name not in SCORED_ARGUMENTS:
                raise ValueError(f"argument_probabilities: {field_name!r} is not one of {', '.join(SCORED_ARGUMENTS)}")
            names = set(getattr(self, field_name))
            for name, p in by_name.items():
                if name not in names:
                    raise ValueError(f"argument_probabilities: {name!r} is not one of the event's {field_name}")
                if not 0.0 <= p <= 1.0:
                    raise ValueError(f"argument_probabilities: {field_name} {name!r}: {p} is not between 0 and 1")
        return self

    def probability_of(self, field_name: str, name: str) -> float | None:
        """The attacher's probability of one argument; None where it did not judge it."""
        return self.argument_probabilities.get(field_name, {}).get(name)


class Extraction(BaseModel):
    """Everything extracted from one document."""

    document: Document
    entities: list[ExtractedEntity] = Field(default_factory=list)
    events: list[ExtractedEvent] = Field(default_factory=list)
    extractor: str | None = None  # the extractor's fingerprint (ingest.version)

    def to_schema(self) -> dict[str, Any]:
        """The SCHEMA.md output object (what ``extract --format jsonl`` prints)."""
        entities = [
            {"name": e.name, "type": e.type, "aliases": e.aliases, "country": e.country,
             "confidence": round(e.confidence, 3)}
            for e in self.entities
        ]
        events = []
        for ev in self.events:
            out: dict[str, Any] = {
                "type": ev.type, "date": ev.date, "agents": ev.agents, "targets": ev.targets,
                "location": ev.location, "laws": ev.laws, "evidence": ev.evidence.text,
                "evidence_start": ev.evidence.start, "evidence_end": ev.evidence.end,
                "confidence": round(ev.confidence, 3),
            }
            if ev.type == "LawRevision":
                out["effective"] = ev.effective
            if ev.date_basis:  # beyond SCHEMA.md (its scorer ignores it): a "story" date is a guess
                out["date_basis"] = ev.date_basis
            if ev.argument_probabilities:  # beyond SCHEMA.md (its scorer ignores it): where the attacher ran
                out["argument_probabilities"] = {k: dict(v) for k, v in sorted(ev.argument_probabilities.items())}
            events.append(out)
        return {"doc_id": self.document.id, "entities": entities, "events": events}
