"""A bare "the raid" after a raid has been told is that raid again, not a new event.

``merge_events`` folds two mentions of one event when they share a target. A definite event noun
that names no target of its own ("the arrests were ordered by the committee", "shortly before
the arrests", "confirmed the arrests on Twitter") is given one from the context, often a name
that merely stands near it, and so becomes a second, wrongly targeted event. SCHEMA.md counts
such a re-mention ("the raid" later on) as the event it repeats. This step runs on the
document's final events and folds each such re-mention into the nearest earlier event of its
type (for an arrest or a detention, of either: news calls the detentions it has just told "the
arrests"; ``words.yaml``) whose date does not contradict it. The re-mention's borrowed
targets are not kept: joining them to the event (as ``merge_events`` joins a re-mention's own
targets) was measured and makes wrongly targeted events match gold events with hard agents
(LEARNED.md, tenth step).

A noun with its own argument phrase ("the arrest of X", "the raid on X's office", "its
closure", "the Capvision raid") is not a bare re-mention and is left alone, as is one with no
earlier event of its type to repeat (a first report worded as a noun).
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.event_dates import compatible_dates
from ingest.extract.stage_records import Event
from ingest.extract.vocabulary import kinds, words

#: On since the eleventh step: with ``actor_targets.py`` before it, tune event F1 +0.002 and train
#: +0.0004, agent F1 unchanged on both (LEARNED.md, eleventh step); off at the tenth step, where
#: on train one re-mention whose borrowed target was right folded away (agent F1 -0.0005).
#: ``pipeline.extract_doc`` folds only when this is true.
ENABLED = True

DEFINITE = words("remention_determiners")
OWN_PREPS = words("remention_own_preps")
SAME_EPISODE = kinds("remention_same_episode")


def is_bare_remention(ev: Event) -> bool:
    """The trigger is a definite event noun that names no argument of its own."""
    tok: Token = ev.trigger
    if tok.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children):
        return False
    if any(c.dep_ in ("poss", "nmod", "appos") or (c.dep_ == "compound" and c.pos_ == "PROPN")
           or (c.dep_ == "prep" and c.lower_ in OWN_PREPS) for c in tok.children):
        return False
    lo, hi = tok.left_edge.i, tok.right_edge.i
    return not any(lo <= m.start <= hi for c in [*ev.targets, *ev.laws] for m in c.mentions)


def fold_rementions(events: list[Event]) -> list[Event]:
    """The events, in their order, less each bare re-mention, folded into the nearest earlier
    event of its type (compatible dates); that event takes the re-mention's date only where it
    had none."""
    kept: list[Event] = []
    folded: set[int] = set()
    for ev in sorted(events, key=lambda e: e.trigger.i):
        antecedent = None
        if is_bare_remention(ev):
            types = SAME_EPISODE.get(ev.type, (ev.type,))
            antecedent = next((k for k in reversed(kept) if k.type in types and k.trigger.i < ev.trigger.i
                               and compatible_dates(k.date, ev.date)), None)
        if antecedent is None:
            kept.append(ev)
            continue
        folded.add(id(ev))
        if antecedent.date is None and ev.date is not None:
            antecedent.date, antecedent.date_quality = ev.date, ev.date_quality
        antecedent.confidence = max(antecedent.confidence, ev.confidence)
    return [ev for ev in events if id(ev) not in folded]
