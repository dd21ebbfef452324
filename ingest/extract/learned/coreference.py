"""Co-reference features of a target candidate: who "he", "the company" or an empty slot means.

The gold reads targets from the whole document (SCHEMA.md: "the firm", "it", a surname), and a
trigger whose own phrases name no target ("The entrepreneur was detained", "Both were detained
in September", "fined him 1,000 dinars") is left by the rules without one. The attacher
(``attacher.py``) then weighs every person or firm named before such a trigger. What tells the
right one is what stands in the trigger's target slot (a pronoun, a common noun, a name, nothing)
against the candidate's kind, how recently the candidate was named before the trigger among the
persons (or firms) of the document, and in which sentence: these features carry that, for every
target candidate, and conjoined with "pending" for a trigger the rules could not complete.
An agent, too, is often named only elsewhere in the story: the body that acted in the event told
just before, or in another event of the same target, and the bodies that act (a verb's subject,
a passive's "by") anywhere in the document (``story_agents``, ``acts``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from spacy.tokens import Token

from ingest.extract.arguments import syntactic_targets
from ingest.extract.clause_subjects import small_clause_subjects
from ingest.extract.stage_records import Cluster, Event

#: The kinds a target is ranked among ("the last person named", "the last firm named").
KINDS = {"Person": "person", "Company": "firm", "Organization": "firm"}


def bucket(n: int) -> str:
    """A count in a few bins (a hashed feature per bin)."""
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11-30" if n <= 30 else "31+"


def target_slot(ev: Event) -> list[str]:
    """What stands where the trigger's target would be: a pronoun ("detained him"), a common
    noun ("the company", "the pair"), a name, or nothing ("was detained")."""
    heads: list[Token] = syntactic_targets(ev.trigger) or small_clause_subjects(ev.trigger)
    if ev.trigger.dep_ in ("relcl", "acl") and not heads:
        heads = [ev.trigger.head]
    out = []
    for h in heads[:3]:
        if h.pos_ == "PRON":
            out.append(f"pron:{h.lower_}")
        elif h.pos_ == "PROPN":
            out.append("name")
        else:
            out.append(f"noun:{h.lemma_.casefold()}")
    return out or ["empty"]


class TargetContext:
    """The persons and firms of one document in text order, and its sentence of each token."""

    def __init__(self, clusters: list[Cluster], sent_of: dict[int, int]) -> None:
        self.sent_of = sent_of
        #: (mention start, cluster) of the persons and firms, in text order
        self.actor_starts = sorted(((m.start, c) for c in clusters if c.type in KINDS
                                    for m in c.mentions if m.end > m.start), key=lambda x: x[0])

    def recency(self, ev: Event, c: Cluster) -> str:
        """0 for the person (or firm) named last before the trigger, 1 for the one before, ...;
        "after" for one named only after it."""
        kind = KINDS.get(c.type)
        order: list[int] = []
        for start, x in reversed(self.actor_starts):
            if start < ev.trigger.i and KINDS[x.type] == kind and x.id not in order:
                order.append(x.id)
        return str(min(order.index(c.id), 3)) if c.id in order else "after"

    def features(self, ev: Event, c: Cluster, slot: list[str], pending: bool) -> list[str]:
        """The co-reference features of target candidate ``c`` of ``ev`` (``slot`` from
        ``target_slot``); ``pending``: the rules found no target for the trigger."""
        kind = KINDS.get(c.type, "other")
        recent = self.recency(ev, c)
        here = self.sent_of.get(ev.trigger.i, 0)
        offsets = [self.sent_of.get(m.start, 0) - here for m in c.mentions if m.end > m.start] or [99]
        near = min(offsets, key=abs)
        gap = "0" if near == 0 else f"{'-' if near < 0 else '+'}{min(abs(near), 4)}"
        f = [f"recent={recent}|{kind}", f"recent={recent}|{kind}|pending={pending}",
             f"gap={gap}|{kind}|pending={pending}"]
        f += [f"slot={s}|{kind}" for s in slot] + [f"slot={s}|{kind}|recent={recent}" for s in slot]
        if pending:
            f += [f"pending|{ev.type}|{kind}", "pending", f"pending|pos={ev.trigger.pos_}|{ev.type}",
                  f"pending|dep={ev.trigger.dep_}|{kind}", f"pending|mentions={bucket(len(c.mentions))}|{kind}"]
            f += [f"pending|slot={s}|{kind}|recent={recent}" for s in slot]
        return f


def acts(root: Token) -> bool:
    """A mention that acts: the subject of a verb, or the "by" agent of a passive."""
    return (root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX")) or (
        root.dep_ == "pobj" and root.head.dep_ == "agent")


def story_agents(told: list[Event], events: list[Event]) -> list[dict[str, set[str]]]:
    """Per event, the agents the rules gave the event told just before it ("prev") and the
    events that share one of its targets ("target"): one story's actor acts again where a
    sentence names none (SCHEMA.md: arguments are read from the whole document). Linear in the
    events (a hostile document may tell thousands)."""
    acted = sorted((o.trigger.i, -k) for k, o in enumerate(told) if o.agents)  # ties: the first told
    starts = [i for i, _ in acted]
    by_target: dict[str, Counter[str]] = {}
    for o in told:
        for t in {c.name.casefold() for c in o.targets}:
            by_target.setdefault(t, Counter()).update({c.name.casefold() for c in o.agents})
    mine_told = {id(o) for o in told}
    out = []
    for ev in events:
        k = bisect_left(starts, ev.trigger.i) - 1  # the last event with agents told before it
        prev = {c.name.casefold() for c in told[-acted[k][1]].agents} if k >= 0 else set()
        own = {c.name.casefold() for c in ev.agents} if id(ev) in mine_told else set()
        shared: set[str] = set()
        for t in {c.name.casefold() for c in ev.targets}:
            shared |= {a for a, n in by_target.get(t, Counter()).items() if n - (a in own) > 0}
        out.append({"prev": prev, "target": shared})
    return out
