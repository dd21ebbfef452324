"""The learned argument attacher: dependency paths, candidates, the add/drop decisions, the model
file, its training labels and the shipped model in the extractor."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.errors import ModelUnavailable
from ingest.extract.learned.attacher import (
    SHIPPED,
    ArgumentModel,
    Attacher,
    Candidate,
    Decisions,
    complete,
    decide,
    dep_path,
    load_shipped,
)
from ingest.extract.learned.features import DIM, hashed
from ingest.extract.learned.gold import align_events, gold_key, role_keys
from ingest.extract.learned.model import load_shipped as load_scorer
from ingest.extract.learned.train_arguments import aligned, same_entity
from ingest.extract.learned.train_triggers import Parsed
from ingest.extract.learned.triggers import load_shipped as load_triggers
from ingest.extract.nlp import load_pipeline
from ingest.extract.pipeline import Extractor, stages
from ingest.extract.stage_records import Cluster, Event, Mention
from ingest.records import Document

# "Police detained Losik in Minsk ." with its tree by hand: detained <- Police (nsubj), Losik (dobj), in (prep) <- Minsk
WORDS = ["Police", "detained", "Losik", "in", "Minsk", "."]
HEADS = [1, 1, 1, 1, 3, 1]
DEPS = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"]


def _doc() -> Doc:
    return Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS, lemmas=[w.lower() for w in WORDS],
               sent_starts=[True, False, False, False, False, False])


def _cluster(i: int, name: str, etype: str, start: int | None = None) -> Cluster:
    mentions = [Mention(start, start + 1, name, etype, "ner")] if start is not None else []
    return Cluster(id=i, mentions=mentions, type=etype, name=name)


def test_learned_attacher_dep_path_spells_arcs_up_and_down() -> None:
    doc = _doc()
    assert dep_path(doc[1], doc[0]) == "|nsubj"  # the trigger governs its subject
    assert dep_path(doc[1], doc[4]) == "|prepvpobj"  # down two arcs
    assert dep_path(doc[0], doc[2]) == "nsubj|dobj"  # up to the verb, down to the object
    assert dep_path(doc[4], doc[0]) == "pobj^prep|nsubj"


def test_learned_attacher_candidates_cover_bodies_nearby_targets_and_authorities() -> None:
    doc = _doc()
    police, losik, minsk = _cluster(0, "Police", "GovernmentBody", 0), _cluster(1, "Losik", "Person", 2), \
        _cluster(2, "Minsk", "Place", 4)
    auth = Cluster(id=10_000, type="GovernmentBody", name="Belarusian authorities", country="BY", synthetic=True)
    ev = Event("Detention", doc[1], doc[0:6], targets=[losik])
    cands = Attacher(doc, [police, losik, minsk]).candidates([ev], [auth])
    got = {(c.role, c.cluster.name, c.chosen) for c in cands}
    assert got == {("agent", "Police", False), ("agent", "Belarusian authorities", False),
                   ("agent", "Belarusian police", False),
                   ("target", "Losik", True)}  # a place fills no role; the chosen target is scored too
    police_feats = next(c.features for c in cands if c.cluster is police)
    assert "path=|nsubj|agent" in police_feats and "sent=same|agent|GovernmentBody" in police_feats
    assert any(f.startswith("authorities|agent") for c in cands if c.cluster is auth for f in c.features)


def test_learned_attacher_candidates_name_the_states_unnamed_police_and_court_roles() -> None:
    doc = _doc()
    losik = _cluster(1, "Losik", "Person", 2)
    court = Cluster(id=3, type="GovernmentBody", name="court in Minsk", mentions=[Mention(4, 5, "court in Minsk",
                                                                                          "GovernmentBody", "ner")])
    auth = Cluster(id=10_000, type="GovernmentBody", name="Belarusian authorities", country="BY", synthetic=True)
    ev = Event("Detention", doc[1], doc[0:6], targets=[losik])
    attacher = Attacher(doc, [losik, court])
    cands = attacher.candidates([ev], [auth])
    police = next(c for c in cands if c.cluster.name == "Belarusian police")  # "Police" is in the sentence
    assert police.cluster.synthetic and police.cluster.country == "BY" and not police.chosen
    assert any(f.startswith("state_body=police|Detention") for f in police.features)
    assert "named_court=False|Detention|agent" in police.features  # a lower-case "court in X" names no court
    court_feats = next(c.features for c in cands if c.cluster is court)
    assert "court=True|generic=True|Detention|agent" in court_feats
    again = attacher.candidates([ev], [auth])
    assert next(c.cluster for c in again if c.cluster.name == "Belarusian police") is police.cluster  # one entity


def test_learned_attacher_agent_candidates_read_the_story_s_actor() -> None:
    """An event told without an agent: whether a body acted in the event told before it or in
    another event of its target, and how often the body acts in the document, are features."""
    doc = Doc(Vocab(), words=WORDS, heads=HEADS, deps=DEPS, lemmas=[w.lower() for w in WORDS],
              pos=["NOUN", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"], sent_starts=[True] + [False] * 5)
    police, losik = _cluster(0, "Police", "GovernmentBody", 0), _cluster(1, "Losik", "Person", 2)
    first = Event("Detention", doc[1], doc[0:6], agents=[police], targets=[losik])
    later = Event("Charge", doc[4], doc[0:6], targets=[losik])  # told after the detention, no agent
    other = Event("Charge", doc[5], doc[0:6], targets=[_cluster(2, "Minsk", "Person", 4)])
    cands = Attacher(doc, [police, losik]).candidates([first, later, other], [None, None, None])

    def feats(e: int) -> list[str]:
        return next(c.features for c in cands if c.event == e and c.role == "agent" and c.cluster is police)
    assert "story=prev|Charge" in feats(1) and "story=target|Charge" in feats(1)
    assert "story=prev|Charge" in feats(2) and "story=target|Charge" not in feats(2)  # another target
    assert not any(f.startswith("story=") for f in feats(0))  # nothing told before, its own agent
    assert "acting=1|agent" in feats(0)  # "Police detained": the subject of a verb


def test_learned_attacher_training_labels_count_a_shortened_name_of_the_same_body() -> None:
    def same(a: str, b: str) -> bool:
        return same_entity({gold_key(a)}, {gold_key(b)})
    assert same("Leninsky District Court", "Leninsky District Court of Minsk")
    assert same("Tajikistan's Supreme Court", "Supreme Court of Tajikistan")
    assert not same("court in Minsk", "Belarusian authorities")
    assert not same("Ministry", "Ministry of Justice")  # one word says too little
    assert not same("Russian authorities", "Russian Foreign Ministry")


def _decide(probs: dict[str, float], decisions: Decisions, agents: list[str]) -> Event:
    doc = _doc()
    clusters = {n: _cluster(i, n, "GovernmentBody" if n != "Losik" else "Person", None)
                for i, n in enumerate(["Police", "Court", "Ministry", "Losik"])}
    ev = Event("Detention", doc[1], doc[0:6], agents=[clusters[a] for a in agents], targets=[clusters["Losik"]])
    cands = [Candidate(0, clusters[n], "target" if n == "Losik" else "agent", n in agents or n == "Losik")
             for n in probs]
    decide([ev], cands, list(probs.values()), decisions)
    return ev


def test_learned_attacher_decide_adds_only_the_best_candidate_at_the_threshold() -> None:
    probs = {"Police": 0.7, "Court": 0.4, "Ministry": 0.8, "Losik": 0.9}
    ev = _decide(probs, Decisions(add={"agent": 0.5, "target": 1.01}), [])
    assert [c.name for c in ev.agents] == ["Ministry"]
    assert ev.argument_probability == {("agent", "Ministry"): 0.8, ("target", "Losik"): 0.9}
    assert _decide(probs, Decisions(add={"agent": 0.9, "target": 1.01}), []).agents == []


def test_learned_attacher_decide_leaves_an_argument_no_candidate_judged_without_probability() -> None:
    """A rule agent the attacher had no candidate for is kept, and reads as not judged: no 1.0
    made up for it."""
    ev = _decide({"Court": 0.3, "Losik": 0.9}, Decisions(add={"agent": 0.5, "target": 1.01}), ["Police"])
    assert [c.name for c in ev.agents] == ["Police"]
    assert ev.argument_probability == {("target", "Losik"): 0.9}


def test_learned_attacher_decide_drops_a_rejected_rule_agent_and_respects_only_empty() -> None:
    probs = {"Police": 0.05, "Court": 0.6, "Losik": 0.01}
    keep = _decide(probs, Decisions({"agent": 0.5, "target": 1.01}, only_empty={"agent": False, "target": False}),
                   ["Police"])
    assert [c.name for c in keep.agents] == ["Police", "Court"]  # nothing dropped; added beside the rules'
    only = _decide(probs, Decisions({"agent": 0.5, "target": 1.01}, only_empty={"agent": True, "target": True}),
                   ["Police"])
    assert [c.name for c in only.agents] == ["Police"]
    dropped = _decide(probs, Decisions({"agent": 0.5, "target": 1.01}, {"agent": 0.1, "target": 0.1},
                                       {"agent": True, "target": True}), ["Police"])
    assert [c.name for c in dropped.agents] == ["Court"]  # dropped, so the role is empty again
    assert [c.name for c in dropped.targets] == ["Losik"]  # the last target stays: it identifies the event


def test_learned_attacher_model_file_round_trips_and_refuses_garbage(tmp_path: Path) -> None:
    w = np.zeros((DIM, 2), dtype=np.float32)
    w[hashed(["bias"])[0], 0] = 1.0
    model = ArgumentModel(w, Decisions({"agent": 0.3, "target": 0.5}, {"agent": 0.2, "target": 0.0}))
    model.save(tmp_path / "a.npz")
    back = ArgumentModel.load(tmp_path / "a.npz")
    assert back.decisions == model.decisions
    cand = Candidate(0, _cluster(0, "X", "Person"), "target", False, ["bias"])
    assert back.proba([cand]) == pytest.approx([1 / (1 + np.exp(-1.0))], abs=1e-3)
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(ModelUnavailable):
        ArgumentModel.load(tmp_path / "bad.npz")


def test_learned_attacher_training_alignment_uses_matches_then_evidence() -> None:
    text = "Police detained Losik in Minsk ."
    gold = {"entities": [{"name": "Ihar Losik", "type": "Person", "aliases": ["Losik"]}],
            "events": [{"type": "Detention", "targets": ["Somebody"], "agents": ["Minsk police"],
                        "evidence": "Police detained Losik in Minsk"},
                       {"type": "Detention", "targets": ["Ihar Losik"], "agents": [], "evidence": "elsewhere"}]}
    doc = _doc()
    losik, other = _cluster(0, "Losik", "Person", 2), _cluster(1, "Nobody", "Person", 2)
    matched = Event("Detention", doc[1], doc[0:6], targets=[losik])
    unmatched = Event("Detention", doc[1], doc[0:6], targets=[other])
    assert align_events([("Detention", ["Losik"]), ("Detention", ["Nobody"])], gold) == [1, None]
    parsed = Parsed({"text": text, "gold": gold}, doc, dt.date(2024, 1, 1))
    assert aligned(parsed, [matched, unmatched]) == [1, 0]  # the second by its evidence sentence
    assert role_keys(["Ihar Losik"], gold) == {"ihar losik", "losik"}


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped argument model")
def test_learned_attacher_shipped_model_adds_the_agent_named_in_the_next_sentence() -> None:
    assert load_shipped() is not None
    text = ("Ulvi Hasanli, the director of Abzas Media, was detained in Baku on Monday. "
            "The Baku police said he was suspected of smuggling.")
    out = Extractor(DEFAULT_SPACY_MODEL).extract(Document(id="d", text=text, published=dt.date(2024, 1, 10)))
    detention = next(e for e in out.events if e.type == "Detention")
    assert detention.targets == ["Ulvi Hasanli"] and detention.agents == ["Baku police"]
    assert "Baku police" in {e.name for e in out.entities}
    rules = stages(load_pipeline(DEFAULT_SPACY_MODEL)(text), None, load_triggers(), load_scorer()).events
    assert [e.agents for e in rules if e.type == "Detention"] == [[]]  # the rules alone name no agent


def test_learned_attacher_decide_gives_a_pending_event_its_best_target_at_its_own_threshold() -> None:
    doc = _doc()
    losik, other = _cluster(0, "Losik", "Person", 2), _cluster(1, "Other", "Person", 0)
    for add, want in ((0.5, ["Losik"]), (0.8, [])):
        ev = Event("Detention", doc[1], doc[0:6])
        cands = [Candidate(0, losik, "target", False, pending=True), Candidate(0, other, "target", False, pending=True)]
        decide([ev], cands, [0.7, 0.4], Decisions({"agent": 1.01, "target": 0.1, "pending": add}))
        assert [c.name for c in ev.targets] == want  # "target" (0.1) is for events the rules completed


def test_learned_attacher_decide_replaces_a_rejected_rule_target_only_by_a_likely_one() -> None:
    doc = _doc()
    wrong, right = _cluster(0, "Aliyev", "Person", 0), _cluster(1, "Losik", "Person", 2)
    for p_right, want in ((0.7, ["Losik"]), (0.3, ["Aliyev"])):
        ev = Event("Detention", doc[1], doc[0:6], targets=[wrong])
        cands = [Candidate(0, wrong, "target", True), Candidate(0, right, "target", False)]
        decide([ev], cands, [0.05, p_right], Decisions({"agent": 1.01, "target": 0.5}, {"agent": 0.0, "target": 0.1}))
        assert [c.name for c in ev.targets] == want


def test_learned_attacher_complete_folds_a_completed_re_mention_into_its_event() -> None:
    doc = Doc(Vocab(), words=["Losik", "was", "detained", ".", "He", "was", "detained", "."],
              sent_starts=[True, False, False, False, True, False, False, False])
    losik = _cluster(0, "Losik", "Person", 0)
    first = Event("Detention", doc[2], doc[0:4], targets=[losik], date="2020-05")
    again = Event("Detention", doc[6], doc[4:8], targets=[losik])
    other = Event("Arrest", doc[6], doc[4:8], targets=[losik])
    assert complete(doc, [first], [again], None) == [first]  # one event per real event
    assert complete(doc, [first], [other, Event("Raid", doc[6], doc[4:8])], None) == [first, other]


def test_learned_attacher_complete_keeps_the_probabilities_a_folded_re_mention_brought() -> None:
    """Targets and agents a re-mention adds keep the probability the attacher gave them there; the
    first mention's own judgement of an argument stays."""
    doc = Doc(Vocab(), words=["Losik", "was", "detained", ".", "Losik", "and", "Ihar", "were", "detained", "."],
              sent_starts=[True, False, False, False, True, False, False, False, False, False])
    losik, ihar = _cluster(0, "Losik", "Person", 0), _cluster(1, "Ihar", "Person", 6)
    first = Event("Detention", doc[2], doc[0:4], targets=[losik], date="2020-05")
    first.argument_probability = {("target", "Losik"): 0.9}
    again = Event("Detention", doc[8], doc[4:10], targets=[losik, ihar])
    again.argument_probability = {("target", "Losik"): 0.6, ("target", "Ihar"): 0.8}
    assert complete(doc, [first], [again], None) == [first]
    assert [c.name for c in first.targets] == ["Losik", "Ihar"]
    assert first.argument_probability == {("target", "Losik"): 0.9, ("target", "Ihar"): 0.8}


