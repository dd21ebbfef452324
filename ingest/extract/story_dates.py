"""Dates from the story for events whose own text gives none, marked as such.

``event_dates.py`` dates an event from its sentence, the narrative it continues or the tense of
the report, and leaves it undated when none of these speaks. News often tells the episode's date
once ("Police raided the office on 12 May ...") and then the rest of it undated ("Officers also
seized laptops"). On the training split (LEARNED.md, twentieth step), nearly every such event's
real date is one the document states elsewhere.

So an event still undated at the end takes the date of the nearest event of its type that its
own sentence dates, else of the nearest such event told before it, else of the story's first. A
law revision takes only another revision's date: a law's adoption is not the day of a raid told in
the same story.
Such a date has basis ``story`` (``DATE_BASIS``), not ``sentence``: about half of them were
right on the training split, and the graph keeps them apart from dates the text states
(``ingest/graph/rows.py``: not the event's date, not part of its identity).

Runs last, after events are merged and re-mentions folded, so a guessed date never decides
whether two mentions are one event.
"""

from __future__ import annotations

from ingest.extract.stage_records import Q_SENTENCE, Q_STORY, Event


def fill_story_dates(events: list[Event]) -> list[Event]:
    """Gives each undated event a date from the story (``Q_STORY``); dated events are untouched."""
    dated = sorted((e for e in events if e.date and e.date_quality >= Q_SENTENCE), key=lambda e: e.trigger.i)
    if not dated:
        return events
    for ev in events:
        if ev.date:
            continue
        same = [e for e in dated if e.type == ev.type]
        if same:
            source = min(same, key=lambda e: (abs(e.trigger.i - ev.trigger.i), e.trigger.i))
        elif ev.type == "LawRevision":
            continue  # a law's adoption is not the day of a raid or an arrest the story tells
        else:
            before = [e for e in dated if e.trigger.i < ev.trigger.i]
            source = before[-1] if before else dated[0]
        ev.date, ev.date_quality = source.date, Q_STORY
    return events
