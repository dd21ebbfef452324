"""The learned components: gold alignment, the numpy learner, the shipped model in the extractor,
and ``make train`` on a tiny corpus producing a model the extractor can load."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.errors import ModelUnavailable
from ingest.extract.events import EventExtractor
from ingest.extract.learned import stable
from ingest.extract.learned.attacher import ArgumentModel
from ingest.extract.learned.features import hashed
from ingest.extract.learned.gold import gold_key, match_events
from ingest.extract.learned.logreg import expected_calibration_error, fit, reliability
from ingest.extract.learned.model import SHIPPED, LearnedModel, load_shipped
from ingest.extract.learned.ner import TYPES, LearnedNER
from ingest.extract.learned.train import choose_event_threshold, command_line
from ingest.extract.learned.triggers import TriggerModel
from ingest.extract.learned.triggers import load_shipped as load_triggers
from ingest.extract.linking import link_entities
from ingest.extract.nlp import load_pipeline
from ingest.extract.pipeline import Extractor
from ingest.records import Document

ROOT = Path(__file__).resolve().parents[3]
GOLD = {"entities": [{"name": "Capvision Partners Ltd", "type": "Company", "aliases": ["Capvision"]},
                     {"name": "Ulvi Hasanli", "type": "Person", "aliases": ["Hasanli"]}],
        "events": [{"type": "Raid", "targets": ["Capvision Partners Ltd"]},
                   {"type": "Detention", "targets": ["Ulvi Hasanli"]}]}


def test_learned_gold_key_ignores_case_article_suffix_and_possessive() -> None:
    assert gold_key("The Capvision Partners Co., Ltd.") == gold_key("capvision partners")
    assert gold_key("Capvision's") == "capvision"
    assert gold_key("Co") == "co"  # a suffix alone is still a name


def test_learned_match_events_is_one_to_one_and_uses_aliases() -> None:
    system = [("Raid", ["Capvision"]), ("Raid", ["Capvision Partners"]), ("Detention", ["Hasanli"]),
              ("Arrest", ["Ulvi Hasanli"]), ("Detention", ["Someone Else"])]
    assert match_events(system, GOLD) == [True, False, True, False, False]


def test_learned_logreg_separates_classes_and_reports_calibration() -> None:
    rows = [hashed(["bias", f"w={'a' if i % 2 else 'b'}", f"n={i % 7}"]) for i in range(200)]
    labels = ["yes" if i % 2 else "no" for i in range(200)]
    model = fit(rows, labels, ["yes", "no"], epochs=200)
    p = model.proba([hashed(["bias", "w=a", "n=3"]), hashed(["bias", "w=b", "n=3"])])
    assert p[0, 0] > 0.9 and p[1, 0] < 0.1
    probs = [float(x) for x in model.proba(rows)[:, 0]]
    outcomes = [lab == "yes" for lab in labels]
    table = reliability(probs, outcomes)
    assert sum(n for _, n, _, _ in table) == 200
    assert expected_calibration_error(probs, outcomes) < 0.1
    assert expected_calibration_error([0.95] * 10, [False] * 10) > 0.9


def test_learned_model_file_round_trips_and_refuses_garbage(tmp_path: Path) -> None:
    typer = fit([hashed(["x"]), hashed(["y"])], ["Person", "none"], ["Person", "none"], epochs=5)
    scorer = fit([hashed(["x"]), hashed(["y"])], ["event", "none"], ["event", "none"], epochs=5)
    path = tmp_path / "m.npz"
    LearnedModel(typer, scorer, meta={"seed": 0}).save(path)
    back = LearnedModel.load(path)
    assert back.typer.classes == ["Person", "none"] and back.meta == {"seed": 0}
    assert np.allclose(back.scorer.weights, scorer.weights, atol=1e-3)
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(ModelUnavailable, match="not a learned model file"):
        LearnedModel.load(bad)


RAID = ("Police raid consultancy\n\nBEIJING — Officers of the Ministry of State Security raided the Beijing "
        "office of Mintz Group, a US due-diligence firm, on Monday and detained five Chinese employees. "
        "The company said it was cooperating with the authorities.")


@pytest.mark.skipif(not SHIPPED.exists(), reason="the learned model has not been built")
def test_learned_shipped_model_loads_and_sets_event_probabilities() -> None:
    model = load_shipped()
    assert model is not None and model.meta["articles"]["train"] > 0
    doc = Document(id="mintz", text=RAID, published="2023-03-24")
    out = Extractor(DEFAULT_SPACY_MODEL).extract(doc)
    assert {e.type for e in out.events} >= {"Raid"}
    nlp = load_pipeline(DEFAULT_SPACY_MODEL)
    parsed = nlp(RAID)
    clusters = link_entities(parsed)
    proposer = load_triggers()  # the learned triggers propose events before the scorer judges them all
    rule_events = EventExtractor(parsed, clusters, doc.published, proposer.propose if proposer else None).run()
    probs = model.event_probabilities(parsed, rule_events)
    kept = [round(p, 3) for p in probs if p >= model.thresholds.event]
    assert [e.confidence for e in out.events] == kept


def tiny_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Three train and two tune articles of corpus/train, with their own split manifest."""
    manifest = json.loads((ROOT / "corpus" / "train" / "SPLITS.json").read_text())
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    want = {"train": 3, "tune": 2}
    tiny: dict[str, str] = {}
    for path in sorted((ROOT / "corpus" / "train").rglob("*.json")):
        art = json.loads(path.read_text())
        split = manifest.get(art.get("id")) if isinstance(art, dict) else None
        if split in want and want[split] > 0:
            want[split] -= 1
            tiny[art["id"]] = split
            shutil.copy(path, corpus / path.name)
    (tmp_path / "splits.json").write_text(json.dumps(tiny))
    return corpus, tmp_path / "splits.json"


