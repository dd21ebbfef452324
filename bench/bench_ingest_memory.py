"""Peak memory and throughput of ``enforcegraph ingest`` on synthetic articles, per size and executor.

    .venv/bin/python bench/bench_ingest_memory.py --sizes 1000 5000 --configs local:2
    .venv/bin/python bench/bench_ingest_memory.py --sizes 300 --configs local:1 local:2 dask:2 --repeat 3
    .venv/bin/python bench/bench_ingest_memory.py --sizes 1000 --configs local:1 local:2 --before REV --repeat 3

Starts its own Neo4j (under var/bench/, on a free port). Every measurement is one fresh
process (so a peak belongs to that run alone) on an empty graph: it ingests N varied articles
from ``bench/synthetic_articles.py`` through ``ingest.service.ingest_documents`` (the command's
code path: streamed reading, guarded extraction, batched writing), while a sampler records the
peak resident memory (VmHWM) of the parent and of every process under it (extraction children,
Dask nanny and worker processes). Prints one Markdown row per size and configuration with the
median documents/s and the largest peaks over the repeats, and, per run, the load average before
and after it, the share of the time the writer spent writing (its groups' plan and transaction),
and the CPU seconds per document of the extraction workers, of the parent and of the Neo4j server
(CPU time, unlike the wall time, means something on a loaded machine); each run's JSON line on
stderr also has the seconds spent in each of the writer's named queries.
``--before REV`` runs every configuration with the ingest code of a git revision too (a worktree
under var/bench/, the same bench script), before and after alternately in every round.
``--profile DIR`` writes a cProfile of each run's parent process there. ``--one N`` is that child
process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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
CODE = Path(os.environ.get("BENCH_INGEST_CODE") or ROOT)  # the tree whose ingest code is measured
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(CODE))

from ingest.records import Document, Extraction  # noqa: E402

SAMPLE_SECONDS = 0.25
WARM_UP = 20  # documents ingested once, not measured, before the first measured run


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


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _server_cpu() -> float:
    """CPU seconds of the Neo4j server this bench started (the java process under it)."""
    return sum(_cpu_seconds(pid) for pid in _descendants(os.getpid()) if _status(pid)[0] == "java")


def empty_extraction(document: Document) -> Extraction:
    return Extraction(document=document)


def load_empty(model: str) -> Callable[[Document], Extraction]:
    """A stand-in pipeline that finds nothing: measures reading, the runner and the writer alone."""
    return empty_extraction


def _time_queries() -> dict[str, float]:
    """Seconds per named query of the writer (waiting for Neo4j included), summed over the run."""
    import ingest.graph.merging as merging
    import ingest.graph.writer as writer

    spent: dict[str, float] = {}
    for module in (writer, merging):
        def timed(tx: Any, name: str, *args: Any, _run: Any = module.run, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return _run(tx, name, *args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
        module.run = timed  # type: ignore[assignment]
    return spent


def one(n: int, executor: str, workers: int, *, no_nlp: bool = False, pad_kb: int = 0) -> dict[str, Any]:
    """Ingest ``n`` synthetic articles into the (emptied) graph of the environment's settings."""
    from synthetic_articles import articles

    from enforcegraph.db import open_driver
    from enforcegraph.settings import Settings
    from ingest.graph.writer import GraphWriter
    from ingest.run.isolation import GuardedExtractor
    from ingest.service import ingest_documents
    from queries import run, schema

    settings = Settings()
    driver = open_driver(settings)
    db = settings.neo4j_database
    run(driver, "graph-clear", database=db)
    schema.apply(driver, database=db)
    writing = [0.0]  # seconds the writer spent on its groups (plan and transaction), not waiting for input
    write_group = GraphWriter._write_retrying

    def timed_group(self: GraphWriter, *args: Any, **kwargs: Any) -> Any:
        t = time.perf_counter()
        try:
            return write_group(self, *args, **kwargs)
        finally:
            writing[0] += time.perf_counter() - t

    GraphWriter._write_retrying = timed_group  # type: ignore[method-assign]
    per_query = _time_queries()
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
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.stop.set()
    sampler.join()
    counts = {r["name"]: r["count"] for r in run(driver, "graph-counts", database=db)}
    driver.close()
    procs = sorted((name, round(peak, 1)) for name, peak in sampler.peaks.values())
    return {"n": n, "executor": executor, "workers": workers, "ingested": summary.ingested,
            "failed": len(summary.failed) + len(summary.report.failed), "seconds": round(seconds, 2),
            "docs_per_s": round(summary.ingested / seconds, 2), "write_share": round(writing[0] / seconds, 3),
            "query_s": dict(sorted(((k, round(v, 1)) for k, v in per_query.items()), key=lambda kv: -kv[1])[:8]),
            "parent_cpu_s": round(own.ru_utime + own.ru_stime, 1),
            "workers_cpu_s": round(children.ru_utime + children.ru_stime, 1),
            "parent_peak_mb": round(_status(os.getpid())[1], 1),
            "children": procs, "entities": counts.get("Entity", 0), "events": counts.get("EnforcementEvent", 0)}


