"""A judge's sentence is also their court's: the court the story names joins a judge as agent.

SCHEMA.md makes a court the story names the agent of its own sentences and convictions. The rules
take the subject of "sentenced" as the agent, and when that subject is a judge ("Judge Kwok
Wai-kin sentenced ...") the event's only agent is a person, while the gold names the court (with
or without the judge). Read on the thirteenth step's tune and train splits, every matched
sentence whose agents held a person but no state body had a court among the gold's agents (8 of
8), and in 7 of them the story named that court; where the role is empty instead, a court the
story names was the gold's agent in only 3 of 18 (the authorities or an unnamed court were), so
an empty role is left to the attacher. Which court: the one named nearest the trigger. Runs after the
attacher, so it holds whatever a retrained model decides.
"""

from __future__ import annotations

from ingest.extract.courts import is_court, nearest
from ingest.extract.stage_records import Cluster, Event
from ingest.extract.vocabulary import words

#: event types a court performs through its judge (data/words.yaml)
JUDGE_EVENTS = words("judge_court_events")


def add_judges_courts(events: list[Event], clusters: list[Cluster]) -> list[Event]:
    """Give each event of ``JUDGE_EVENTS`` whose agents include a person but no state body the
    court the story names nearest its trigger, beside the person (in place; returns ``events``)."""
    courts = [c for c in clusters if is_court(c) and any(m.end > m.start for m in c.mentions)]
    if not courts:
        return events
    for ev in events:
        if ev.type not in JUDGE_EVENTS or any(a.type == "GovernmentBody" for a in ev.agents):
            continue
        if not any(a.type == "Person" for a in ev.agents):
            continue
        court = nearest(courts, ev)
        if court not in ev.targets:
            ev.agents.append(court)
    return events
