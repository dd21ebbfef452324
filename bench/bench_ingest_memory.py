"""Peak memory and throughput of ``enforcegraph ingest`` on synthetic articles, per size and executor.

    .venv/bin/python bench/bench_ingest_memory.py --sizes 1000 5000 --configs local:2
    .venv/bin/python bench/bench_ingest_memory.py --sizes 300 --configs local:1 local:2 dask:2 --repeat 3

Starts its own Neo4j (under var/bench/, on a free port). Every measurement is one fresh
process (so a peak belongs to that run alone) on an empty graph: it ingests N varied articles
from ``bench/synthetic_articles.py`` through ``ingest.service.ingest_documents`` (the command's
code path: streamed reading, guarded extraction, batched writing), while a sampler records the
peak resident memory (VmHWM) of the parent and of every process under it (extraction children,
Dask nanny and worker processes). Prints one Markdown row per size and configuration with the
median documents/s and the largest peaks over the repeats. ``--one N`` is that child process.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ingest.records import Document, Extraction  # noqa: E402

SAMPLE_SECONDS = 0.25


def _status(pid: int) -> tuple[str, float]:
    """Name and peak resident memory (MiB) of a process, or ("", 0) when it is gone."""
    name, peak = "", 0.0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("Name:"):
                    name = line.split(None, 1)[1].strip()
                elif line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return name, peak


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                found += [int(c) for c in f.read().split()]
    except (OSError, ValueError):
        pass
    return found


def _descendants(pid: int) -> list[int]:
    out, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        out.append(child)
        todo += _children(child)
    return out


class Sampler(threading.Thread):
    """Peak memory of every process under this one, sampled until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, tuple[str, float]] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(SAMPLE_SECONDS):
            self.sample()

    def sample(self) -> None:
        for pid in _descendants(os.getpid()):
            name, peak = _status(pid)
            if peak >= self.peaks.get(pid, ("", 0.0))[1]:
                self.peaks[pid] = (name, peak)


def empty_extraction(document: Document) -> Extraction:
    return Extraction(document=document)


def load_empty(model: str) -> Callable[[Document], Extraction]:
    """A stand-in pipeline that finds nothing: measures reading, the runner and the writer alone."""
    return empty_extraction


def one(n: int, executor: str, workers: int, *, no_nlp: bool = False, pad_kb: int = 0) -> dict[str, Any]:
    """Ingest ``n`` synthetic articles into the (emptied) graph of the environment's settings."""
    from synthetic_articles import articles

    from enforcegraph.db import open_driver
    from enforcegraph.settings import Settings
    from ingest.run.isolation import GuardedExtractor
    from ingest.service import ingest_documents
    from queries import run, schema

    settings = Settings()
    driver = open_driver(settings)
    db = settings.neo4j_database
    run(driver, "graph-clear", database=db)
    schema.apply(driver, database=db)
    sampler = Sampler()
    sampler.start()
    t0 = time.perf_counter()
    stand_in = GuardedExtractor(settings.spacy_model, workers=workers, limits=settings.extract_limits(),
                                load=load_empty) if no_nlp else None
    try:
        summary = ingest_documents(driver, settings.ingest_options(), articles(n, pad_kb=pad_kb), workers=workers,
                                   executor=executor, extractor=stand_in)  # type: ignore[arg-type]
    finally:
        if stand_in is not None:
            stand_in.close()
    seconds = time.perf_counter() - t0
    sampler.stop.set()
    sampler.join()
    counts = {r["name"]: r["count"] for r in run(driver, "graph-counts", database=db)}
    driver.close()
    procs = sorted((name, round(peak, 1)) for name, peak in sampler.peaks.values())
    return {"n": n, "executor": executor, "workers": workers, "ingested": summary.ingested,
            "failed": len(summary.failed) + len(summary.report.failed), "seconds": round(seconds, 2),
            "docs_per_s": round(summary.ingested / seconds, 2), "parent_peak_mb": round(_status(os.getpid())[1], 1),
            "children": procs, "entities": counts.get("Entity", 0), "events": counts.get("EnforcementEvent", 0)}


def measure(n: int, config: str, env: dict[str, str], *extra: str) -> dict[str, Any]:
    """One run in a fresh process; ``extra`` are further options of ``--one`` (``--no-nlp``, ``--pad-kb K``)."""
    executor, _, workers = config.partition(":")
    proc = subprocess.run([sys.executable, __file__, "--one", str(n), "--executor", executor,
                           "--workers", workers or "1", *extra], env=env, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        raise SystemExit(f"bench: the run of {n} documents with {config} failed: {tail[0]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["ingested"] != n:
        raise SystemExit(f"bench: {config} ingested {result['ingested']} of {n} documents")
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--configs", nargs="+", default=["local:2"], help="executor:workers, e.g. local:1 dask:2")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-nlp", action="store_true",
                    help="a stand-in pipeline that finds nothing: the reader, runner and writer alone")
    ap.add_argument("--pad-kb", type=int, default=0, metavar="K", help="lengthen every article by about K KiB")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--executor", default="local", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(one(args.one, args.executor, args.workers, no_nlp=args.no_nlp, pad_kb=args.pad_kb)))
        return 0

    from enforcegraph import localneo4j
    from enforcegraph.localneo4j import free_port
    from enforcegraph.settings import Settings

    home = ROOT / "var" / "bench" / f"ingest-memory-neo4j-{os.getpid()}"  # concurrent runs do not share it
    shutil.rmtree(home, ignore_errors=True)
    password = "bench-password-" + str(free_port())  # a throwaway server of this run only
    settings = Settings(_env_file=None, environment="test", neo4j_uri=None,  # type: ignore[call-arg]
                        neo4j_password=password, neo4j_home=home, neo4j_bolt_port=free_port(),
                        neo4j_jar_cache=ROOT / "var" / "neo4j-jars")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENFORCEGRAPH_", "NEO4J_"))}
    env.update({"ENFORCEGRAPH_ENVIRONMENT": "test", "NEO4J_PASSWORD": password,
                "NEO4J_URI": f"bolt://127.0.0.1:{settings.neo4j_bolt_port}"})
    localneo4j.start(settings)
    rows = []
    try:
        for _ in range(args.repeat):  # interleaved: every configuration sees the same machine load
            for n in args.sizes:
                for config in args.configs:
                    extra = ["--pad-kb", str(args.pad_kb)] + (["--no-nlp"] if args.no_nlp else [])
                    rows.append(measure(n, config, env, *extra))
                    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(home, ignore_errors=True)
    print(f"synthetic articles, {args.repeat} run(s) each, {time.strftime('%Y-%m-%d %H:%M')}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print("| documents | executor | documents/s (median) | parent peak RSS MiB | largest child peak MiB "
          "| processes under the parent | entities | events |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        for config in args.configs:
            mine = [r for r in rows if r["n"] == n and f"{r['executor']}:{r['workers']}" == config]
            children = [peak for r in mine for _, peak in r["children"]]
            print(f"| {n} | {config} | {statistics.median(r['docs_per_s'] for r in mine):.1f} "
                  f"| {max(r['parent_peak_mb'] for r in mine):.0f} | {max(children, default=0):.0f} "
                  f"| {max(len(r['children']) for r in mine)} | {mine[-1]['entities']} | {mine[-1]['events']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
