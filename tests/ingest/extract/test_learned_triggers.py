"""The learned trigger proposer: gold labels for training, proposals the rules' argument code
builds into events, no second event where the rules already fired, the model file, the shipped model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.errors import ModelUnavailable
from ingest.extract.arguments import EntityIndex
from ingest.extract.events import EventExtractor
from ingest.extract.learned.features import DIM, hashed
from ingest.extract.learned.train_triggers import TYPES, gold_labels
from ingest.extract.learned.triggers import NONE, SHIPPED, TriggerModel, load_shipped, token_features
from ingest.extract.linking import link_entities
from ingest.extract.nlp import load_pipeline
from ingest.extract.pipeline import Extractor
from ingest.extract.triggers import find_triggers, load_config
from ingest.records import Document

CLASSES = [*TYPES, NONE]
NAB = "Police in Lagos nabbed Daniel Ojo, a reporter for the Daily Ledger, on Friday."


def feature_model(feature: str, etype: str, threshold: float = 0.5) -> TriggerModel:
    """A model that calls a token ``etype`` when it has ``feature``, and "none" otherwise."""
    w = np.zeros((DIM, len(CLASSES)), dtype=np.float32)
    w[hashed(["bias"])[0], CLASSES.index(NONE)] = 4.0
    w[hashed([feature])[0], CLASSES.index(etype)] = 10.0
    return TriggerModel(w, CLASSES, threshold)


def _events(text: str, model: TriggerModel | None) -> list[tuple[str, list[str], float]]:
    doc = load_pipeline(DEFAULT_SPACY_MODEL)(text)
    events = EventExtractor(doc, link_entities(doc), None, model.propose if model else None).run()
    return [(e.type, [c.name for c in e.targets], e.confidence) for e in events]


def test_learned_triggers_proposal_becomes_an_event_the_rules_miss() -> None:
    assert _events(NAB, None) == []  # "nab" is in no trigger rule
    events = _events(NAB, feature_model("l=nab", "Arrest"))
    assert [(t, names) for t, names, _ in events] == [("Arrest", ["Daniel Ojo"])]
    assert 0.5 <= events[0][2] <= 0.95


def test_learned_triggers_below_threshold_or_without_target_proposes_nothing() -> None:
    assert _events(NAB, feature_model("l=nab", "Arrest", threshold=1.01)) == []
    # a proposal is built by the rules' argument code: no target anywhere, no event
    assert _events("It was nabbed on Friday.", feature_model("l=nab", "Arrest")) == []


def test_learned_triggers_keep_the_rules_limits_on_future_negation_and_modifiers() -> None:
    model = feature_model("l=nab", "Arrest")
    assert _events("Police in Lagos will nab Daniel Ojo next week.", model) == []
    assert _events("Police in Lagos did not nab Daniel Ojo on Friday.", model) == []
    camps = feature_model("l=detention", "Detention")
    assert _events("Li Ming studied the detention camps of the region for the Orion Institute.", camps) == []


def test_learned_triggers_do_not_repeat_an_event_the_rules_found() -> None:
    text = "Police in Lagos apprehended Daniel Ojo, a reporter for the Daily Ledger, on Friday."
    rules = _events(text, None)
    assert [(t, n) for t, n, _ in rules] == [("Arrest", ["Daniel Ojo"])]
    assert _events(text, feature_model("l=apprehend", "Arrest")) == rules


def test_learned_triggers_gold_labels_lexicon_word_and_unseen_verb() -> None:
    text = "Officers raided the office of Mintz Group. Later they nabbed Daniel Ojo at his home."
    art = {"text": text, "gold": {"events": [
        {"type": "Raid", "targets": ["Mintz Group"], "evidence": "Officers raided the office of Mintz Group."},
        {"type": "Arrest", "targets": ["Daniel Ojo"], "evidence": "Later they nabbed Daniel Ojo at his home."}]}}
    doc = load_pipeline(DEFAULT_SPACY_MODEL)(text)
    labels, skip = gold_labels(doc, art)
    assert {doc[i].text: t for i, t in labels.items()} == {"raided": "Raid", "nabbed": "Arrest"}
    assert skip == set()


def test_learned_triggers_file_round_trips_and_refuses_garbage(tmp_path: Path) -> None:
    model = feature_model("l=nab", "Arrest", threshold=0.4)
    model.meta = {"seed": 0}
    model.save(tmp_path / "t.npz")
    back = TriggerModel.load(tmp_path / "t.npz")
    assert back.classes == CLASSES and back.threshold == 0.4 and back.meta == {"seed": 0}
    assert np.allclose(back.weights, model.weights, atol=1e-2)
    (tmp_path / "bad.npz").write_bytes(b"not a model")
    with pytest.raises(ModelUnavailable, match="not a trigger model file"):
        TriggerModel.load(tmp_path / "bad.npz")


@pytest.mark.skipif(not SHIPPED.exists(), reason="the trigger model has not been built")
def test_learned_triggers_shipped_model_loads_and_extraction_uses_it() -> None:
    model = load_shipped()
    assert model is not None and model.meta is not None and model.meta["articles"]["train"] > 0
    out = Extractor(DEFAULT_SPACY_MODEL).extract(Document(id="nab", text=NAB, published="2024-05-03"))
    assert all(0.0 <= e.confidence <= 1.0 for e in out.events)


def test_learned_triggers_features_leave_out_proposer_blind_rules() -> None:
    """A rule marked ``proposer_blind`` (added after the shipped proposer was trained) adds no
    lexicon feature and no "fired" feature to the proposer's reading of a token; a rule it was
    trained with still does."""
    assert any(r.lemma == "seal" and not r.proposer_sees for r in load_config().rules)
    doc = load_pipeline(DEFAULT_SPACY_MODEL)("Police raided the newsroom of Echo Weekly and sealed its office.")
    index = EntityIndex.build(doc, link_entities(doc))
    sealed = next(t for t in doc if t.lower_ == "sealed")
    raided = next(t for t in doc if t.lower_ == "raided")
    fired = {(t.token.i, t.rule.event_type) for t in find_triggers(doc, index)}
    assert (sealed.i, "Closure") in fired  # the rule itself fires
    seal_features = token_features(doc, sealed, index, set())
    assert not any(f.startswith(("lex=", "ok=")) for f in seal_features)
    assert "lex=Raid" in token_features(doc, raided, index, {"Raid"})
    # a model that would call any token the rules fired a Closure on a Sanction proposes nothing on
    # "sealed": the blind rule's firing is not among the features it reads
    scored = feature_model("fired=Closure", "Sanction").scored(doc, index, find_triggers(doc, index))
    assert not any(t.i == sealed.i and p >= 0.5 for t, _, p in scored)
    assert any(t.i == sealed.i for t, _, _ in scored)


def test_learned_triggers_sentence_features_kept_once_per_sentence_are_the_same() -> None:
    """The proposer reads a sentence's own features once for all its candidates; every token's
    features are what it reads alone (the model was trained on those)."""
    doc = load_pipeline(DEFAULT_SPACY_MODEL)(
        "Was the office of Echo Weekly raided by police in Kyiv? Officers sealed it. Prosecutors charged two editors.")
    index = EntityIndex.build(doc, link_entities(doc))
    kept: dict[int, list[str]] = {}
    for tok in doc:
        assert token_features(doc, tok, index, set(), kept) == token_features(doc, tok, index, set())
    assert len(kept) == len(list(doc.sents))
    raided = next(t for t in doc if t.lower_ == "raided")
    assert "question" in token_features(doc, raided, index, set(), kept)
