"""A court the story leaves unnamed: the court it names, else the acting state's authorities.

SCHEMA.md's conventions: a court the story names is the agent of its own sentences and
convictions, and where no acting body is named but the acting state is plain, the agent is that
state's authorities. "A Tunis court sentenced him", "a Turkish court barred her from leaving", "an
appeals court cut the term": a court told by a description ("court" in lower case, first told
with "a" / "an", or beside no more than its place or nationality) is no named body. The rules
take it as the subject's agent; the gold gives the court the story names by a proper name
("Nova Scotia Provincial Court" for "the provincial court judge"), or, when it names none, the
state's authorities. Runs after the learned attacher, so it holds whatever a retrained model
decides.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ingest.extract.courts import is_court, nearest, unnamed_court
from ingest.extract.stage_records import Cluster, Event
from ingest.extract.vocabulary import words

#: a court of appeal is rarely the court an unnamed court of the story stands for
APPEAL_WORDS = words("appeal_court_words")


def name_unnamed_courts(doc: Doc, events: list[Event], clusters: list[Cluster],
                        authorities: dict[int, Cluster | None]) -> list[Event]:
    """Replace, in place, an unnamed court among an event's agents by the court the story names
    nearest the event's trigger (not a court of appeal: ``appeal_court_words``), else by the
    event's "X authorities" (``authorities``: per event, by ``id``, the jurisdiction's entity
    the stages made) when the court's country, if known, is that state's. Returns ``events``."""
    named = [c for c in clusters if is_court(c) and not unnamed_court(doc, c)
             and any(m.end > m.start for m in c.mentions)
             and not APPEAL_WORDS & set(c.name.casefold().split())]
    for ev in events:
        unnamed = [a for a in ev.agents if unnamed_court(doc, a)]
        if not unnamed:
            continue
        auth = authorities.get(id(ev))
        if named:
            instead: Cluster | None = nearest(named, ev)
        elif auth is not None and all(a.country in (None, auth.country) for a in unnamed):
            instead = auth
        else:
            continue
        if instead is None or instead in ev.targets:
            continue
        kept = [instead if any(a is u for u in unnamed) else a for a in ev.agents]
        ev.agents[:] = [a for i, a in enumerate(kept) if all(a is not b for b in kept[:i])]
    return events
