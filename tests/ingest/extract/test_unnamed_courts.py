"""A court the story leaves unnamed (``ingest.extract.unnamed_courts``), on hand-built documents:
it gives way to the court the story names by a proper name, else to the acting state's
authorities; a court named by a proper name, a court of another state and a judge are kept."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest.extract.courts import unnamed_court
from ingest.extract.stage_records import Cluster, Event, Mention
from ingest.extract.unnamed_courts import name_unnamed_courts

# "A Lakeland court jailed Hill . Dutch court heard Hill . Judge Moss freed Hill at the Quarrow court ."
WORDS = ["A", "Lakeland", "court", "jailed", "Hill", ".", "Dutch", "court", "heard", "Hill", ".",
         "Judge", "Moss", "freed", "Hill", "at", "the", "Quarrow", "court", "."]
STARTS = [0, 6, 11]
VOCAB = spacy.blank("en").vocab


def _doc() -> Doc:
    return Doc(VOCAB, words=WORDS, sent_starts=[i in STARTS for i in range(len(WORDS))])


def _body(cid: int, name: str, start: int, end: int, country: str | None = None) -> Cluster:
    return Cluster(id=cid, type="GovernmentBody", name=name, country=country,
                   mentions=[Mention(start, end, name, "GovernmentBody", "rule")])


def _authorities() -> Cluster:
    return Cluster(id=10_000, type="GovernmentBody", name="Ruritanian authorities", country="RR", synthetic=True,
                   mentions=[Mention(3, 3, "Ruritanian authorities", "GovernmentBody", "synthetic")])


def _jailed(doc: Doc, agents: list[Cluster], hill: Cluster) -> Event:
    return Event(type="Sentence", trigger=doc[3], sent=doc[0:6], agents=list(agents), targets=[hill])


def test_unnamed_courts_tells_a_description_from_a_name() -> None:
    doc = _doc()
    assert unnamed_court(doc, _body(1, "Lakeland court", 1, 3))  # first told with "A"
    assert unnamed_court(doc, _body(2, "Dutch court", 6, 8))  # a nationality and "court"
    assert not unnamed_court(doc, _body(3, "Quarrow court", 17, 19))  # "the Quarrow court": a name
    assert not unnamed_court(doc, _body(4, "Lakeland Court", 1, 3))  # a proper name, "Court"
    judge = Cluster(id=5, type="Person", name="Judge Moss", mentions=[Mention(11, 13, "Judge Moss", "Person", "rule")])
    assert not unnamed_court(doc, judge)


def test_unnamed_courts_become_the_states_authorities_when_no_court_is_named() -> None:
    doc = _doc()
    lakeland = _body(1, "Lakeland court", 1, 3)
    hill = Cluster(id=6, type="Person", name="Hill", mentions=[Mention(4, 5, "Hill", "Person", "rule")])
    ev = _jailed(doc, [lakeland], hill)
    auth = _authorities()
    name_unnamed_courts(doc, [ev], [lakeland, hill], {id(ev): auth})
    assert ev.agents == [auth]


def test_unnamed_courts_become_the_court_the_story_names() -> None:
    doc = _doc()
    lakeland, quarrow = _body(1, "Lakeland court", 1, 3), _body(3, "Quarrow court", 17, 19)
    hill = Cluster(id=6, type="Person", name="Hill", mentions=[Mention(4, 5, "Hill", "Person", "rule")])
    ev = _jailed(doc, [lakeland], hill)
    name_unnamed_courts(doc, [ev], [lakeland, quarrow, hill], {id(ev): _authorities()})
    assert [a.name for a in ev.agents] == ["Quarrow court"]


def test_unnamed_courts_keep_a_named_court_and_another_states_court() -> None:
    doc = _doc()
    named = _body(4, "Lakeland Court", 1, 3)
    foreign = _body(1, "Lakeland court", 1, 3, country="ZZ")
    hill = Cluster(id=6, type="Person", name="Hill", mentions=[Mention(4, 5, "Hill", "Person", "rule")])
    first, second = _jailed(doc, [named], hill), _jailed(doc, [foreign], hill)
    auth = _authorities()
    name_unnamed_courts(doc, [first], [named, hill], {id(first): auth})
    name_unnamed_courts(doc, [second], [foreign, hill], {id(second): auth})
    assert first.agents == [named]  # a proper name stays
    assert second.agents == [foreign]  # the court is another state's: the authorities are not its


def test_unnamed_courts_leave_no_duplicate_beside_the_authorities() -> None:
    doc = _doc()
    lakeland, dutch = _body(1, "Lakeland court", 1, 3), _body(2, "Dutch court", 6, 8)
    hill = Cluster(id=6, type="Person", name="Hill", mentions=[Mention(4, 5, "Hill", "Person", "rule")])
    ev = _jailed(doc, [lakeland, dutch], hill)
    auth = _authorities()
    name_unnamed_courts(doc, [ev], [lakeland, dutch, hill], {id(ev): auth})
    assert ev.agents == [auth]