def measure(n: int, config: str, env: dict[str, str], *extra: str, code: str = "",
            profile: Path | None = None) -> dict[str, Any]:
    """One run in a fresh process; ``extra`` are further options of ``--one`` (``--no-nlp``, ``--pad-kb K``).

    ``code`` is the tree of the ingest code to run (default: this one); ``profile`` a file for the
    parent's cProfile statistics."""
    executor, _, workers = config.partition(":")
    env = {**env, "BENCH_INGEST_CODE": code} if code else env
    prof = ["-m", "cProfile", "-o", str(profile)] if profile else []
    load_before, server_before = os.getloadavg()[0], _server_cpu()
    proc = subprocess.run([sys.executable, *prof, __file__, "--one", str(n), "--executor", executor,
                           "--workers", workers or "1", *extra], env=env, capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        raise SystemExit(f"bench: the run of {n} documents with {config} failed: {tail[0]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["ingested"] != n:
        raise SystemExit(f"bench: {config} ingested {result['ingested']} of {n} documents")
    result["load"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    result["server_cpu_s"] = round(_server_cpu() - server_before, 1)
    return result


def before_tree(rev: str) -> Path:
    """A worktree of ``rev`` under var/bench/ (made once, reused; removed by :func:`drop_tree`)."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", rev], capture_output=True, text=True,
                         check=False).stdout.strip()
    if not sha:
        raise SystemExit(f"bench: --before {rev}: not a git revision of {ROOT}")
    tree = ROOT / "var" / "bench" / f"ingest-before-{sha}"
    if not tree.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), sha], check=True,
                       capture_output=True)
    return tree


def drop_tree(tree: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False,
                   capture_output=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--configs", nargs="+", default=["local:2"], help="executor:workers, e.g. local:1 dask:2")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--no-nlp", action="store_true",
                    help="a stand-in pipeline that finds nothing: the reader, runner and writer alone")
    ap.add_argument("--pad-kb", type=int, default=0, metavar="K", help="lengthen every article by about K KiB")
    ap.add_argument("--before", metavar="REV", help="also run the ingest code of this git revision, alternately")
    ap.add_argument("--profile", type=Path, metavar="DIR", help="write a cProfile of every run's parent here")
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
    trees = {"": ""}
    if args.before:
        trees = {"before": str(before_tree(args.before)), "after": ""}
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    localneo4j.start(settings)
    rows = []
    if not args.no_nlp:  # the server plans each write query once: that first-run cost is not ingest's
        measure(WARM_UP, "local:1", env)
    started = time.strftime("%Y-%m-%d %H:%M")
    try:
        for r in range(args.repeat):  # interleaved: every configuration sees the same machine load
            for n in args.sizes:
                for config in args.configs:
                    order = list(trees.items())
                    for label, code in order if r % 2 == 0 else order[::-1]:  # who goes first alternates
                        extra = ["--pad-kb", str(args.pad_kb)] + (["--no-nlp"] if args.no_nlp else [])
                        name = f"{label or 'run'}-{config.replace(':', '')}-{n}-{r + 1}.prof"
                        rows.append(measure(n, config, env, *extra, code=code,
                                            profile=args.profile / name if args.profile else None))
                        rows[-1].update(code=label, config=config, round=r + 1)
                        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(home, ignore_errors=True)
        if args.before:
            drop_tree(Path(trees["before"]))
    table(rows, args, started)
    return 0


def table(rows: list[dict[str, Any]], args: argparse.Namespace, started: str) -> None:
    """The Markdown tables: medians per size and configuration, then every run with its load."""
    print(f"synthetic articles, {args.repeat} run(s) each, {started}-{time.strftime('%H:%M')}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print("| documents | executor | code | documents/s (median) | writing share (median) | parent peak RSS MiB "
          "| largest child peak MiB | processes under the parent | entities | events |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        for config in args.configs:
            for label in sorted({r["code"] for r in rows}, reverse=True):  # before, after
                mine = [r for r in rows if r["n"] == n and r["config"] == config and r["code"] == label]
                children = [peak for r in mine for _, peak in r["children"]]
                print(f"| {n} | {config} | {label or '-'} | {statistics.median(r['docs_per_s'] for r in mine):.1f} "
                      f"| {statistics.median(r['write_share'] for r in mine):.1%} "
                      f"| {max(r['parent_peak_mb'] for r in mine):.0f} | {max(children, default=0):.0f} "
                      f"| {max(len(r['children']) for r in mine)} | {mine[-1]['entities']} | {mine[-1]['events']} |")
    print()
    print("| round | documents | executor | code | seconds | documents/s | writing share "
          "| CPU ms/doc: workers / parent / Neo4j | load average before / after |")
    print("|---:|---:|---|---|---:|---:|---:|---|---|")
    for r in rows:
        cpu = " / ".join(f"{1000 * r[k] / r['n']:.0f}" for k in ("workers_cpu_s", "parent_cpu_s", "server_cpu_s"))
        print(f"| {r['round']} | {r['n']} | {r['config']} | {r['code'] or '-'} | {r['seconds']:.1f} "
              f"| {r['docs_per_s']:.2f} | {r['write_share']:.1%} | {cpu} | {r['load'][0]:.2f} / {r['load'][1]:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
