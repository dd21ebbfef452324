"""End-to-end ingest throughput versus extraction alone, and batched versus per-document writes.

    .venv/bin/python bench/bench_ingest.py corpus/sample --copies 5 --repeat 3

Starts its own Neo4j (under var/bench/, on a free port; the developer graph is not touched).
The corpus's documents are replicated ``--copies`` times under new ids (the same texts, so
each copy reports the same events: every write after the first copy also exercises entity
resolution and cross-source event merging). For each repeat, on an empty graph:

* extraction alone: the documents through the extractor;
* writing: the extractions through the GraphWriter (resolution, merging, batched writes);
* end to end = extraction + writing, and the share of it spent writing (target <= 15%);
* writer with one transaction per document (``group_size=1``) versus batches of 50.

Medians of the repeats are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from enforcegraph import localneo4j  # noqa: E402
from enforcegraph.db import open_driver  # noqa: E402
from enforcegraph.localneo4j import free_port  # noqa: E402
from enforcegraph.settings import Settings  # noqa: E402
from ingest.extract.pipeline import Extractor  # noqa: E402
from ingest.graph.writer import GraphWriter  # noqa: E402
from ingest.readers import ReadError, read_paths  # noqa: E402
from ingest.records import Document, Extraction  # noqa: E402
from queries import run, schema  # noqa: E402


def documents(folder: Path, copies: int) -> list[Document]:
    base = [d for d in read_paths([folder]) if not isinstance(d, ReadError)]
    return [d.model_copy(update={"id": f"{d.id}-copy{c}"}) for c in range(copies) for d in base]


def timed_write(writer: GraphWriter, extractions: list[Extraction]) -> float:
    run(writer.driver, "graph-clear", database=writer.database)
    t0 = time.perf_counter()
    report = writer.write(extractions)
    elapsed = time.perf_counter() - t0
    if report.failed:
        raise SystemExit(f"bench: {len(report.failed)} documents failed: {report.failed[:3]}")
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = documents(args.corpus, args.copies)
    home = ROOT / "var" / "bench" / "ingest-neo4j"
    shutil.rmtree(home, ignore_errors=True)
    password = "bench-password-" + str(free_port())  # a throwaway server of this run only
    settings = Settings(_env_file=None, environment="test", neo4j_uri=None,  # type: ignore[call-arg]
                        neo4j_password=password, neo4j_home=home, neo4j_bolt_port=free_port(),
                        neo4j_jar_cache=ROOT / "var" / "neo4j-jars")
    localneo4j.start(settings)
    try:
        driver = open_driver(settings)
        schema.apply(driver, database=settings.neo4j_database)
        extractor = Extractor(settings.spacy_model)
        list(extractor.extract_many(docs[:5]))  # warm-up
        ext_times, batched, single = [], [], []
        extractions: list[Extraction] = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            extractions = list(extractor.extract_many(docs))
            ext_times.append(time.perf_counter() - t0)
            batched.append(timed_write(GraphWriter(driver, database=settings.neo4j_database, group_size=50),
                                       extractions))
            single.append(timed_write(GraphWriter(driver, database=settings.neo4j_database, group_size=1),
                                      extractions))
        counts = {r["name"]: r["count"] for r in run(driver, "graph-counts", database=settings.neo4j_database)}
        driver.close()
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(home, ignore_errors=True)
    n = len(docs)
    ext, wb, ws = statistics.median(ext_times), statistics.median(batched), statistics.median(single)
    total = ext + wb
    print(f"{n} documents ({args.copies} copies of {args.corpus}), median of {args.repeat} runs; graph: "
          f"{counts.get('Entity', 0)} entities, {counts.get('EnforcementEvent', 0)} events")
    print("| step | seconds | documents/s |")
    print("|---|---:|---:|")
    print(f"| extraction alone | {ext:.2f} | {n / ext:.1f} |")
    print(f"| writing, batches of 50 | {wb:.2f} | {n / wb:.1f} |")
    print(f"| writing, one transaction per document | {ws:.2f} | {n / ws:.1f} |")
    print(f"| end to end (extraction + batched writing) | {total:.2f} | {n / total:.1f} |")
    print(json.dumps({"writing_share": round(wb / total, 3), "batched_vs_single_speedup": round(ws / wb, 2),
                      "end_to_end_vs_extraction": round(ext / total, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
