"""Whether a body named outside an event's sentence belongs to the event's episode
(``ingest.extract.learned.episode``), on hand-built documents; and the attacher's gate."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import spacy
from spacy.tokens import Doc

from ingest.extract.learned import episode
from ingest.extract.learned.attacher import SHIPPED, Attacher, Candidate, Decisions, decide
from ingest.extract.learned.episode import Episodes, dates_agree, own_actor_kind
from ingest.extract.stage_records import Cluster, Event, Mention
from tests.helpers import events_in_text

if TYPE_CHECKING:
    from ingest.extract.pipeline import Extractor

# four sentences: "Court tried Hill ." / "Fans waited ." / "Jones ran ." / "Jones was jailed ."
STORY = ["Court", "tried", "Hill", ".", "Fans", "waited", ".", "Jones", "ran", ".", "Jones", "was", "jailed", "."]
STARTS = [0, 4, 7, 10]
VOCAB = spacy.blank("en").vocab  # with the lexical attributes (is_alpha) the code reads


def _story() -> Doc:
    return Doc(VOCAB, words=STORY, sent_starts=[i in STARTS for i in range(len(STORY))])


def _named(i: int, name: str, etype: str, *starts: int) -> Cluster:
    return Cluster(id=i, type=etype, name=name, mentions=[Mention(s, s + 1, name, etype, "ner") for s in starts])


def _relation(court_at: tuple[int, ...], jones_at: tuple[int, ...], jailed_in: str | None) -> str:
    doc = _story()
    court, hill = _named(0, "Court", "GovernmentBody", *court_at), _named(1, "Hill", "Person", 2)
    jones = _named(2, "Jones", "Person", *jones_at)
    trial = Event("Sentence", doc[1], doc[0:4], targets=[hill], date="2024-05-10")
    jailed = Event("Sentence", doc[12], doc[10:14], targets=[jones], date=jailed_in)
    sent_of = {i: k for k, s in enumerate(doc.sents) for i in range(s.start, s.end)}
    return Episodes([court, hill, jones], [trial, jailed], sent_of).relation(jailed, court)


def test_learned_episode_dates_agree_when_unknown_or_at_most_a_year_apart() -> None:
    assert dates_agree("2024-05-10", "2024-01") and dates_agree("2024-12", "2025-01-20")
    assert dates_agree(None, "2019") and dates_agree("2019", None)
    assert not dates_agree("2019", "2024-05-10")


def test_learned_episode_body_of_another_episode_is_told_apart() -> None:
    """The court that tried Hill in May 2024 and the 2019 sentence of Jones, three sentences on."""
    assert _relation((0,), (10,), "2019") == "other"
    assert _relation((0,), (10,), "2024") == "date"  # the same year: the story's episode
    assert _relation((0,), (10,), None) == "undated"
    assert _relation((0,), (3, 10), "2019") == "target"  # Jones named beside the court
    assert _relation((7,), (10,), "2019") == "next"  # the court named in the sentence before
    assert _relation((10,), (10,), "2019") == "same"


def _clause(words: list[str], pos: list[str], ents: list[str] | None = None) -> Event:
    """A one-clause sentence "<modifier> <noun> detained Hill ."; the modifier is the subject's."""
    doc = Doc(VOCAB, words=words, heads=[1, 2, 2, 2, 2], deps=["amod", "nsubj", "ROOT", "dobj", "punct"],
              pos=pos, lemmas=[w.casefold().rstrip("s") for w in words], ents=ents)
    return Event("Detention", doc[2], doc[0:5])


def test_learned_episode_own_actor_kind_reads_the_subject_s_modifier() -> None:
    nouns = ["NOUN", "NOUN", "VERB", "PROPN", "PUNCT"]
    assert own_actor_kind(_clause(["Customs", "officers", "detained", "Hill", "."], nouns)) == {"customs"}
    assert own_actor_kind(_clause(["Armed", "officers", "detained", "Hill", "."],
                                  ["ADJ", *nouns[1:]])) == frozenset()  # how they looked, not whose
    assert own_actor_kind(_clause(["Chinese", "police", "detained", "Hill", "."], ["ADJ", *nouns[1:]],
                                  ["B-NORP", "O", "O", "O", "O"])) == frozenset()  # the state's, any body
    assert own_actor_kind(_clause(["Two", "fans", "detained", "Hill", "."], nouns)) == frozenset()


