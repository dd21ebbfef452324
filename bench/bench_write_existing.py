"""Write cost into an existing large graph (the 1M-event benchmark graph): new articles written
through the writer, checked, timed, then removed, so the graph is the same afterwards.

    .venv/bin/python bench/bench_write_existing.py --port 17693 [--new-docs 100] [--group-size 50] [--repeat 5] \
        [--by-query] [--stop]

Issue 14, item 3 asks for writing <= 15 ms per document into the 1M-event graph. The graph is the one
``bench/make_synthetic_graph.py --events 1000000`` built under ``var/bench/api-neo4j`` (it is never
rebuilt or cleared here; its server is started on ``--port`` unless it runs, and ``--stop`` stops it
at the end). Start-up applies the schema as every command that writes does, so the first run on a
graph written before a migration times that migration too (printed).

The new articles are ``bench/bench_write_scale.py``'s: each reports an action of one of China's two
state security agencies against one of the benchmark world's first 500 firms (the same world, seed
7, as the 1M graph's, so they are firms of that graph) under the Counter-Espionage Law, every second
one also the law's 2023 revision: every group touches the graph's hubs (the busiest agencies, tens
of thousands of events; the law; the revision events). One incremental write is first checked (every
node it touched equals its full recompute; source counts equal reports), then ``--repeat`` timed
writes in groups of ``--group-size``, each removed again afterwards (untimed). ``--by-query``: each
named query's median ms per article, measured around the writer's calls.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_write_scale as scale  # noqa: E402
import make_synthetic_graph as synthetic  # noqa: E402

from enforcegraph import localneo4j  # noqa: E402
from enforcegraph.db import open_driver  # noqa: E402
from ingest.graph.writer import GraphWriter  # noqa: E402
from queries import run, schema  # noqa: E402


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} / {five:.1f} / {fifteen:.1f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=synthetic.DEFAULT_PORT, help="Bolt port of the benchmark graph")
    ap.add_argument("--new-docs", type=int, default=100)
    ap.add_argument("--group-size", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7, help="the world's seed (7: the 1M graph's own firms)")
    ap.add_argument("--by-query", action="store_true", help="also print each named query's share")
    ap.add_argument("--stop", action="store_true", help="stop the graph's server at the end")
    args = ap.parse_args()
    settings = synthetic.bench_settings(args.port)
    if not (settings.neo4j_home / "data").is_dir():
        print(f"bench: no benchmark graph under {settings.neo4j_home} (build it with "
              "bench/make_synthetic_graph.py --events 1000000)", file=sys.stderr)
        return 2
    db = settings.neo4j_database
    t = time.perf_counter()
    localneo4j.start(settings)
    print(f"server answering after {time.perf_counter() - t:.1f} s", flush=True)
    driver = open_driver(settings)
    try:
        t = time.perf_counter()
        schema.apply(driver, database=db)  # what every writing command runs first: migrations included
        print(f"schema.apply (migrations included) {time.perf_counter() - t:.1f} s, load average {load()}",
              flush=True)
        events = synthetic.event_count(driver, db)
        if events < 1000:
            raise SystemExit(f"bench: the graph holds {events} events; this bench writes into a large one")
        corpus = scale.Corpus(args.seed)
        new = [corpus.article(n, "new") for n in range(args.new_docs)]
        existing = run(driver, "document-states", database=db, ids=[e.document.id for e in new])
        if existing:
            raise SystemExit(f"bench: {len(existing)} of the new articles are already in the graph "
                             "(an interrupted run?); remove them first")
        writer = GraphWriter(driver, database=db, group_size=args.group_size)
        t = time.perf_counter()
        first = writer.write(new, now=scale.INGESTED_AT)  # joins entities the graph kept apart, if any, for good
        print(f"first write: {(time.perf_counter() - t) * 1000 / len(new):.1f} ms per article, "
              f"{len(first.rederived)} documents re-derived by joins, {len(first.failed)} failed "
              f"{first.failed[:2]}, load average {load()}", flush=True)
        writer.remove([e.document.id for e in new])
        if first.failed:
            raise SystemExit("bench: documents failed; see above")
        t = time.perf_counter()
        hubs = scale.check(driver, db, writer, new)
        print(f"checked in {time.perf_counter() - t:.0f} s (write, full recompute, removal); the five largest "
              f"hubs the new articles touch have {hubs} reports", flush=True)
        times: list[float] = []
        per_query: list[dict[str, float]] = []
        for k in range(args.repeat):
            spent: dict[str, float] = collections.defaultdict(float)
            with scale.query_times(spent) if args.by_query else contextlib.nullcontext():
                times.append(scale.timed(writer, new))
            per_query.append(spent)
            t = time.perf_counter()
            writer.remove([e.document.id for e in new])
            print(f"run {k + 1}: {times[-1] * 1000 / len(new):.1f} ms per article (removed in "
                  f"{time.perf_counter() - t:.1f} s), load average {load()}", flush=True)
    finally:
        driver.close()
        if args.stop:
            localneo4j.stop(settings)
    median = statistics.median(times)
    print(f"\n{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores, "
          f"load average {load()}; {events} events in the graph; {args.new_docs} new articles in groups of "
          f"{args.group_size}")
    print("| events in the graph | reports of the largest hub; of the 5th largest | runs | ms per article (median) "
          "| min | max | articles/s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {events} | {hubs[-1]}; {hubs[0]} | {len(times)} | {median * 1000 / len(new):.1f} "
          f"| {min(times) * 1000 / len(new):.1f} | {max(times) * 1000 / len(new):.1f} | {len(new) / median:.0f} |")
    if args.by_query:
        names = sorted({q for r in per_query for q in r})
        med = {q: statistics.median(r.get(q, 0.0) for r in per_query) * 1000 / len(new) for q in names}
        print("\n| named query | ms per article (median) |\n|---|---:|")
        for q, v in sorted(med.items(), key=lambda kv: -kv[1]):
            print(f"| `{q}` | {v:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
