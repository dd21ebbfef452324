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

from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.judge_courts import is_court, nearest
from ingest.extract.learned.attacher import court_named, unnamed_body
from ingest.extract.stage_records import Cluster, Event
from ingest.extract.vocabulary import words

#: the words that make a body's name a court's (data/words.yaml, shared with the attacher)
COURT_WORDS = words("court_name_words")
#: a court of appeal is rarely the court an unnamed court of the story stands for
APPEAL_WORDS = words("appeal_court_words")


def unnamed_court(doc: Doc, c: Cluster) -> bool:
    """A court told by a description, not a proper name: its court word is in lower case and it
    is first told with "a" / "an" or named by nothing but lower-case words, a place or a
    nationality ("a Managua court", "Dutch court", "appeals court"); not "the Sidi M'hamed
    court", "Revolutionary Court", "Sverdlovsk Regional Court" nor a court of the gazetteer."""
    if c.type != "GovernmentBody" or c.synthetic or c.gaz_id is not None or not court_named(c):
        return False
    words_ = c.name.replace("'s", "").replace("’s", "").split()
    if not any(w in COURT_WORDS for w in words_):
        return False
    rest = [w for w in words_ if w.casefold() not in COURT_WORDS and w not in ("a", "an", "the", "in", "of")]
    return unnamed_body(doc, c) or all(w[:1].islower() for w in rest) or load_gazetteer().is_place_or_demonym(
        " ".join(rest))


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
