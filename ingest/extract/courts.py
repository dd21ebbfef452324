"""What a court is in a story: a body named as one, told by a description or by a proper name.

Three stages read courts: the learned attacher (its court and "generic body" features), the
judge's court (``judge_courts``: a judge's sentence is also their court's) and the unnamed court
(``unnamed_courts``: "a Tunis court" gives way to the court the story names). They share these
tests, so a court is recognised the same way wherever it is read.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.stage_records import Cluster, Event
from ingest.extract.vocabulary import words

#: Words that make a state body a court or a judge (data/words.yaml; SCHEMA.md: a court the
#: story names is the agent of its sentences and convictions).
COURT_WORDS = words("court_name_words")


def court_named(c: Cluster) -> bool:
    """A body whose name says it is a court or a judge ("Sverdlovsk Regional Court")."""
    return bool(COURT_WORDS & set(c.name.casefold().replace("'s", "").split()))


def unnamed_body(doc: Doc, c: Cluster) -> bool:
    """A body the text does not name: "a court in Minsk", "a Tunis court" (its first real
    mention opens with an indefinite article or a lower-case word)."""
    real = [m for m in c.mentions if m.end > m.start]
    if not real:
        return False
    before = doc[real[0].start - 1].lower_ if real[0].start > 0 else ""
    return before in ("a", "an") or c.name[:1].islower()


def is_court(c: Cluster) -> bool:
    """A named state body whose name says it is a court ("Sverdlovsk Regional Court")."""
    return c.type == "GovernmentBody" and not c.synthetic and court_named(c)


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


def _distance(c: Cluster, ev: Event) -> int:
    return min(abs(m.start - ev.trigger.i) for m in c.mentions if m.end > m.start)


def nearest(courts: list[Cluster], ev: Event) -> Cluster:
    """The court (of bodies each mentioned in the text) named nearest the event's trigger."""
    return min(courts, key=lambda c: _distance(c, ev))
