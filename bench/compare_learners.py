"""Compare learners for the learned judges on the tune split (the figures of docs/LEARNED.md).

    PYTHONPATH=<onnxruntime + tokenizers> .venv/bin/python bench/compare_learners.py \\
        --onnx model.onnx --tokenizer tokenizer.json

Learner A is the shipped one: logistic regression over hashed words, context and rule features.
Learner B is a frozen pretrained encoder (all-MiniLM-L6-v2 as int8 ONNX, run with onnxruntime,
mean-pooled and normalised) whose sentence vectors feed the same logistic regression: the
entity text is "name | sentence of its first mention", the event text "Type: evidence sentence".
Learner A+B concatenates both. Fine-tuning the encoder itself needs PyTorch (not installed).
The encoder packages are optional: they are not project dependencies.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.extract.learned import train as T  # noqa: E402
from ingest.extract.learned.logreg import design, fit_matrix, softmax  # noqa: E402


def encoder(onnx: Path, tokenizer: Path):  # type: ignore[no-untyped-def]
    import onnxruntime as ort
    import tokenizers

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    session = ort.InferenceSession(str(onnx), opts, providers=["CPUExecutionProvider"])
    tok = tokenizers.Tokenizer.from_file(str(tokenizer))
    tok.enable_truncation(128)
    tok.no_padding()

    def embed(texts: list[str]) -> np.ndarray:
        out = []
        for i in range(0, len(texts), 32):
            batch = tok.encode_batch(texts[i:i + 32])
            n = max(len(e.ids) for e in batch)
            ids = np.zeros((len(batch), n), dtype=np.int64)
            mask = np.zeros_like(ids)
            for j, e in enumerate(batch):
                ids[j, :len(e.ids)] = e.ids
                mask[j, :len(e.ids)] = 1
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.concatenate(out).astype(np.float32)
    return embed


def run(name: str, xtr_e: np.ndarray, xtr_v: np.ndarray, xtu_e: np.ndarray, xtu_v: np.ndarray,
        tr: T.Examples, tu: T.Examples) -> dict[str, object]:
    typer = fit_matrix(xtr_e, tr.entity_labels, [*T.TYPES, T.NONE], l2=T.TYPER_L2)
    scorer = fit_matrix(xtr_v, tr.event_labels, ["event", T.NONE], l2=T.SCORER_L2)
    _, rep = T.tune(tu, softmax(xtu_e @ typer.weights), softmax(xtu_v @ scorer.weights)[:, 0])
    rep.pop("reliability")
    return {"learner": name, **rep}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--onnx", type=Path, required=True)
    ap.add_argument("--tokenizer", type=Path, required=True)
    args = ap.parse_args()
    manifest = json.loads((ROOT / "corpus/train/SPLITS.json").read_text())
    by: dict[str, list[dict[str, object]]] = {"train": [], "tune": []}
    for split, art in T.articles(ROOT / "corpus/train", manifest):
        if split in by:
            by[split].append(art)
    tr, tu = T.collect(by["train"], T.DEFAULT_SPACY_MODEL), T.collect(by["tune"], T.DEFAULT_SPACY_MODEL)
    embed = encoder(args.onnx, args.tokenizer)
    texts = tr.entity_texts + tr.event_texts + tu.entity_texts + tu.event_texts
    t0 = time.perf_counter()
    vecs = embed(texts)
    secs = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    a, b, c = len(tr.entity_texts), len(tr.event_texts), len(tu.entity_texts)
    m_tr_e, m_tr_v, m_tu_e, m_tu_v = vecs[:a], vecs[a:a + b], vecs[a + b:a + b + c], vecs[a + b + c:]
    h = [design(r) for r in (tr.entity_rows, tr.event_rows, tu.entity_rows, tu.event_rows)]
    results = [run("A hashed features + LR", *h, tr, tu),
               run("B MiniLM int8 ONNX (frozen) + LR", m_tr_e, m_tr_v, m_tu_e, m_tu_v, tr, tu),
               run("A+B", *(np.hstack([x, m]) for x, m in zip(h, (m_tr_e, m_tr_v, m_tu_e, m_tu_v), strict=True)),
                   tr, tu)]
    print(json.dumps({"encoder_words_per_s_one_thread": round(words / secs), "texts": len(texts),
                      "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
