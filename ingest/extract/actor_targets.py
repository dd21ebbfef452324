"""An event's targets are actors that are acted on: four last checks of the targets chosen.

* **A place is no target.** The ontology gives ``target`` the range Actor, and SCHEMA.md names
  the firm or person acted against. The rules take targets only among actors, but the learned
  typer runs after them and may retype a name a rule chose ("Batignolles", "Abuja", "Montrose
  Boulevard": a street or a district first read as a person), and the attacher keeps a rule's
  own choice whatever its type.
* **A sitting leader or a judge is a target only where the sentence puts him there.**
  "President X", "King X" or "Judge X" enters stories as the one who orders ("President X ordered
  the diplomats out") or as their background ("reported on President X's family"),
  and a pronoun or the attacher then borrows the name for an event whose target is someone else
  ("a court formally arrested him", "the three defendants were convicted"). Such a target is
  kept only when a mention of it in the event's own sentence is not the subject side of the
  trigger's clause; a former, deposed or deputy holder ("former President X was charged", "the
  party's vice president X") is left alone.
* **A closure closes a body.** SCHEMA.md gives a Closure a firm as target, and the gold never names
  a person there; a person comes in where a pronoun or the attacher borrows the story's
  protagonist ("until President X dissolved it", "X's broadcasts, including orders for
  shutdowns"). Person targets of the events in ``body_target_events`` are dropped.
* **The outlet that tells the story is no party to it unless the event's sentence names it.**
  A dateline ("ALMATY (Steppe Tribune) -") makes the publisher a named organisation of the
  document, and a pronoun or the attacher then borrows it for an event whose target is someone
  else ("two politicians were stopped from leaving"). The outlet is the document's ``source``
  (its domain's first label, compared without spaces or punctuation: "steppetribune.example" is
  "Steppe Tribune"); where the sentence names it ("police raided the Palm Wire newsroom") it stays.

A target dropped takes its argument probability with it; an enforcement event left with no
target is dropped (it cannot be anybody's event). Measured on tune and train: LEARNED.md,
eleventh step.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ingest.extract.stage_records import Cluster, Event
from ingest.extract.vocabulary import ACTORS, words

OFFICE_TITLES = words("office_titles")
OFFICE_LOWERCASE = words("office_titles_lowercase")
OFFICE_PAST = words("office_past")
BODY_TARGET_EVENTS = words("body_target_events")
#: an active clause's subject orders; a passive subject ("President X was arrested") is acted on
SUBJECT_SIDE = ("nsubj", "csubj")


def _title_before(doc: Span, start: int) -> list[Token]:
    """The title words right before a name ("Prime Minister", "President"), nearest first."""
    out: list[Token] = []
    i = start - 1
    while i >= 0 and len(out) < 3 and (doc[i].is_title or doc[i].text in OFFICE_LOWERCASE):
        out.append(doc[i])
        i -= 1
    return out


def holds_office(c: Cluster, doc: Span) -> bool:
    """Some mention of the person carries the title of an office that acts (a sitting leader, a
    judge: ``office_titles``), and none a former holder's."""
    if c.type != "Person":
        return False
    titled = False
    for m in c.mentions:
        title = _title_before(doc, m.start)
        words_ = [t.lower_ for t in reversed(title)]
        if not any(" ".join(words_[k:]) in OFFICE_TITLES for k in range(len(words_))):
            continue
        first = m.start - len(title)
        before = [t.lower_.strip("-") for t in title] + ([doc[first - 1].lower_.strip("-")] if first > 0 else [])
        if any(w in OFFICE_PAST for w in before):  # "former President X", "Former President X"
            return False
        titled = True
    return titled


def _subject_side(tok: Token) -> bool:
    """The token is (in) a clause's subject: "President X ordered", "President X's government"."""
    t = tok
    while t.dep_ in ("poss", "compound", "appos", "flat") and t.head.i != t.i:
        t = t.head
    return t.dep_ in SUBJECT_SIDE


def _named_as_target(c: Cluster, ev: Event) -> bool:
    sent = ev.sent
    doc = sent.doc
    return any(sent.start <= m.start < sent.end and not _subject_side(doc[m.end - 1])
               for m in c.mentions if m.end > m.start)


def outlet_key(source: str | None) -> str | None:
    """The publishing outlet as a bare key: "www.palmwire.example" -> "palmwire"."""
    if not source:
        return None
    labels = [x for x in source.casefold().split(".") if x and x != "www"]
    if not labels:
        return None
    return _key(labels[0]) or None


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


def _borrowed_outlet(c: Cluster, ev: Event, outlet: str | None) -> bool:
    """The target is the story's publisher and the event's own sentence does not name it."""
    if outlet is None or not any(_key(n) == outlet for n in (c.name, *c.aliases)):
        return False
    return not any(ev.sent.start <= m.start < ev.sent.end for m in c.mentions)


def _kept(c: Cluster, ev: Event, outlet: str | None = None) -> bool:
    if c.type not in ACTORS:
        return False
    if c.type == "Person" and ev.type in BODY_TARGET_EVENTS:
        return False
    if _borrowed_outlet(c, ev, outlet):
        return False
    return not holds_office(c, ev.sent.doc[:]) or _named_as_target(c, ev)


def actor_targets(events: list[Event], source: str | None = None) -> list[Event]:
    """The events with the targets above dropped (``source``: the document's publisher, a
    domain); an event left with none is dropped (a LawRevision, whose arguments are laws, is kept
    as it is)."""
    outlet = outlet_key(source)
    out: list[Event] = []
    for ev in events:
        if ev.type == "LawRevision":
            out.append(ev)
            continue
        kept = [c for c in ev.targets if _kept(c, ev, outlet)]
        if not kept:
            continue
        if len(kept) != len(ev.targets):
            dropped = {c.name for c in ev.targets} - {c.name for c in kept}
            ev.targets = kept
            ev.argument_probability = {k: p for k, p in ev.argument_probability.items()
                                       if not (k[0] == "target" and k[1] in dropped)}
        out.append(ev)
    return out
