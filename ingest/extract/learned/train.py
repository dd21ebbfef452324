"""Train the learned model from the corpus: ``make train`` / ``python -m ingest.extract.learned.train``.

Splits come from the frozen manifest (``corpus/train/SPLITS.json``, by real event): the models
are fitted on ``train`` alone; the decision thresholds are chosen on ``tune``; ``test`` is never
read here. Labels come from running the rules over each article and aligning their output with
the article's gold (``gold.py``). Training is deterministic (``--seed`` fixes numpy's generator;
the fit itself uses no sampling), so the same corpus gives the same model file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import IngestError, IngestInputError
from ingest.extract import DEFAULT_MODEL
from ingest.extract.events import EventExtractor
from ingest.extract.learned import ner as learned_ner
from ingest.extract.learned import stable
from ingest.extract.learned.features import (
    entity_features,
    event_features,
    event_text,
    hashed,
    rule_is_sure,
    typer_text,
)
from ingest.extract.learned.gold import entity_types, gold_key, match_events
from ingest.extract.learned.logreg import expected_calibration_error, fit, reliability
from ingest.extract.learned.model import NONE, SHIPPED, LearnedModel, Thresholds
from ingest.extract.linking import link_entities
from ingest.extract.nlp import load_pipeline
from ontology import load as load_ontology

ROOT = Path(__file__).resolve().parents[3]
#: The typer's classes: the extraction contract's entity types, in a fixed (sorted) order.
TYPES = sorted(load_ontology().entity_types())
#: L2 strengths chosen on tune: the scorer has few examples and needs more to stay calibrated.
TYPER_L2 = 1e-3
SCORER_L2 = 1e-2
#: words either side of a name that a short-reading learner sees (bench/compare_finetuned.py)
WINDOW = 12
GRID = [round(0.05 * i, 2) for i in range(19)]


@dataclass
class Examples:
    """Rule output of one split, with features and gold labels."""

    entity_rows: list[list[int]] = field(default_factory=list)
    entity_labels: list[str] = field(default_factory=list)
    entity_rule: list[str] = field(default_factory=list)
    entity_used: list[bool] = field(default_factory=list)
    entity_sure: list[bool] = field(default_factory=list)
    entity_doc: list[int] = field(default_factory=list)
    entity_key: list[str] = field(default_factory=list)
    event_rows: list[list[int]] = field(default_factory=list)
    event_labels: list[str] = field(default_factory=list)
    event_doc: list[int] = field(default_factory=list)
    gold_event_docs: list[int] = field(default_factory=list)
    entity_texts: list[str] = field(default_factory=list)
    event_texts: list[str] = field(default_factory=list)
    # what learners that read text see (features.typer_text, event_text)
    entity_windows: list[str] = field(default_factory=list)
    event_marked: list[str] = field(default_factory=list)
    gold_events: int = 0
    gold_entities: list[set[tuple[str, str]]] = field(default_factory=list)
    gold_entity_count: int = 0


def articles(folder: Path, manifest: dict[str, str]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in sorted(folder.rglob("*.json")):
        try:
            art = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            print(f"{path}: skipped, not readable JSON ({exc})", file=sys.stderr)
            continue
        if not isinstance(art, dict) or "gold" not in art or "text" not in art:
            continue
        split = manifest.get(str(art.get("id")))
        if split is not None:
            yield split, art


def collect(arts: list[dict[str, Any]], model: str) -> Examples:
    nlp = load_pipeline(model)
    ex = Examples()
    for n, (art, doc) in enumerate(zip(arts, nlp.pipe(a["text"] for a in arts), strict=True)):
        gold = art["gold"]
        published = dt.date.fromisoformat(art["published"]) if art.get("published") else None
        clusters = link_entities(doc)
        events = EventExtractor(doc, clusters, published).run()
        used = {c.id for ev in events for c in [*ev.agents, *ev.targets, *ev.laws]}
        types = entity_types(gold)
        for c in clusters:
            if c.gaz_id:
                continue
            ex.entity_rows.append(hashed(entity_features(doc, c)))
            ex.entity_labels.append(types.get(gold_key(c.name), NONE))
            ex.entity_rule.append(c.type)
            ex.entity_used.append(c.id in used)
            ex.entity_sure.append(rule_is_sure(c))
            ex.entity_doc.append(n)
            ex.entity_key.append(gold_key(c.name))
            ex.entity_texts.append(typer_text(doc, c))
            ex.entity_windows.append(typer_text(doc, c, WINDOW))
        names = [[c.name for c in (ev.laws if ev.type == "LawRevision" else ev.targets)] for ev in events]
        hits = match_events([(ev.type, ns) for ev, ns in zip(events, names, strict=True)], gold)
        ex.event_rows += [hashed(f) for f in event_features(doc, events)]
        ex.event_labels += ["event" if h else NONE for h in hits]
        ex.event_doc += [n] * len(hits)
        ex.gold_event_docs.append(len(gold.get("events", [])))
        ex.event_texts += [f"{ev.type}: {ev.sent.text}" for ev in events]
        ex.event_marked += [event_text(ev, ns) for ev, ns in zip(events, names, strict=True)]
        ex.gold_events += len(gold.get("events", []))
        ex.gold_entities.append({(t, k) for k, t in types.items()})
        ex.gold_entity_count += len(gold.get("entities", []))
    return ex


def f1(tp: int, system: int, gold: int) -> float:
    return 2 * tp / (system + gold) if system + gold else 0.0


def choose_event_threshold(probs: list[float], hits: list[bool], docs: list[int],
                           gold: list[int]) -> tuple[float, float, float, dict[str, Any]]:
    """The event threshold chosen on tune by ``stable.choose`` (0 keeps every rule event; ties go
    to the lower threshold), its tune event F1, the F1 of keeping every rule event, and the
    choice's table. ``docs[i]`` is the article of event ``i``; ``gold[a]`` article ``a``'s gold
    event count."""
    counts = np.zeros((len(GRID), len(gold), 3))
    counts[:, :, 2] = gold
    for p, h, d in zip(probs, hits, docs, strict=True):
        for s, th in enumerate(GRID):
            if p >= th:
                counts[s, d, 0] += h
                counts[s, d, 1] += 1
    choice = stable.choose(counts, lambda c: stable.f1(c[..., 0], c[..., 1], c[..., 2]), [-th for th in GRID])
    return GRID[choice.index], choice.scores[choice.index], choice.scores[0], choice.report([str(t) for t in GRID])


def entity_score(ex: Examples, probs: np.ndarray, classes: list[str], th: Thresholds) -> float:
    """Entity F1 over the non-gazetteer names on tune, as the scorer counts (type, name)."""
    tp = system = 0
    for i in range(len(ex.entity_rule)):
        p = probs[i]
        t = ex.entity_rule[i]
        if ex.entity_sure[i]:
            system += 1
            tp += (t, ex.entity_key[i]) in ex.gold_entities[ex.entity_doc[i]]
            continue
        if p[classes.index(NONE)] >= th.drop and not ex.entity_used[i]:
            continue
        best = max(TYPES, key=lambda k: p[classes.index(k)])
        if best != t and p[classes.index(best)] - p[classes.index(t)] >= th.margin:
            t = best
        system += 1
        tp += (t, ex.entity_key[i]) in ex.gold_entities[ex.entity_doc[i]]
    return f1(tp, system, ex.gold_entity_count)


def split_articles(corpus: Path, manifest_path: Path) -> dict[str, list[dict[str, Any]]]:
    """The annotated articles of the train and tune splits (the test split is never read here)."""
    try:
        manifest: dict[str, str] = json.loads(manifest_path.read_text())
    except (OSError, json.JSONDecodeError) as exc:
        raise IngestInputError(f"{manifest_path}: cannot read the split manifest ({exc})") from exc
    by_split: dict[str, list[dict[str, Any]]] = {"train": [], "tune": []}
    for split, art in articles(corpus, manifest):
        if split in by_split:
            by_split[split].append(art)
    if not by_split["train"]:
        raise IngestInputError(f"{corpus}: no annotated article of the train split (manifest {manifest_path})")
    return by_split


def train(corpus: Path, manifest_path: Path, out: Path, model: str, seed: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    np.random.seed(seed)
    by_split = split_articles(corpus, manifest_path)
    tr = collect(by_split["train"], model)
    typer = fit(tr.entity_rows, tr.entity_labels, [*TYPES, NONE], l2=TYPER_L2)
    scorer = fit(tr.event_rows, tr.event_labels, ["event", NONE], l2=SCORER_L2)
    th = Thresholds()
    report: dict[str, Any] = {"seed": seed, "articles": {k: len(v) for k, v in by_split.items()},
                              "train_examples": {"entities": len(tr.entity_rows), "events": len(tr.event_rows)},
                              "train_labels": dict(Counter(tr.entity_labels) + Counter(tr.event_labels))}
    if by_split["tune"]:
        tu = collect(by_split["tune"], model)
        th, report["tune"] = tune(tu, typer.proba(tu.entity_rows), scorer.proba(tu.event_rows)[:, 0])
    learned = LearnedModel(typer, scorer, th, {"seed": seed, "articles": report["articles"]})
    learned.save(out)
    report["seconds"] = round(time.perf_counter() - t0, 1)
    report["model_bytes"] = out.stat().st_size
    return report


def tune(tu: Examples, eprobs: np.ndarray, event_probs: np.ndarray) -> tuple[Thresholds, dict[str, Any]]:
    """Thresholds with the best tune F1, given the typer's probabilities (columns ``TYPES`` and
    none) and the scorer's probability of "event" for each tune example."""
    probs = [float(p) for p in event_probs]
    hits = [lab == "event" for lab in tu.event_labels]
    event_th, event_f1, rule_f1, choice = choose_event_threshold(probs, hits, tu.event_doc, tu.gold_event_docs)
    classes = [*TYPES, NONE]
    base = entity_score(tu, eprobs, classes, Thresholds(drop=1.01, margin=1.01))
    options = [Thresholds(event_th, d, m) for d in [*GRID[10:], 1.01] for m in [*GRID[:12], 1.01]]
    best = max(options, key=lambda t: (round(entity_score(tu, eprobs, classes, t), 4), t.drop, t.margin))
    return best, {
        "event_threshold": event_th, "event_f1_rules": round(rule_f1, 4), "event_f1_learned": round(event_f1, 4),
        "entity_f1_rules": round(base, 4),
        "entity_f1_learned": round(entity_score(tu, eprobs, classes, best), 4),
        "drop": best.drop, "margin": best.margin,
        "reliability": reliability(probs, hits), "ece": round(expected_calibration_error(probs, hits), 4),
        "events": len(probs), "gold_events": tu.gold_events, "event_choice": choice,
    }


