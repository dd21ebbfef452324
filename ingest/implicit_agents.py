"""Agents read from the whole document for events whose own sentence names no actor.

SCHEMA.md reads arguments from the whole document: "Kanu was first arrested in Lagos in 2015"
still has an agent, because the story makes the acting state clear. After the sentence-level
rules (``events.py``) and the merging of repeated mentions (``dating.merge_events``), an event
still without an agent takes, in this order:

1. the agent another event of the document gives the same target, when that body can do this
   kind of act ("officers of the X unit detained him ... he was later charged" - the unit);
   a court only lends itself to court acts, a foreign ministry only to expulsions and sanctions;
2. failing that, the named state body that acts in most of the document's other events
   (at least two, and more than any other): the story's enforcer.
3. the acting state's authorities ("Nigerian authorities", a GovernmentBody with the country's
   code), the state read from the event's place or, failing that, from the state whose bodies act in the
   document's other events, else from the state bodies and places it names.

Run once per document over its final events; what one event looks at is bounded, so the
work is linear in the number of events and targets, and no sentence is read again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ingest.dating import Event
from ingest.linking import Cluster

#: Acts a court does itself: an arrest or detention it orders is told as the authorities'.
COURT_ACTS = {"Sentence", "Fine", "Charge"}
#: Bounds on what one event looks at, so that a document of thousands of events stays linear.
MAX_LENDERS, MAX_RANKED = 40, 20
#: Can ``body`` have done an act of ``event_type``?  (``EventExtractor._can_act``)
CanAct = Callable[[Cluster, str], bool]
#: The jurisdiction's authorities for an event, or None when the state is unclear.
Authorities = Callable[[Event], Cluster | None]


def fill_implicit_agents(events: list[Event], can_act: CanAct, authorities: Authorities) -> None:
    """Give every agentless enforcement event the agent the document implies (in place)."""
    by_target: dict[int, list[Event]] = {}
    for ev in events:
        if ev.agents:
            for c in ev.targets:
                same = by_target.setdefault(c.id, [])
                if len(same) < MAX_LENDERS:
                    same.append(ev)
    waiting = [ev for ev in events if not ev.agents and ev.type != "LawRevision"]
    for ev in waiting:  # first what the document says of the same target
        lent = _lent_agent(ev, by_target, can_act)
        if lent is not None:
            ev.agents = [lent]
    ranked = _agent_counts(events)
    for ev in waiting:  # then the story's enforcer, then the acting state's authorities
        if ev.agents:
            continue
        main = _main_agent(ranked, ev, can_act)
        if main is not None:
            ev.agents = [main]
            continue
        auth = authorities(ev)
        if auth is not None and auth not in ev.targets:
            ev.agents = [auth]
            ev.confidence = max(0.3, ev.confidence - 0.05)


def _is_court(c: Cluster) -> bool:
    return any(w in c.name.casefold() for w in ("court", "tribunal", "judge"))


def acting_state(events: list[Event]) -> str | None:
    """The country whose bodies act in the document's events that name their agent, the one
    acting most often; None when no agent has a country."""
    votes: Counter[str] = Counter()
    for ev in events:
        for c in ev.agents:
            if c.country:
                votes[c.country] += 1
    return votes.most_common(1)[0][0] if votes else None


def _agent_counts(events: list[Event]) -> list[tuple[Cluster, int]]:
    """The named state bodies acting in the document's events, most often acting first."""
    counts: Counter[int] = Counter()
    by_id: dict[int, Cluster] = {}
    for ev in events:
        for c in ev.agents:
            if c.type == "GovernmentBody" and not c.synthetic:
                counts[c.id] += 1
                by_id[c.id] = c
    return [(by_id[i], n) for i, n in counts.most_common()]


def _main_agent(ranked: list[tuple[Cluster, int]], ev: Event, can_act: CanAct) -> Cluster | None:
    """The named state body that acts in at least two of the document's events, more often than
    any other that could do this act: the story's enforcer ("national security police"
    arrested, searched, charged)."""
    fit = [(c, n) for c, n in ranked[:MAX_RANKED] if c not in ev.targets and can_act(c, ev.type)
           and (ev.type in COURT_ACTS or not _is_court(c))][:2]
    if not fit or fit[0][1] < 2 or (len(fit) > 1 and fit[1][1] == fit[0][1]):
        return None
    return fit[0][0]


def _lent_agent(ev: Event, by_target: dict[int, list[Event]], can_act: CanAct) -> Cluster | None:
    """The agent of the nearest other event on one of ``ev``'s targets that can do ``ev``'s act,
    an event of the same type first."""
    best: tuple[int, int, Cluster] | None = None
    for c in ev.targets:
        for other in by_target.get(c.id, []):
            if other is ev:
                continue
            for agent in other.agents:
                if agent in ev.targets or agent.type != "GovernmentBody" or not can_act(agent, ev.type) or (
                        ev.type not in COURT_ACTS and _is_court(agent)):
                    continue
                rank = (0 if other.type == ev.type else 1, abs(other.trigger.i - ev.trigger.i))
                if best is None or rank < best[:2]:
                    best = (*rank, agent)
    return best[2] if best is not None else None
