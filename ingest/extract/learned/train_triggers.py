"""Train the learned trigger proposer (``triggers.py``) on the train split; choose its threshold on tune.

    python -m ingest.learned.train_triggers corpus/train --manifest corpus/train/SPLITS.json \
        --out ingest/data/learned/triggers.npz --report docs/trigger-training.json --seed 0

Labels come from the gold: in the evidence sentence of a gold event of type T, the words of the
trigger lexicon that can mean T are T; where none is there, the verb nearest the root whose
subtree names one of the event's targets is T (the unseen wording the rules lack); where no verb
does, that sentence's verbs are left out rather than called "none". Every other candidate is
"none". A provisional threshold is chosen on tune event F1 by ``stable.choose`` (the plain
argmax; its plateau centre with ``--stable-choice``), measured on the rules, the proposals,
merging and the event scorer of ``model.npz``; the attacher is trained on what it proposes. That
measure cannot see the attacher, which completes most proposals, so it never switches the
proposer off: ``choose_proposer.py``, the last step of ``make train``, chooses the final
threshold on the whole extraction, "never propose" included.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, DocBin, Span, Token

from ingest.extract.arguments import EntityIndex
from ingest.extract.events import EventExtractor
from ingest.extract.learned import stable
from ingest.extract.learned.features import hashed
from ingest.extract.learned.gold import gold_key, match_events
from ingest.extract.learned.logreg import expected_calibration_error, fit, reliability
from ingest.extract.learned.model import SHIPPED as SCORER
from ingest.extract.learned.model import LearnedModel
from ingest.extract.learned.train import command_line, f1, split_articles
from ingest.extract.learned.triggers import NONE, SHIPPED, TriggerModel, candidates, proposals, token_features
from ingest.extract.linking import link_entities
from ingest.extract.nlp import load_pipeline
from ingest.extract.triggers import Trigger, _past_to_lemma, find_triggers, load_config
from ingest.version import parse_version
from ontology import load as load_ontology

TYPES = sorted(load_ontology().event_types())
L2 = 3e-5  # chosen on tune: 3e-5 and 1e-4 within 0.002 event F1 (3e-5 the better), 1e-3 clearly worse
#: Provisional thresholds tried on tune ("never propose", 1.01, is left to ``choose_proposer.py``).
GRID = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]


def evidence_span(doc: Doc, text: str, evidence: str) -> Span | None:
    pos = text.find(evidence)
    if pos < 0:
        pos = text.find(evidence[:60])
    if pos < 0 or not evidence:
        return None
    return doc.char_span(pos, min(len(text), pos + len(evidence)), alignment_mode="expand")


def _lexicon_types(tok: Token) -> set[str]:
    cfg = load_config()
    lemma = tok.lemma_ if any(r.lemma == tok.lemma_ for r in cfg.rules) else _past_to_lemma().get(tok.lower_, "")
    return {r.event_type for r in cfg.rules if r.lemma == lemma}


def _depth(tok: Token) -> int:
    return sum(1 for _ in tok.ancestors)


def gold_labels(doc: Doc, art: dict[str, Any]) -> tuple[dict[int, str], set[int]]:
    """Token index -> gold event type, and the tokens to leave out of training (see module doc)."""
    labels: dict[int, str] = {}
    skip: set[int] = set()
    for g in art["gold"].get("events", []):
        span = evidence_span(doc, art["text"], g.get("evidence", ""))
        if span is None:
            continue
        etype = g["type"]
        hits = [t for t in span if etype in _lexicon_types(t)]
        if hits:
            for t in hits:
                labels.setdefault(t.i, etype)
            continue
        names = g.get("laws", []) if etype == "LawRevision" else g.get("targets", [])
        keys = {gold_key(n).split()[-1] for n in names if gold_key(n)}
        verbs = sorted((t for t in span if t.pos_ == "VERB"), key=_depth)
        verb = next((v for v in verbs if keys & {gold_key(w.text) for w in v.subtree}), None)
        if verb is not None:
            labels.setdefault(verb.i, etype)
        else:
            skip |= {t.i for t in span}
    return labels, skip


@dataclass
class Parsed:
    art: dict[str, Any]
    doc: Doc
    published: dt.date | None


def parse(arts: list[dict[str, Any]], model: str, cache: Path | None = None) -> list[Parsed]:
    """The articles parsed by ``model``; with ``cache`` (a folder), parses are kept there as a
    DocBin named by the model and the texts, so a second training run does not parse again."""
    nlp = load_pipeline(model)
    texts = [a["text"] for a in arts]
    path = None
    if cache is not None:
        digest = hashlib.sha256("\0".join([model, parse_version(model), *texts]).encode()).hexdigest()[:16]
        path = cache / f"parsed-{digest}.spacy"
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts))
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs).to_disk(path)
    return [Parsed(a, d, dt.date.fromisoformat(a["published"]) if a.get("published") else None)
            for a, d in zip(arts, docs, strict=True)]


def examples(parsed: list[Parsed]) -> tuple[list[list[int]], list[str]]:
    rows: list[list[int]] = []
    labels: list[str] = []
    for p in parsed:
        index = EntityIndex.build(p.doc, link_entities(p.doc))
        fired: dict[int, set[str]] = {}
        for t in find_triggers(p.doc, index):
            if t.rule.proposer_sees:  # as TriggerModel.scored reads them
                fired.setdefault(t.token.i, set()).add(t.rule.event_type)
        gold, skip = gold_labels(p.doc, p.art)
        for tok in candidates(p.doc):
            label = gold.get(tok.i)
            if label is None and tok.i in skip:
                continue
            rows.append(hashed(token_features(p.doc, tok, index, fired.get(tok.i, set()))))
            labels.append(label or NONE)
    return rows, labels


def extract_events(p: Parsed, model: TriggerModel, threshold: float,
                   scorer: LearnedModel | None) -> list[tuple[str, list[str], float, bool]]:
    """The whole extraction of one document with proposals at ``threshold``: per event its type,
    identifying names, confidence and whether a learned trigger proposed it."""
    clusters = link_entities(p.doc)
    proposed: set[int] = set()

    def propose(doc: Doc, index: EntityIndex, triggers: list[Trigger]) -> list[Trigger]:
        out = proposals(model.scored(doc, index, triggers), threshold)
        proposed.update(t.token.i for t in out)
        return out

    events = EventExtractor(p.doc, clusters, p.published, propose).run()
    if scorer is not None:
        clusters, events = scorer.apply(p.doc, clusters, events)
    return [(ev.type, [c.name for c in (ev.laws if ev.type == "LawRevision" else ev.targets)], ev.confidence,
             ev.trigger.i in proposed) for ev in events]


def tune(parsed: list[Parsed], model: TriggerModel, scorer: LearnedModel | None) -> tuple[float, dict[str, Any]]:
    """The proposal threshold chosen by ``stable.choose`` on tune event F1 (ties go to the
    higher threshold, the one that proposes less), with the grid's figures."""
    gold = sum(len(p.art["gold"].get("events", [])) for p in parsed)
    table = {}
    outcomes: dict[float, tuple[list[float], list[bool]]] = {}
    counts = np.zeros((len(GRID), len(parsed), 3))
    for s, th in enumerate(GRID):
        probs: list[float] = []
        hits: list[bool] = []
        for a, p in enumerate(parsed):
            evs = extract_events(p, model, th, scorer)
            match = match_events([(t, n) for t, n, _, _ in evs], p.art["gold"])
            counts[s, a] = (sum(match), len(evs), len(p.art["gold"].get("events", [])))
            probs += [c for (_, _, c, prop), _ in zip(evs, match, strict=True) if prop]
            hits += [m for (_, _, _, prop), m in zip(evs, match, strict=True) if prop]
        tp, system = int(counts[s, :, 0].sum()), int(counts[s, :, 1].sum())
        table[th] = {"f1": round(f1(tp, system, gold), 4), "precision": round(tp / system, 4) if system else 0.0,
                     "recall": round(tp / gold, 4) if gold else 0.0, "proposed_kept": len(probs),
                     "proposed_right": sum(hits)}
        outcomes[th] = (probs, hits)
    choice = stable.choose(counts, lambda c: stable.f1(c[..., 0], c[..., 1], c[..., 2]), GRID)
    best = GRID[choice.index]
    probs, hits = outcomes[best]
    return best, {"grid": {str(k): v for k, v in table.items()}, "threshold": best,
                  "choice": choice.report([str(t) for t in GRID]),
                  "reliability_proposed": reliability(probs, hits),
                  "ece_proposed": round(expected_calibration_error(probs, hits), 4) if probs else None}


def train(corpus: Path, manifest_path: Path, out: Path, model: str, seed: int,
          scorer_path: Path = SCORER) -> dict[str, Any]:
    t0 = time.perf_counter()
    np.random.seed(seed)
    by_split = split_articles(corpus, manifest_path)
    rows, labels = examples(parse(by_split["train"], model))
    classes = [*TYPES, NONE]
    lr = fit(rows, labels, classes, l2=L2)
    counts = {k: len(v) for k, v in by_split.items()}
    trig = TriggerModel(lr.weights, classes, 1.01, {"seed": seed, "articles": counts})
    report: dict[str, Any] = {"seed": seed, "articles": counts, "examples": len(rows),
                              "labels": dict(Counter(labels))}
    if by_split["tune"]:
        scorer = LearnedModel.load(scorer_path) if scorer_path.exists() else None
        trig.threshold, report["tune"] = tune(parse(by_split["tune"], model), trig, scorer)
    trig.save(out)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    report["model_bytes"] = out.stat().st_size
    return report


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__.splitlines()[0], SHIPPED,
                        lambda a: train(a.corpus, a.manifest, a.out, a.model, a.seed, a.scorer), argv, SCORER)


if __name__ == "__main__":
    sys.exit(main())