def command_line(description: str, out: Path, run: Callable[[argparse.Namespace], dict[str, Any]],
                 argv: list[str] | None = None, scorer: Path | None = None, triggers: Path | None = None,
                 uses_ner: bool = True) -> int:
    """The command line of a trainer: corpus, manifest, output, report, spaCy model, seed (and the
    event scorer, trigger proposer and learned NER to use, for trainers that need them); the
    report is printed and written."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("corpus", type=Path, nargs="?", default=ROOT / "corpus" / "train")
    ap.add_argument("--manifest", type=Path, default=ROOT / "corpus" / "train" / "SPLITS.json")
    ap.add_argument("--out", type=Path, default=out)
    ap.add_argument("--report", type=Path, help="write the training report (JSON) here")
    ap.add_argument("--model", default=DEFAULT_MODEL, help="spaCy model the rules run on")
    if scorer is not None:
        ap.add_argument("--scorer", type=Path, default=scorer, help="event scorer applied when choosing thresholds")
    if triggers is not None:
        ap.add_argument("--triggers", type=Path, default=triggers, help="trigger proposer used in the extraction")
    if uses_ner:
        ap.add_argument("--ner", type=Path, default=learned_ner.SHIPPED,
                        help="learned NER the extraction composes with the rules (when that folder holds one)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stable-choice", action="store_true",
                    help="choose decisions on tune by stable.choose's plateau centre, not the plain argmax")
    args = ap.parse_args(argv)
    stable.use(args.stable_choice)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: no such corpus folder", file=sys.stderr)
        return 2
    if uses_ner:
        learned_ner.use(learned_ner.load_shipped(args.ner))
    try:
        report = run(args)
    except IngestError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    text = json.dumps(report, indent=1)
    if args.report:
        args.report.write_text(text + "\n")
    print(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    return command_line(__doc__.splitlines()[0], SHIPPED,
                        lambda a: train(a.corpus, a.manifest, a.out, a.model, a.seed), argv)


if __name__ == "__main__":
    sys.exit(main())
