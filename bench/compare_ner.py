"""Compare entity learners on the tune split: the shipped entity step, the learned NER, compositions.

    .venv/bin/python bench/compare_ner.py TUNE_DIR --ner MODEL_DIR [--eval ../shared/eval] [--out DIR]

TUNE_DIR is the tune split as ``corpus/splits.py --materialise`` writes it; MODEL_DIR a
pipeline trained by ``python -m ingest.extract.learned.train_ner`` (or the shipped one). The
articles are parsed once; each variant then runs the whole extraction on those parses and its
output (SCHEMA.md JSON Lines, ``OUT/<variant>.jsonl``) is scored by the evaluation's
``score.py``:

* ``A`` the shipped entity step (no learned NER);
* ``B`` the learned NER alone: its names (trimmed like spaCy's) are the only entities, no events;
* ``C-*`` the learned NER composed with the rules (``ingest.extract.learned.ner.Compose``) feeding
  the rest of the pipeline (events, arguments).

Only tune is meant here: the choice of learner and composition is made on it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.extract import DEFAULT_MODEL  # noqa: E402
from ingest.extract.gazetteer import load_gazetteer  # noqa: E402
from ingest.extract.learned import ner as learned_ner  # noqa: E402
from ingest.extract.ner_mentions import load_rules  # noqa: E402
from ingest.extract.nlp import load_pipeline  # noqa: E402
from ingest.extract.pipeline import extract_doc  # noqa: E402
from ingest.readers import ReadError, read_paths  # noqa: E402

VARIANTS: dict[str, learned_ner.Compose | None] = {
    "A": None,
    "C-add": learned_ner.Compose(add=True, bounds=False, retype=False),
    "C-add+bounds": learned_ner.Compose(add=True, bounds=True, retype=False),
    "C-add+bounds+retype": learned_ner.Compose(add=True, bounds=True, retype=True),
    "C-bounds": learned_ner.Compose(add=False, bounds=True, retype=False),
    "C-retype": learned_ner.Compose(add=False, bounds=False, retype=True),
    "C-add+bounds+retype3": learned_ner.Compose(add=True, bounds=True, retype=True, sure=3.0),
    "C-replace": learned_ner.Compose(add=True, bounds=False, retype=False, replace=True),
}


def load_score(eval_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", eval_dir / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{eval_dir}: no score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def learned_only(document: Any, doc: Any, model: learned_ner.LearnedNER) -> dict[str, Any]:
    """Variant B's record: the learned names as entities, one per distinct (name, type)."""
    gaz, rules = load_gazetteer(), load_rules()
    seen: dict[tuple[str, str], None] = {}
    for m in learned_ner.learned_mentions(doc, model.spans(doc), gaz, rules):
        seen.setdefault((m.text, m.type), None)
    return {"doc_id": document.id, "entities": [{"name": n, "type": t, "aliases": [], "country": None}
                                                for n, t in seen], "events": []}


def summary(score: ModuleType, gold: Path, system: Path) -> dict[str, Any]:
    result = score.score(score.load_gold(gold), score.load_system(system))
    tables = result["tables"]
    per_type = {t: round(tally.prf()[2], 3) for t, tally in sorted(tables["entities_by_type"].items())}
    agents = tables["agents"].prf()
    return {**result["summary"], "entity_f1_by_type": per_type,
            "agent_p": round(agents[0], 3), "agent_r": round(agents[1], 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tune", type=Path)
    ap.add_argument("--ner", type=Path, required=True, help="trained NER pipeline folder")
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--out", type=Path, default=ROOT / "var" / "compare-ner")
    ap.add_argument("--variants", nargs="*", default=[*VARIANTS, "B"])
    args = ap.parse_args(argv)
    if not (args.eval / "score.py").exists():
        print(f"{args.eval}: no score.py (the evaluation folder is needed)", file=sys.stderr)
        return 2
    score = load_score(args.eval)
    docs = [d for d in read_paths([args.tune], None) if not isinstance(d, ReadError)]
    nlp = load_pipeline(DEFAULT_MODEL)
    t0 = time.perf_counter()
    parsed = list(nlp.pipe([d.text for d in docs], batch_size=16))
    print(f"parsed {len(docs)} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    model = learned_ner.LearnedNER.load(args.ner)
    args.out.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {}
    for name in args.variants:
        t0 = time.perf_counter()
        out = args.out / f"{name}.jsonl"
        with out.open("w") as fh:
            for document, doc in zip(docs, parsed, strict=True):
                if name == "B":
                    record = learned_only(document, doc, model)
                else:
                    how = VARIANTS[name]
                    learned_ner.use(model if how else None, how or learned_ner.SHIPPED_COMPOSE)
                    record = extract_doc(document, doc).to_schema()
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        results[name] = {**summary(score, args.tune, out), "seconds": round(time.perf_counter() - t0, 1)}
        print(name, json.dumps(results[name]), file=sys.stderr)
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
