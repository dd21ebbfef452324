"""Extraction throughput: our full extraction vs the bare spaCy pipeline, on the same texts.

    python bench/bench_extract.py PATH... [--repeat 5] [--copies 4] [--workers 1,2,4]

PATH are documents in any form ``enforcegraph extract`` reads. The texts are read once and
replicated ``--copies`` times so each timed run is long enough to measure. Each configuration
runs ``--repeat`` times after a warm-up; the median is reported. "bare spaCy" is
``spacy.load(model).pipe(texts)`` with nothing else; "extraction" is everything
``enforcegraph extract`` does after reading (our pipeline components, entity linking, events,
dates, records). ``--workers`` reruns extraction with N processes (pool start-up included).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from enforcegraph.settings import get_settings
from ingest.extract.nlp import load_bare, load_pipeline
from ingest.extract.pipeline import Extractor
from ingest.readers import ReadError, read_paths
from ingest.records import Document


def median_time(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--workers", default="1,2,4", help="comma-separated process counts")
    args = ap.parse_args(argv)
    model = get_settings().spacy_model
    docs = [d for d in read_paths(args.paths) if not isinstance(d, ReadError)]
    docs = [Document(id=f"{d.id}#{k}", text=d.text, published=d.published)
            for k in range(args.copies) for d in docs]
    texts = [d.text for d in docs]
    bare, ours = load_bare(model), load_pipeline(model)
    n_tokens = sum(len(d) for d in bare.pipe(texts))
    extractor = Extractor(model)

    t_bare = median_time(lambda: list(bare.pipe(texts)), args.repeat)
    t_ours = median_time(lambda: list(extractor.extract_many(docs)), args.repeat)
    print(f"model {model}, spaCy pipeline: {', '.join(ours.pipe_names)}")
    print(f"{len(docs)} documents, {n_tokens} tokens, {sum(map(len, texts))} characters; "
          f"median of {args.repeat} runs; {platform.python_version()} on {platform.machine()}")
    print(f"{'configuration':<28}{'seconds':>9}{'docs/s':>9}{'tokens/s':>10}{'vs bare':>9}")

    def row(name: str, seconds: float) -> None:
        print(f"{name:<28}{seconds:>9.3f}{len(docs) / seconds:>9.1f}{n_tokens / seconds:>10.0f}"
              f"{t_bare / seconds:>9.2f}")

    row("bare spaCy (nlp.pipe)", t_bare)
    row("extraction, 1 process", t_ours)
    for n in [int(x) for x in args.workers.split(",") if x.strip()]:
        if n > 1:
            t = median_time(lambda n=n: list(extractor.extract_many(docs, workers=n)),  # type: ignore[misc]
                            max(1, args.repeat // 2))
            row(f"extraction, {n} processes", t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
