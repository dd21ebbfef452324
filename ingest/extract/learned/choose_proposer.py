"""The trigger proposer's threshold, chosen last, on the whole extraction: ``make train``'s final step.

    python -m ingest.extract.learned.choose_proposer corpus/train --manifest M --out triggers.npz \
        --scorer model.npz --arguments arguments.npz --report docs/proposer-threshold.json

``train_triggers`` fits the proposer and picks a provisional threshold by its own measure (the
rules and the event scorer); the attacher is then trained on the events that threshold proposes.
That measure cannot see the attacher, and a proposal usually names no target of its own: only the
attacher, later, completes it. So on the fourteenth and nineteenth steps' code the measure
switched a retrained proposer off, which cost 0.015 tune event F1 (docs/LEARNED.md). This step
runs last, when the event scorer, the proposer's weights and the attacher of this very run exist:
it extracts the tune split's articles (frozen manifest) as the product does
(``pipeline.extract_doc`` with those three models and every later stage) at each threshold of
``GRID``, "never propose" included, chooses by ``stable.choose`` on event F1, and rewrites the
proposer's threshold in place. Reading only the models the same run built keeps ``make train``
a function of the corpus and the code: choosing with the committed attacher instead (tried on the
nineteenth step) made a run depend on the previous run's output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np

from ingest.errors import IngestInputError
from ingest.extract.learned import stable
from ingest.extract.learned.attacher import SHIPPED as ARGUMENTS
from ingest.extract.learned.attacher import ArgumentModel
from ingest.extract.learned.encoder_typer import load_shipped as load_encoder
from ingest.extract.learned.gold import match_events
from ingest.extract.learned.model import SHIPPED as SCORER
from ingest.extract.learned.model import LearnedModel
from ingest.extract.learned.train import command_line, f1, split_articles
from ingest.extract.learned.train_triggers import Parsed, parse
from ingest.extract.learned.triggers import SHIPPED, TriggerModel
from ingest.extract.pipeline import extract_doc
from ingest.records import Document

#: Thresholds tried; 1.01 never proposes.
GRID = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 1.01]


def whole_extraction(p: Parsed, proposer: TriggerModel, scorer: LearnedModel | None,
                     arguments: ArgumentModel | None) -> list[tuple[str, list[str]]]:
    """The events of the whole extraction of one document with these models: per event its type
    and identifying names (targets, or laws for a LawRevision)."""
    art = p.art
    document = Document(id=str(art.get("id") or "doc"), text=art["text"], published=p.published,
                        source=art.get("source"))
    out = extract_doc(document, p.doc, proposer, scorer, arguments)
    return [(ev.type, ev.laws if ev.type == "LawRevision" else ev.targets) for ev in out.events]


def choose(parsed: list[Parsed], proposer: TriggerModel, scorer: LearnedModel | None,
           arguments: ArgumentModel | None) -> tuple[float, dict[str, Any]]:
    """The threshold ``stable.choose`` picks on event F1 of the whole extraction (ties go to the
    higher threshold, the one that proposes less), with the grid's figures."""
    gold = sum(len(p.art["gold"].get("events", [])) for p in parsed)
    counts = np.zeros((len(GRID), len(parsed), 3))
    table: dict[str, dict[str, float]] = {}
    provisional = proposer.threshold
    try:
        for s, th in enumerate(GRID):
            proposer.threshold = th
            for a, p in enumerate(parsed):
                evs = whole_extraction(p, proposer, scorer, arguments)
                counts[s, a] = (sum(match_events(evs, p.art["gold"])), len(evs), len(p.art["gold"].get("events", [])))
            tp, system = int(counts[s, :, 0].sum()), int(counts[s, :, 1].sum())
            table[str(th)] = {"f1": round(f1(tp, system, gold), 4),
                              "precision": round(tp / system, 4) if system else 0.0,
                              "recall": round(tp / gold, 4) if gold else 0.0}
    finally:
        proposer.threshold = provisional
    choice = stable.choose(counts, lambda c: stable.f1(c[..., 0], c[..., 1], c[..., 2]), GRID)
    return GRID[choice.index], {"grid": table, "choice": choice.report([str(t) for t in GRID])}


def run(corpus: Path, manifest: Path, out: Path, model: str, scorer_path: Path,
        arguments_path: Path) -> dict[str, Any]:
    """Choose on the manifest's tune split and rewrite ``out``'s threshold; the report. The event
    scorer and the attacher must be this run's: without them the extraction would fall back on the
    shipped ones, which this step must not read."""
    for path, what, step in ((out, "trigger proposer to choose a threshold for", "train_triggers"),
                             (scorer_path, "event scorer", "train"), (arguments_path, "attacher", "train_arguments")):
        if not path.exists():
            raise IngestInputError(f"{path}: no {what} ({step} first)")
    tune = split_articles(corpus, manifest)["tune"]
    proposer = TriggerModel.load(out)
    report: dict[str, Any] = {"provisional": proposer.threshold, "articles": {"tune": len(tune)}}
    if not tune:  # nothing to choose on: the provisional threshold stays
        report["threshold"] = proposer.threshold
        return report
    # each model as the extraction loads it: the scorer with the shipped encoder typer
    scorer = LearnedModel.load(scorer_path).with_encoder(load_encoder())
    best, report["tune"] = choose(parse(tune, model), proposer, scorer, ArgumentModel.load(arguments_path))
    proposer.threshold = best
    proposer.save(out)
    report["threshold"] = best
    return report


def main(argv: list[str] | None = None) -> int:
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--arguments", type=Path, default=ARGUMENTS, help="attacher built by this run")
    known, rest = extra.parse_known_args(argv)
    return command_line(__doc__.splitlines()[0], SHIPPED,
                        lambda a: run(a.corpus, a.manifest, a.out, a.model, a.scorer, known.arguments),
                        rest, SCORER)


if __name__ == "__main__":
    sys.exit(main())
