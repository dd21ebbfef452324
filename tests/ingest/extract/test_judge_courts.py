"""The story's court joins a judge as the agent of a sentence (``ingest.extract.judge_courts``),
on hand-built documents: the nearest court, only beside a person, only for the events a court
performs through its judge."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest.extract.courts import is_court
from ingest.extract.judge_courts import add_judges_courts
from ingest.extract.stage_records import Cluster, Event, Mention

# "Lake Court heard Hill . Judge Moss jailed Hill . Hill later appealed in May to Hill Appeals Court ."
WORDS = ["Lake", "Court", "heard", "Hill", ".", "Judge", "Moss", "jailed", "Hill", ".",
         "Hill", "later", "appealed", "in", "May", "to", "Hill", "Appeals", "Court", "."]
STARTS = [0, 5, 10]
VOCAB = spacy.blank("en").vocab


def _doc() -> Doc:
    return Doc(VOCAB, words=WORDS, sent_starts=[i in STARTS for i in range(len(WORDS))])


def _cluster(cid: int, name: str, etype: str, *spans: tuple[int, int]) -> Cluster:
    return Cluster(id=cid, type=etype, name=name, mentions=[Mention(a, b, name, etype, "rule") for a, b in spans])


def _world() -> tuple[Doc, Cluster, Cluster, Cluster, Cluster]:
    doc = _doc()
    lake = _cluster(1, "Lake Court", "GovernmentBody", (0, 2))
    appeals = _cluster(2, "Hill Appeals Court", "GovernmentBody", (16, 19))
    moss = _cluster(3, "Moss", "Person", (6, 7))
    hill = _cluster(4, "Hill", "Person", (3, 4), (8, 9), (10, 11))
    return doc, lake, appeals, moss, hill


def _sentence(doc: Doc, agents: list[Cluster], target: Cluster, etype: str = "Sentence") -> Event:
    return Event(type=etype, trigger=doc[7], sent=doc[5:10], agents=list(agents), targets=[target])


def test_judge_courts_adds_the_nearest_court_beside_a_judge() -> None:
    doc, lake, appeals, moss, hill = _world()
    ev = _sentence(doc, [moss], hill)
    add_judges_courts([ev], [lake, appeals, moss, hill])
    assert [a.name for a in ev.agents] == ["Moss", "Lake Court"]  # Lake Court 7 tokens away, the other 9


def test_judge_courts_leaves_an_empty_role_and_a_body_agent() -> None:
    doc, lake, appeals, moss, hill = _world()
    empty = _sentence(doc, [], hill)
    bodied = _sentence(doc, [moss, appeals], hill)
    add_judges_courts([empty, bodied], [lake, appeals, moss, hill])
    assert empty.agents == []
    assert [a.name for a in bodied.agents] == ["Moss", "Hill Appeals Court"]


def test_judge_courts_only_for_judge_events_and_named_courts() -> None:
    doc, lake, appeals, moss, hill = _world()
    arrest = _sentence(doc, [moss], hill, etype="Arrest")
    add_judges_courts([arrest], [lake, appeals, moss, hill])
    assert arrest.agents == [moss]
    synthetic = Cluster(id=9, type="GovernmentBody", name="Lakeland court", synthetic=True,
                        mentions=[Mention(7, 7, "Lakeland court", "GovernmentBody", "synthetic")])
    assert is_court(lake) and not is_court(synthetic) and not is_court(moss)
    ev = _sentence(doc, [moss], hill)
    add_judges_courts([ev], [synthetic, moss, hill])
    assert ev.agents == [moss]
