"""Response models for reading evidence in context: a document's text (what evidence offsets index
into) and an entity's events on one axis with the revisions of the laws involved.

Kept beside :mod:`api.models` (the query answers) so that each module stays one screen of types.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from api.models.core import DOC, EVENT_EXAMPLE, MINTZ, EntityRef, Event, _examples


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