@pytest.mark.skipif(not (ROOT / "corpus" / "train" / "SPLITS.json").exists(), reason="no training corpus")
def test_learned_make_train_on_tiny_corpus_gives_loadable_model(tmp_path: Path) -> None:
    corpus, manifest = tiny_corpus(tmp_path)
    out, report = tmp_path / "model.npz", tmp_path / "report.json"
    triggers, triggers_report = tmp_path / "triggers.npz", tmp_path / "triggers.json"
    arguments, arguments_report = tmp_path / "arguments.npz", tmp_path / "arguments.json"
    proposer_report = tmp_path / "proposer.json"
    ner, ner_report = tmp_path / "ner", tmp_path / "ner.json"
    proc = subprocess.run(["make", "-s", "-o", ".venv/.installed", "train", f"BIN={Path(sys.executable).parent}",
                           f"CORPUS={corpus}", f"MANIFEST={manifest}", f"MODEL_OUT={out}", f"REPORT={report}",
                           f"TRIGGERS_OUT={triggers}", f"TRIGGERS_REPORT={triggers_report}",
                           f"ARGUMENTS_OUT={arguments}", f"ARGUMENTS_REPORT={arguments_report}",
                           f"PROPOSER_REPORT={proposer_report}",
                           f"NER_OUT={ner}", f"NER_REPORT={ner_report}", f"NER_WORK={tmp_path / 'ner-work'}",
                           "NER_STEPS=4"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    learned = LearnedNER.load(ner)  # spacy train for a few steps gives a pipeline the extraction loads
    labels = set(learned.nlp.get_pipe("ner").labels)
    assert learned.nlp.pipe_names == ["ner"] and {"Person", "Place"} <= labels <= TYPES  # OntoNotes' cut
    ner_info = json.loads(ner_report.read_text())
    assert ner_info["articles"]["tune"] == 2 and ner_info["alignment_fit"]["spans"] > 0
    model = LearnedModel.load(out)
    assert model.meta["articles"] == {"train": 3, "tune": 2}
    assert json.loads(report.read_text())["tune"]["gold_events"] > 0
    parsed = load_pipeline(DEFAULT_SPACY_MODEL)(RAID)
    assert all(span.type in TYPES for span in learned.spans(parsed))
    clusters = link_entities(parsed)
    events = EventExtractor(parsed, clusters, None).run()
    assert all(0.0 <= p <= 1.0 for p in model.event_probabilities(parsed, events))
    proposer = TriggerModel.load(triggers)
    assert proposer.meta == {"seed": 0, "articles": {"train": 3, "tune": 2}} and "none" in proposer.classes
    provisional = json.loads(triggers_report.read_text())["tune"]
    assert "1.01" not in provisional["grid"]  # "never propose" is left to the last step
    final = json.loads(proposer_report.read_text())  # chosen on the whole extraction, written back
    assert final["provisional"] == provisional["threshold"] and final["threshold"] == proposer.threshold
    assert str(proposer.threshold) in final["tune"]["grid"] and "1.01" in final["tune"]["grid"]
    attacher = ArgumentModel.load(arguments)
    assert attacher.meta == {"seed": 0, "articles": {"train": 3, "tune": 2}}
    assert json.loads(arguments_report.read_text())["decisions"] == vars(attacher.decisions)


def test_learned_train_refuses_a_missing_corpus(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "ingest.extract.learned.train", str(tmp_path / "nowhere")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"{tmp_path / 'nowhere'}: no such corpus folder"


def test_learned_train_event_threshold_takes_the_argmax_unless_the_stable_choice_is_asked(tmp_path: Path) -> None:
    # 60 articles, two gold events each: a right event at p 0.5 and a wrong one at p 0.1 in every
    # article, and in five of them one at p 0.72 (three right): thresholds 0.15-0.5 keep the same
    # events, the best; the argmax takes the lowest of them, the stable choice the plateau's centre
    probs: list[float] = []
    hits: list[bool] = []
    docs: list[int] = []
    for a in range(60):
        probs += [0.5, 0.1]
        hits += [True, False]
        docs += [a, a]
        if a < 5:
            probs.append(0.72)
            hits.append(a < 3)
            docs.append(a)
    seen: list[float] = []

    def run(args: object) -> dict[str, object]:
        seen.append(choose_event_threshold(probs, hits, docs, [2] * 60)[0])
        return {}

    assert command_line("t", tmp_path / "m.npz", run, [str(tmp_path)], uses_ner=False) == 0
    assert command_line("t", tmp_path / "m.npz", run, [str(tmp_path), "--stable-choice"], uses_ner=False) == 0
    stable.use(False)
    argmax, plateau = seen
    assert argmax == 0.15
    assert plateau == 0.3  # of the middles 0.3 and 0.35, the lower (the event scorer's caution)