@pytest.mark.skipif(not SHIPPED.exists(), reason="no shipped argument model")
def test_learned_attacher_shipped_model_completes_a_trigger_the_rules_left_without_target() -> None:
    text = ("MINSK - The Minsk Regional Court on Friday rejected the appeals of Maria Kalesnikava and Maksim Znak "
            "against their prison sentences. Kalesnikava was sentenced to 11 years and Znak to 10 years in "
            "September. Both were detained in September 2020. The hearing was held behind closed doors.")
    doc = load_pipeline(DEFAULT_SPACY_MODEL)(text)
    staged = stages(doc, dt.date(2021, 12, 24), load_triggers(), load_scorer())
    assert "Detention" not in {e.type for e in staged.events}
    assert [e.type for e in staged.pending] == ["Detention"]  # "Both were detained": no target of its own
    # the attacher ranks the two people named before "Both were detained" first among its targets
    model = load_shipped()
    assert model is not None
    cands = Attacher(doc, staged.clusters).candidates([*staged.events, *staged.pending], staged.authorities,
                                                      len(staged.events))
    mine = [(p, c.cluster.name) for c, p in zip(cands, model.proba(cands), strict=True)
            if c.pending and c.role == "target"]
    best_p, best = max(mine)
    assert best in {"Maria Kalesnikava", "Maksim Znak"}
    # whether it is completed is the tune-chosen threshold's call (then the event scorer's): never a wrong target
    out = Extractor(DEFAULT_SPACY_MODEL).extract(Document(id="d", text=text, published=dt.date(2021, 12, 24)))
    detention = [e for e in out.events if e.type == "Detention"]
    assert len(detention) <= (1 if best_p >= model.decisions.add["pending"] else 0)
    for ev in detention:
        assert ev.date == "2020-09" and ev.targets and set(ev.targets) <= {"Maria Kalesnikava", "Maksim Znak"}
