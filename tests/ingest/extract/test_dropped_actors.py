"""An unnamed court the attacher dropped, and acts that share one actor
(``ingest.extract.dropped_actors``), on hand-built documents: the court comes back and becomes
the state's authorities, or goes again if it stays unnamed; a conjoined act with no subject of
its own shares the agents of the act it is conjoined to; a court of appeal does not stand for
the story's unnamed court."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest.extract.dropped_actors import restore_courts, rule_agents, settle
from ingest.extract.stage_records import Cluster, Event, Mention
from ingest.extract.unnamed_courts import name_unnamed_courts

VOCAB = spacy.blank("en").vocab
# "A Lakeland court jailed Hill and fined him ."
WORDS = ["A", "Lakeland", "court", "jailed", "Hill", "and", "fined", "him", "."]
HEADS = [2, 2, 3, 3, 3, 3, 3, 6, 3]
DEPS = ["det", "compound", "nsubj", "ROOT", "dobj", "cc", "conj", "dobj", "punct"]


def _doc(words: list[str], heads: list[int], deps: list[str]) -> Doc:
    return Doc(VOCAB, words=words, heads=heads, deps=deps, sent_starts=[i == 0 for i in range(len(words))])


def _body(cid: int, name: str, start: int, end: int, country: str | None = None) -> Cluster:
    return Cluster(id=cid, type="GovernmentBody", name=name, country=country,
                   mentions=[Mention(start, end, name, "GovernmentBody", "rule")])


def _hill() -> Cluster:
    return Cluster(id=6, type="Person", name="Hill", mentions=[Mention(4, 5, "Hill", "Person", "rule")])


def _authorities() -> Cluster:
    return Cluster(id=10_000, type="GovernmentBody", name="Ruritanian authorities", country="RR", synthetic=True,
                   mentions=[Mention(3, 3, "Ruritanian authorities", "GovernmentBody", "synthetic")])


def _events(doc: Doc, court: Cluster, hill: Cluster) -> tuple[Event, Event]:
    jailed = Event(type="Sentence", trigger=doc[3], sent=doc[0:len(doc)], agents=[court], targets=[hill])
    fined = Event(type="Fine", trigger=doc[6], sent=doc[0:len(doc)], agents=[], targets=[hill])
    return jailed, fined


def _run(doc: Doc, events: list[Event], clusters: list[Cluster], auth: Cluster) -> None:
    """The pipeline's order: the rules' agents kept, the attacher drops the court, then this module."""
    before = rule_agents(events)
    for ev in events:
        ev.agents.clear()  # what the attacher does to "a Lakeland court"
    back = restore_courts(doc, events, before)
    name_unnamed_courts(doc, events, clusters, {id(ev): auth for ev in events})
    settle(doc, events, back)


def test_dropped_actors_give_a_dropped_court_and_its_conjoined_act_the_states_authorities() -> None:
    doc = _doc(WORDS, HEADS, DEPS)
    court, hill, auth = _body(1, "Lakeland court", 1, 3), _hill(), _authorities()
    jailed, fined = _events(doc, court, hill)
    _run(doc, [jailed, fined], [court, hill], auth)
    assert jailed.agents == [auth]
    assert fined.agents == [auth]  # "... and fined him": the same court acted


def test_dropped_actors_drop_again_a_court_that_stays_unnamed() -> None:
    doc = _doc(WORDS, HEADS, DEPS)
    court, hill = _body(1, "Lakeland court", 1, 3, country="ZZ"), _hill()  # another state's court
    jailed, fined = _events(doc, court, hill)
    _run(doc, [jailed, fined], [court, hill], _authorities())
    assert jailed.agents == [] and fined.agents == []


def test_dropped_actors_leave_a_conjoined_act_with_its_own_subject_alone() -> None:
    # "A Lakeland court jailed Hill and Moss fined him ."
    words = ["A", "Lakeland", "court", "jailed", "Hill", "and", "Moss", "fined", "him", "."]
    doc = _doc(words, [2, 2, 3, 3, 3, 3, 7, 3, 7, 3],
               ["det", "compound", "nsubj", "ROOT", "dobj", "cc", "nsubj", "conj", "dobj", "punct"])
    court, hill, auth = _body(1, "Lakeland court", 1, 3), _hill(), _authorities()
    jailed = Event(type="Sentence", trigger=doc[3], sent=doc[0:len(doc)], agents=[court], targets=[hill])
    fined = Event(type="Fine", trigger=doc[7], sent=doc[0:len(doc)], agents=[], targets=[hill])
    _run(doc, [jailed, fined], [court, hill], auth)
    assert jailed.agents == [auth]
    assert fined.agents == []  # Moss fined him, not the court


def test_dropped_actors_do_not_take_a_court_of_appeal_for_the_unnamed_court() -> None:
    # "A Lakeland court jailed Hill and fined him . The Supreme Court heard the appeal ."
    words = [*WORDS, "The", "Supreme", "Court", "heard", "the", "appeal", "."]
    doc = Doc(VOCAB, words=words, heads=[*HEADS, 11, 11, 12, 12, 14, 12, 12],
              deps=[*DEPS, "det", "compound", "nsubj", "ROOT", "det", "dobj", "punct"],
              sent_starts=[i in (0, 9) for i in range(len(words))])
    court, hill, auth = _body(1, "Lakeland court", 1, 3), _hill(), _authorities()
    supreme = _body(2, "Supreme Court", 10, 12)
    jailed, fined = _events(doc, court, hill)
    jailed.sent, fined.sent = doc[0:9], doc[0:9]
    _run(doc, [jailed, fined], [court, supreme, hill], auth)
    assert jailed.agents == [auth] and fined.agents == [auth]
