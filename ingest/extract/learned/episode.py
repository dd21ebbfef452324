"""Whether a body named outside an event's sentence acts in that event's episode.

SCHEMA.md reads an event's arguments from the whole document: an agent its sentence leaves
unnamed is often a body named a sentence or a paragraph away ("The Ostrava court found him
guilty"). But a story tells more than one episode - the trial it reports and, paragraphs later,
the 2019 sentence of another critic; the campaign of a security service and the arrest of a
reporter by customs officers - and the learned attacher, which judges one (event, body) pair at a
time, came to add any body of the story into an empty agent role (LEARNED.md, eleventh and twelfth
steps). This gate keeps an added agent from outside the event's sentence only when it is tied
to the event's episode:

* the event's own clause does not name its actor as an unnamed body of another kind ("customs
  officers detained X": a body whose name shares none of "customs" is not theirs);
* and the body is not of another episode of the story: named only beside events whose dates
  disagree with this event's and never within a sentence of this event's target. A body named
  in the sentence before or after, re-mentioned in the event's sentence ("the department"), near
  no event, or beside the target is kept.

The rules' own agents and the jurisdiction's unnamed authorities are never gated here.

Off by default (``GATE``): on the tune split it gains less than the twelfth step's landing
condition asked (LEARNED.md, "Twelfth step"); switched on, the two hand-built cases of the
eleventh step's regression pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ingest.extract.stage_records import Cluster, Event
from ingest.extract.vocabulary import words

#: whether the attacher applies the gate (see the module doc for why it is off)
GATE = False
#: lemmas of a subject that names an unnamed body's people
ACTOR_NOUNS = words("episode_actor_nouns")
#: modifiers of such a subject that do not say which body ("armed officers", "local police")
VAGUE = words("episode_vague_modifiers")


def dates_agree(a: str | None, b: str | None) -> bool:
    """Two dates of the schema's forms agree when one is unknown or their years are at most one
    apart: one story's episode runs over days and months, across a new year too (indicted in
    December, tried in January; a ban since February told in March), while another episode it
    recalls lies years back ("was jailed in 2019")."""
    if a is None or b is None:
        return True
    try:
        return abs(int(a[:4]) - int(b[:4])) <= 1
    except ValueError:
        return True


def own_actor_kind(ev: Event) -> frozenset[str]:
    """The words that say which body the event's own clause names as its actor ("customs" of
    "customs officers detained X", "tax" of "was raided by tax inspectors"); empty where the
    clause names no such unnamed body (a name, a pronoun, a bare "police", "Chinese police": a
    modifier the NER reads as a name says whose, not which body)."""
    trig = ev.trigger
    heads = [trig, trig.head] if trig.dep_ == "conj" else [trig]  # "raided ... and detained"
    for h in heads:
        for child in h.children:
            subj: Token | None = child if child.dep_ == "nsubj" else next(
                (p for p in child.children if p.dep_ == "pobj"), None) if child.dep_ == "agent" else None
            if subj is None or subj.pos_ != "NOUN" or subj.lemma_.casefold() not in ACTOR_NOUNS:
                continue
            if subj.ent_type_:  # the rules read a name here
                return frozenset()
            return frozenset(t.lower_ for t in subj.children if t.dep_ in ("compound", "amod")
                             and t.is_alpha and t.pos_ in ("NOUN", "ADJ") and not t.ent_type_
                             and t.lower_ not in VAGUE)
    return frozenset()


class Episodes:
    """Per document: the sentences each body is named in and what the events near them say."""

    def __init__(self, clusters: Iterable[Cluster], events: list[Event], sent_of: dict[int, int]) -> None:
        self.sent_of = sent_of
        by_sent: dict[int, list[Event]] = {}
        for ev in events:
            by_sent.setdefault(sent_of.get(ev.trigger.i, -1), []).append(ev)
        clusters = list(clusters)
        named: dict[int, set[int]] = {}  # sentence -> the entities named in it
        for c in clusters:
            for m in c.mentions:
                if m.end > m.start:
                    named.setdefault(sent_of.get(m.start, -99), set()).add(c.id)
        self.sents: dict[int, set[int]] = {}
        #: per body, the dates of the events told within a sentence of its mentions
        self.dates: dict[int, set[str | None]] = {}
        #: per body, the entities named within a sentence of its mentions
        self.beside: dict[int, set[int]] = {}
        for c in clusters:
            if c.type != "GovernmentBody":
                continue
            sents = {sent_of.get(m.start, -99) for m in c.mentions if m.end > m.start}
            around = {k for s in sents for k in (s - 1, s, s + 1)}
            self.sents[c.id] = sents
            self.dates[c.id] = {o.date for k in around for o in by_sent.get(k, [])}
            self.beside[c.id] = {x for k in around for x in named.get(k, ())}

    def relation(self, ev: Event, c: Cluster) -> str:
        """How body ``c``, a candidate agent of ``ev``, stands to the event's episode: "text" (not
        a named body of the text, such as the authorities), "same" (named in its sentence),
        "kind" (its clause names another kind of body), "anaphor" (its sentence says "the
        department" of the "Department of Justice"), "next" (named a sentence away), "target"
        (named within a sentence of the event's target), "alone" (named near no event),
        "untargeted" (the event names no target), "date" (near an event whose date agrees),
        "undated" (the dates near it or the event's are unknown), "other" (near events of other
        dates only, and not near the event's target: another episode of the story)."""
        sents = self.sents.get(c.id)
        if not sents or c.synthetic:
            return "text"
        here = self.sent_of.get(ev.trigger.i, -1)
        if here in sents:
            return "same"
        kind = own_actor_kind(ev)
        name = set(c.name.casefold().replace("-", " ").split())
        if kind and not kind & name:
            return "kind"
        if any(t.lower_ in name and t.pos_ == "NOUN" and not t.ent_type_ and t.i != ev.trigger.i
               and any(d.lower_ in ("the", "this") for d in t.children) for t in ev.sent):
            return "anaphor"
        if here - 1 in sents or here + 1 in sents:
            return "next"
        if any(t.id in self.beside[c.id] for t in ev.targets):
            return "target"
        dates = self.dates[c.id]
        if not dates:
            return "alone"
        if not ev.targets:
            return "untargeted"
        if ev.date is not None and any(d is not None and dates_agree(ev.date, d) for d in dates):
            return "date"
        if ev.date is None or None in dates:
            return "undated"
        return "other"


    def tied(self, ev: Event, c: Cluster) -> bool:
        """Whether body ``c`` may be added as an agent of ``ev``: neither "kind" nor "other"."""
        return self.relation(ev, c) not in UNTIED


#: relations of a body outside the event's sentence that keep it from being added as its agent
UNTIED = frozenset({"kind", "other"})
