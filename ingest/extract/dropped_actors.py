"""An unnamed court the learned attacher dropped, and the acts that share one actor.

The rules read "A court in Ruritania sentenced him" with the court as agent. By SCHEMA.md's
conventions such a court is no agent of its own: a court the story names is the agent of its
sentences, and an act whose acting body goes unnamed, in a state that is plain, is that state's
authorities'. The
attacher, trained on gold that never names "court in Ruritania" as an agent, drops it (its
probability falls below the attacher's ``drop``) and adds nothing in its place, so the event
ends with no agent although its sentence says who acted; ``unnamed_courts.name_unnamed_courts``
then has no court left to name.

So, after the attacher, an event left with no agent gets its rules' unnamed court back, for
``name_unnamed_courts`` to turn into the court the story names or the state's authorities; a
court that stays unnamed is removed again. Then a conjoined act with no subject of its own
("sentenced him to a year and fined him") shares the final agents of the act it is conjoined
to, as the rules' agent stage does before the attacher. Runs after the attacher, so it holds
whatever a retrained model decides.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ingest.extract.courts import unnamed_court
from ingest.extract.stage_records import Cluster, Event


def rule_agents(events: list[Event]) -> dict[int, list[Cluster]]:
    """Each event's agents as the rules gave them, by ``id``, before the attacher decides."""
    return {id(ev): list(ev.agents) for ev in events}


def restore_courts(doc: Doc, events: list[Event], before: dict[int, list[Cluster]]) -> list[Event]:
    """An event left with no agent whose rules' agent was an unnamed court gets the court back
    (in place), for ``name_unnamed_courts`` to name. Returns the events given a court back."""
    back = []
    for ev in events:
        if ev.agents:
            continue
        courts = [a for a in before.get(id(ev), []) if unnamed_court(doc, a) and a not in ev.targets]
        if courts:
            ev.agents[:] = courts[:1]
            back.append(ev)
    return back


def settle(doc: Doc, events: list[Event], back: list[Event]) -> list[Event]:
    """Once the courts are named: a court given back that stayed unnamed is dropped again, and a
    conjoined act with no agent and no subject of its own takes the agents of the act it is
    conjoined to ("a court sentenced him and fined him"). In place; returns ``events``."""
    for ev in back:
        ev.agents[:] = [a for a in ev.agents if not unnamed_court(doc, a)]
    by_trigger = {ev.trigger.i: ev for ev in events}
    for ev in events:
        tok = ev.trigger
        if ev.agents or tok.dep_ != "conj" or any(c.dep_.startswith("nsubj") for c in tok.children):
            continue
        head = by_trigger.get(tok.head.i)
        if head is not None and head is not ev:
            ev.agents[:] = [a for a in head.agents if a not in ev.targets]
    return events
