"""The mission behind expelled diplomats: "expelled five Russian diplomats" acts on the embassy.

SCHEMA.md makes a firm the target when its unnamed staff are detained. An expulsion of a state's
unnamed diplomats or mission staff is read the same way: its target is the mission they serve
("Sweden expelled five Russian diplomats" -> the Russian embassy; "ordered 45 employees of the
embassy to leave" -> the embassy). Of the train split's gold expulsions, 51 target a mission and
the rules matched 12 of them: they read "diplomats" as a person noun and took the person named
nearby (often the ambassador summoned to hear the decision), and they take no state body as the
target of an expulsion.

The mission is one the phrase itself names ("diplomats from the Japanese Embassy in Moscow"), else
the document's mission of the state the phrase names ("Russian diplomats", "staff of Russia's
embassy"), nearest to the phrase. Staff named in the phrase ("two diplomats, A and B") are the
targets themselves, and a phrase that names neither a mission nor a state is left to the rules.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.arguments import EntityIndex
from ingest.extract.gazetteer import load_gazetteer, name_key
from ingest.extract.stage_records import Cluster, Event, state_body
from ingest.extract.vocabulary import words

MISSION_WORDS = words("mission_words")
MISSION_STAFF = words("mission_staff")
MISSION_EVENTS = words("mission_events")


def is_mission(c: Cluster) -> bool:
    """A state body named as a mission abroad: "Russian embassy in Oslo", "US consulate"."""
    return c.type == "GovernmentBody" and bool(set(name_key(c.name).split()) & MISSION_WORDS)


def mission_targets(index: EntityIndex, trigger: Token, heads: list[Token]) -> list[Cluster]:
    """The missions whose unnamed staff the target phrases ``heads`` of ``trigger`` are; empty
    when they are none (the rules then read the phrases as usual)."""
    out: list[Cluster] = []
    # "expelling eight diplomats from the Japanese Embassy": the parser may hang "from" on the verb
    sent_from = [c for p in trigger.children if p.dep_ == "prep" and p.lower_ in ("from", "at", "of")
                 for t in p.subtree if (c := index.at(t)) is not None and is_mission(c)]
    for h in heads:
        if index.at(h) is not None or (h.lower_ not in MISSION_STAFF and h.lemma_.casefold() not in MISSION_STAFF):
            continue
        inner = [c for t in h.subtree if t.i != h.i and (c := index.at(t)) is not None]
        if any(c.type == "Person" for c in inner):
            continue  # "two diplomats, A and B": the people named are the targets
        named = [c for c in inner if is_mission(c)] or sent_from
        found = named[0] if named else _of_state(index, h)
        if found is not None and found not in out:
            out.append(found)
    return out


def _of_state(index: EntityIndex, h: Token) -> Cluster | None:
    """The document's mission of the state the phrase names ("five Russian diplomats",
    "employees of Russia's embassy"), the one named nearest to the phrase."""
    gaz = load_gazetteer()
    lo, hi = h.left_edge.i, h.right_edge.i
    states = {code for e in h.doc.ents if e.label_ in ("NORP", "GPE", "EG_PLACE") and lo <= e.start and e.end - 1 <= hi
              and (code := gaz.country_of_name(e.text)) is not None}
    if not states:
        return None
    best: tuple[int, Cluster] | None = None
    for start, c in index.starts:
        if is_mission(c) and c.country in states:
            gap = abs(start - h.i)
            if best is None or gap < best[0]:
                best = (gap, c)
    return best[1] if best is not None else None


def mission_agents(events: list[Event], clusters: list[Cluster],
                   authorities: dict[int, Cluster | None]) -> list[Event]:
    """SCHEMA.md's implicit agent for an expulsion of a mission's staff that names no acting body
    (after the learned attacher has chosen): the authorities of the state the mission sits in,
    that is the state of its seat where a name of the mission gives one ("Russian embassy in
    Dublin"), else the event's jurisdiction (``authorities``: per event, by ``id``, the entity the
    stages made), never the state that sent the mission. Fills ``ev.agents`` in place."""
    gaz = load_gazetteer()
    made: dict[str, Cluster] = {}
    known = [*clusters, *(a for a in authorities.values() if a is not None)]
    for ev in events:
        missions = [t for t in ev.targets if is_mission(t)]
        if ev.type not in MISSION_EVENTS or ev.agents or not missions:
            continue
        sending = {m.country for m in missions}
        host = next((code for m in missions for n in m.names() if (code := _seat_country(n)) is not None), None)
        auth = authorities.get(id(ev))
        if auth is not None and auth.country not in sending and host in (None, auth.country):
            ev.agents = [auth]
        elif host is not None and host not in sending and host in gaz.country_demonym:
            # ids apart from the stages' synthetic bodies (10_000 on) and the attacher's (20_000 on)
            ev.agents = [state_body(f"{gaz.country_demonym[host]} authorities", host, known, made, 30_000,
                                    ev.trigger.i)]
    return events


def _seat_country(name: str) -> str | None:
    """The state of the seat a mission's name gives: "Russian embassy in Dublin" -> IE."""
    head, sep, seat = name.rpartition(" in ")
    return load_gazetteer().country_of_name(seat) if sep and head else None