def test_learned_episode_a_body_of_another_kind_than_the_clause_s_actor_is_not_tied(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """"Customs officers detained Hill": the security service named the sentence before is not
    theirs; a customs service would be."""
    words = ["Bureau", "spoke", ".", "Customs", "officers", "detained", "Hill", "."]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 4, 5, 5, 5, 5],
              deps=["nsubj", "ROOT", "punct", "compound", "nsubj", "ROOT", "dobj", "punct"],
              pos=["PROPN", "VERB", "PUNCT", "NOUN", "NOUN", "VERB", "PROPN", "PUNCT"],
              lemmas=["bureau", "speak", ".", "customs", "officer", "detain", "hill", "."],
              sent_starts=[True, False, False, True, False, False, False, False])
    hill = _named(1, "Hill", "Person", 6)
    ev = Event("Detention", doc[5], doc[3:8], targets=[hill])
    sent_of = {i: k for k, s in enumerate(doc.sents) for i in range(s.start, s.end)}
    security = _named(0, "State Security Bureau", "GovernmentBody", 0)
    customs = _named(2, "Customs Bureau", "GovernmentBody", 0)
    episodes = Episodes([security, customs, hill], [ev], sent_of)
    assert episodes.relation(ev, security) == "kind"
    assert episodes.relation(ev, customs) == "next"
    monkeypatch.setattr(episode, "GATE", True)
    cands = Attacher(doc, [security, customs, hill]).candidates([ev], [None])
    gated = {c.cluster.name: c.outside for c in cands if c.role == "agent"}
    assert gated == {"State Security Bureau": True, "Customs Bureau": False}
    monkeypatch.setattr(episode, "GATE", False)
    assert not any(c.outside for c in Attacher(doc, [security, customs, hill]).candidates([ev], [None]))


def test_learned_episode_the_sentence_s_definite_noun_ties_the_body_it_names() -> None:
    """"The department charged X" ties the Department of Justice named paragraphs away."""
    words = ["Department", "of", "Justice", "spoke", ".", "A", ".", "B", ".", "The", "department", "charged",
             "Hill", "."]
    starts = {0, 5, 7, 9}
    doc = Doc(VOCAB, words=words, heads=[3, 0, 1, 3, 3, 5, 5, 7, 7, 10, 11, 11, 11, 11],
              deps=["nsubj", "prep", "pobj", "ROOT", "punct", "ROOT", "punct", "ROOT", "punct", "det", "nsubj",
                    "ROOT", "dobj", "punct"],
              pos=["PROPN", "ADP", "PROPN", "VERB", "PUNCT", "X", "PUNCT", "X", "PUNCT", "DET", "NOUN", "VERB",
                   "PROPN", "PUNCT"], sent_starts=[i in starts for i in range(len(words))])
    doj = Cluster(id=0, type="GovernmentBody", name="Department of Justice",
                  mentions=[Mention(0, 3, "Department of Justice", "GovernmentBody", "ner")])
    hill = _named(1, "Hill", "Person", 12)
    charge = Event("Charge", doc[11], doc[9:14], targets=[hill], date="2007")
    recent = Event("Charge", doc[3], doc[0:5], targets=[_named(2, "Other", "Person", 5)], date="2024")
    sent_of = {i: k for k, s in enumerate(doc.sents) for i in range(s.start, s.end)}
    assert Episodes([doj, hill], [recent, charge], sent_of).relation(charge, doj) == "anaphor"


def test_learned_attacher_decide_never_adds_an_agent_outside_the_episode() -> None:
    doc = _story()
    court, other = _named(0, "Court", "GovernmentBody", 0), _named(3, "Ministry", "GovernmentBody", 4)
    jones = _named(2, "Jones", "Person", 10)
    for outside, want in ((True, ["Ministry"]), (False, ["Court"])):
        ev = Event("Sentence", doc[12], doc[10:14], targets=[jones])
        cands = [Candidate(0, court, "agent", False, outside=outside), Candidate(0, other, "agent", False)]
        decide([ev], cands, [0.9, 0.6], Decisions({"agent": 0.5, "target": 1.01}))
        assert [c.name for c in ev.agents] == want  # the gated body gives way to the next candidate


BACKGROUND = ("A court in Ruritania on Friday sentenced Tom Hill to ten years in prison for treason. "
              "Hill was convicted by the Central District Court of Ostrava of espionage. "
              "His lawyers said he would appeal. Hill has denied all wrongdoing. "
              "Supporters gathered outside the courthouse. Several diplomats attended the hearing. "
              "Mary Jones, another critic of the government, was jailed for eight years in 2019.")
CUSTOMS = ("The National Security Directorate has stepped up its campaign against foreign reporters. "
           "Its own officers were also questioned in March, and customs officers detained Tom Hill on Monday.")


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped argument model")
def test_learned_episode_gate_keeps_the_far_body_out_of_the_eleventh_step_cases(
        extractor: Extractor, monkeypatch: pytest.MonkeyPatch) -> None:
    """The two regressions of the eleventh step (test_event_agents, xfail while the gate is off):
    with the gate on, the 2019 sentence of another critic takes no court of the story's trial and
    "customs officers detained X" takes no security service; the trial keeps its court."""
    monkeypatch.setattr(episode, "GATE", True)
    assert _agents(extractor, BACKGROUND, "Sentence", "Mary Jones") == []
    assert _agents(extractor, BACKGROUND, "Sentence", "Tom Hill") != []
    assert "National Security Directorate" not in _agents(extractor, CUSTOMS, "Detention", "Tom Hill")


def _agents(extractor: Extractor, text: str, etype: str, target: str) -> list[str]:
    found = [e for e in events_in_text(extractor, text, etype) if target in e["targets"]]
    assert found, (etype, target)
    return list(found[0]["agents"])
