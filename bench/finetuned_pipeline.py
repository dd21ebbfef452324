"""The whole extraction with the fine-tuned encoder typer in place of the shipped one: its output
on a set (to score), and its speed beside bare spaCy and the shipped extraction (issue 11, item 4).

    PYTHONPATH=. .venv/bin/python bench/finetuned_pipeline.py --typer DIR [--ort-path DIR] \\
        extract PATH... --out FILE.jsonl
    PYTHONPATH=. .venv/bin/python bench/finetuned_pipeline.py --typer DIR [--ort-path DIR] \\
        speed corpus/sample [--copies 4] [--repeat 3]

``--typer`` is the folder ``bench/compare_finetuned.py --export`` wrote (int8 ONNX, tokenizer,
classes and the thresholds chosen on tune); ``onnxruntime`` and ``tokenizers`` come from the
``train`` extra or from ``--ort-path`` folders (``pip install --target``; appended to ``sys.path``):
neither is a run-time dependency of the project. Everything else is the shipped extraction: only
the typer's probabilities and its two thresholds change (``LearnedModel.typer_probabilities``).
The encoder runs on one thread, in this process, so extraction is not isolated per document here
as ``enforcegraph extract`` does. ``speed`` times bare spaCy and the shipped extraction before it
loads ONNX Runtime: the threads that loading starts slow every single-threaded step of the process
after it by 6-18% (docs/LEARNED.md, "Eighteenth step"), which is part of the encoder's cost in
process, not of the baseline. Before that step, this script loaded it first, and its ratios read
too well.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_extract import median_time  # noqa: E402
from enforcegraph.settings import get_settings  # noqa: E402
from ingest.extract import pipeline  # noqa: E402
from ingest.extract.learned.features import typer_text  # noqa: E402
from ingest.extract.learned.logreg import Matrix  # noqa: E402
from ingest.extract.learned.model import LearnedModel, load_shipped  # noqa: E402
from ingest.extract.nlp import load_bare  # noqa: E402
from ingest.extract.stage_records import Cluster  # noqa: E402
from ingest.readers import ReadError, read_paths  # noqa: E402
from ingest.records import Document  # noqa: E402


class EncoderTyper:
    """The exported typer under ONNX Runtime, one thread; texts batched by length."""

    def __init__(self, folder: Path, batch: int = 16) -> None:
        import onnxruntime as ort
        import tokenizers

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(folder / "typer.onnx"), opts, providers=["CPUExecutionProvider"])
        self.tok = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(128)
        self.tok.no_padding()
        self.config: dict[str, Any] = json.loads((folder / "typer.json").read_text())
        self.classes: list[str] = self.config["classes"]
        self.batch = batch

    def proba(self, texts: list[str]) -> Matrix:
        out = np.zeros((len(texts), len(self.classes)), dtype=np.float32)
        encs = self.tok.encode_batch(texts) if texts else []
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for start in range(0, len(order), self.batch):
            idx = order[start:start + self.batch]
            ids = np.zeros((len(idx), max(len(encs[i].ids) for i in idx)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for row, i in enumerate(idx):
                ids[row, :len(encs[i].ids)] = encs[i].ids
                mask[row, :len(encs[i].ids)] = 1
            out[idx] = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return out


class EncoderTyped(LearnedModel):
    """The shipped model whose typer reads text with the encoder."""

    encoder: EncoderTyper

    def typer_probabilities(self, doc: Doc, clusters: list[Cluster]) -> Matrix:
        window = self.encoder.config.get("window")
        probs = self.encoder.proba([typer_text(doc, c, window) for c in clusters])
        return probs[:, [self.encoder.classes.index(k) for k in self.typer.classes]]


def with_encoder(shipped: LearnedModel, encoder: EncoderTyper) -> EncoderTyped:
    model = EncoderTyped(shipped.typer, shipped.scorer,
                         replace(shipped.thresholds, drop=encoder.config["drop"], margin=encoder.config["margin"]),
                         shipped.meta)
    model.encoder = encoder
    return model


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--typer", type=Path, required=True)
    ap.add_argument("--ort-path", type=Path, action="append", default=[],
                    help="folder holding onnxruntime and tokenizers (repeatable); none: the environment's")
    ap.add_argument("mode", choices=["extract", "speed"])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    sys.path += [str(p) for p in args.ort_path]
    shipped = load_shipped()
    if shipped is None:
        print("finetuned_pipeline: the shipped learned model is missing (make train)", file=sys.stderr)
        return 2
    model = get_settings().spacy_model
    docs = [d for d in read_paths(args.paths) if not isinstance(d, ReadError)]
    extractor = pipeline.Extractor(model)
    if args.mode == "extract":
        encoded = with_encoder(shipped, EncoderTyper(args.typer))
        pipeline.load_shipped = lambda: encoded  # type: ignore[assignment]
        lines = [json.dumps(r.to_schema(), ensure_ascii=False) for r in extractor.extract_many(docs)]
        text = "\n".join(lines) + "\n"
        if args.out:
            args.out.write_text(text)
        else:
            sys.stdout.write(text)
        return 0
    docs = [Document(id=f"{d.id}#{k}", text=d.text, published=d.published) for k in range(args.copies) for d in docs]
    texts = [d.text for d in docs]
    bare = load_bare(model)
    tokens = sum(len(d) for d in bare.pipe(texts))
    t_bare = median_time(lambda: list(bare.pipe(texts)), args.repeat)
    pipeline.load_shipped = lambda: shipped  # type: ignore[assignment]
    t_shipped = median_time(lambda: list(extractor.extract_many(docs)), args.repeat)
    # only now: loading ONNX Runtime starts threads, which slow single-threaded spaCy in this process
    encoded = with_encoder(shipped, EncoderTyper(args.typer))
    pipeline.load_shipped = lambda: encoded  # type: ignore[assignment]
    t_encoded = median_time(lambda: list(extractor.extract_many(docs)), args.repeat)
    print(f"{len(docs)} documents, {tokens} tokens; median of {args.repeat} runs, one process, one thread")
    for name, secs in (("bare spaCy", t_bare), ("extraction, shipped typer", t_shipped),
                       ("extraction, encoder typer", t_encoded)):
        print(f"{name:<28}{secs:>8.3f} s{tokens / secs:>9.0f} tokens/s{t_bare / secs:>7.2f} of bare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
