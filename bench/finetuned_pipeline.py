"""The whole extraction with an encoder typer (by default the shipped one) against the hashed
typer: its output on a set (to score), and its speed beside bare spaCy and the extraction with the
hashed typer (issue 11, item 4).

    PYTHONPATH=. .venv/bin/python bench/finetuned_pipeline.py [--typer DIR] extract PATH... --out FILE.jsonl
    PYTHONPATH=. .venv/bin/python bench/finetuned_pipeline.py [--typer DIR] \\
        speed corpus/sample [--copies 4] [--repeat 3]

``--typer`` is a folder ``bench/compare_finetuned.py --export`` wrote (int8 ONNX, tokenizer,
classes and the thresholds chosen on tune), loaded as ``encoder_typer.EncoderTyper``; without it,
the shipped one (``ingest/extract/data/learned/typer-encoder``). Everything else is the shipped
extraction: only the typer's probabilities and its two thresholds change, for the names the
hashed typer is unsure of (the folder's ``cascade.json``; without it, every name:
``LearnedModel.with_encoder``). Extraction is not isolated per document here as
``enforcegraph extract`` does. ``speed`` times bare spaCy and the hashed-typer extraction before
the encoder's process starts; an earlier version loaded ONNX Runtime into this process first, and
the thread that starts slowed its baseline (docs/LEARNED.md, "Eighteenth step").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_extract import median_time  # noqa: E402
from enforcegraph.settings import get_settings  # noqa: E402
from ingest.extract import pipeline  # noqa: E402
from ingest.extract.learned.encoder_typer import SHIPPED, EncoderTyper  # noqa: E402
from ingest.extract.learned.model import load_shipped  # noqa: E402
from ingest.extract.nlp import load_bare  # noqa: E402
from ingest.readers import ReadError, read_paths  # noqa: E402
from ingest.records import Document  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--typer", type=Path, default=SHIPPED, help="an exported encoder typer (default: the shipped one)")
    ap.add_argument("mode", choices=["extract", "speed"])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    shipped = load_shipped()
    if shipped is None:
        print("finetuned_pipeline: the shipped learned model is missing (make train)", file=sys.stderr)
        return 2
    hashed = shipped.with_encoder(None)
    model = get_settings().spacy_model
    docs = [d for d in read_paths(args.paths) if not isinstance(d, ReadError)]
    extractor = pipeline.Extractor(model)
    if args.mode == "extract":
        encoded = shipped.with_encoder(EncoderTyper.load(args.typer))
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
    pipeline.load_shipped = lambda: hashed  # type: ignore[assignment]
    t_shipped = median_time(lambda: list(extractor.extract_many(docs)), args.repeat)
    encoded = shipped.with_encoder(EncoderTyper.load(args.typer))  # its process starts only now
    pipeline.load_shipped = lambda: encoded  # type: ignore[assignment]
    t_encoded = median_time(lambda: list(extractor.extract_many(docs)), args.repeat)
    print(f"{len(docs)} documents, {tokens} tokens; median of {args.repeat} runs, one process, one thread")
    for name, secs in (("bare spaCy", t_bare), ("extraction, hashed typer", t_shipped),
                       ("extraction, encoder typer", t_encoded)):
        print(f"{name:<28}{secs:>8.3f} s{tokens / secs:>9.0f} tokens/s{t_bare / secs:>7.2f} of bare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
