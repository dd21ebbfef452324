"""Export speed, before and after, side by side: triples/s of N-Triples and Turtle on one graph.

    .venv/bin/python bench/bench_export_speed.py --before REV [--after REV] [--runs 3] [--formats ntriples,turtle]

Uses the synthetic graph of ``bench/make_synthetic_graph.py`` (run that first; its server is
reused on its port). The export code of ``--before`` (a git revision; ``--after`` too, else the
working tree) is unpacked under ``var/bench/export-speed/`` with ``git archive``; both versions
then export the same graph in
fresh processes, alternately, ``--runs`` times per format, writing to a file under var/bench/.
The 'before' processes run the Neo4j driver without its Rust packstream extension (which the
'before' lock did not install), the 'after' ones with it.

Before any timing, the answers are checked: both versions' outputs of each format are parsed
with pyoxigraph, re-encoded as canonical N-Triples, sorted, and must be identical statement
sets. The figures are medians of the runs: wall seconds, statements/s and the child's CPU
seconds (user + system; Neo4j's own CPU is not in it) and peak RSS.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyoxigraph  # noqa: E402

from bench.make_synthetic_graph import DEFAULT_PORT, bench_settings  # noqa: E402

WORK = ROOT / "var" / "bench" / "export-speed"
OX_FORMATS = {"ntriples": pyoxigraph.RdfFormat.N_TRIPLES, "turtle": pyoxigraph.RdfFormat.TURTLE}
EXT = {"ntriples": "nt", "turtle": "ttl"}
CODEC = {"before": "pure", "after": "rust"}

# The settings (with the password) arrive on stdin, never on the command line.
CHILD = r"""
import inspect, json, sys, time
sys.path.insert(0, sys.argv[1])
if sys.argv[4] == "pure":  # the driver as the 'before' lock shipped it: no Rust packstream extension
    sys.modules["neo4j._rust"] = None
from enforcegraph.db import open_driver
from enforcegraph.settings import Settings
try:  # since issue 10: the composition in ontology.rdf.stream, the Neo4j reads in queries.export
    from queries.export import export as run_export
except ImportError:
    from ontology.export import export as run_export
settings = Settings.model_validate_json(sys.stdin.read())
driver = open_driver(settings)
params = inspect.signature(run_export).parameters
binary = "IO[bytes]" in str(params["out"].annotation)
out = open(sys.argv[3], "wb") if binary else open(sys.argv[3], "w", encoding="utf-8", newline="\n")
kw = {"description": False} if "description" in params else {}  # the same statements on both sides
t = time.perf_counter()
stats = run_export(driver, out, sys.argv[2], database=settings.neo4j_database, **kw)
out.close()
seconds = time.perf_counter() - t
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "statements": stats.statements, "peak_kib": hwm}))
"""


def unpack(rev: str) -> Path:
    target = WORK / f"tree-{rev}"
    if not target.exists():
        data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "enforcegraph", "ontology", "queries"],
                              capture_output=True, check=True).stdout
        target.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(target, filter="data")
    return target


def measure(tree: Path, fmt: str, out: Path, settings_json: str, codec: str) -> dict[str, Any]:
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(tree), fmt, str(out), codec], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdin is not None
    proc.stdin.write(settings_json)
    proc.stdin.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    text = proc.stdout.read() if proc.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"export child failed: {(proc.stderr.read() if proc.stderr else '')[-800:]}")
    result: dict[str, Any] = json.loads(text.strip().splitlines()[-1])
    result["cpu"] = usage.ru_utime + usage.ru_stime
    result["max_rss"] = result.pop("peak_kib") * 1024  # the child's own VmHWM: wait4's ru_maxrss
    # carries the parent's high-water mark over exec (the parent sorts millions of lines to check)
    return result


def canonical_digest(path: Path, fmt: str) -> tuple[int, str]:
    """Statement count and a digest of the sorted canonical N-Triples lines of an export file."""
    lines = sorted(str(t) for t in pyoxigraph.parse(path=str(path), format=OX_FORMATS[fmt]))
    return len(lines), hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="git revision of the 'before' export code")
    parser.add_argument("--after", help="git revision of the 'after' export code (default: the working tree)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="ntriples,turtle")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="the bolt port of the synthetic graph's server")
    parser.add_argument("--before-codec", choices=("pure", "rust"), default="pure",
                        help="the driver's packstream codec of the 'before' processes (rust: compare code alone)")
    args = parser.parse_args()
    codec = {**CODEC, "before": args.before_codec}
    settings = bench_settings(args.port)
    data = json.loads(settings.model_dump_json())
    data["neo4j_password"] = settings.neo4j_password.get_secret_value()
    settings_json = json.dumps(data)
    WORK.mkdir(parents=True, exist_ok=True)
    trees = {"before": unpack(args.before), "after": unpack(args.after) if args.after else ROOT}
    formats = args.formats.split(",")
    for fmt in formats:  # the answers first
        digests = {}
        for name, tree in trees.items():
            out = WORK / f"{name}.{EXT[fmt]}"
            measure(tree, fmt, out, settings_json, codec[name])
            digests[name] = canonical_digest(out, fmt)
        if digests["before"] != digests["after"]:
            raise SystemExit(f"{fmt}: the exports differ: {digests}")
        print(f"{fmt}: before and after hold the same {digests['after'][0]} statements", flush=True)
    results: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for _ in range(args.runs):
        for fmt in formats:
            for name, tree in trees.items():
                r = measure(tree, fmt, WORK / f"{name}.{EXT[fmt]}", settings_json, codec[name])
                results.setdefault((fmt, name), []).append(r)
                print(f"  {fmt:9} {name:6} {r['seconds']:7.1f} s  {r['statements'] / r['seconds']:9,.0f} st/s",
                      flush=True)
    print("\n| format | version | statements | wall s | statements/s | CPU s (exporter) | peak RSS MiB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for fmt in formats:
        rates = {}
        for name in trees:
            runs = results[(fmt, name)]
            sec = statistics.median(r["seconds"] for r in runs)
            n = runs[0]["statements"]
            rates[name] = n / sec
            print(f"| {fmt} | {name} | {n:,} | {sec:.1f} | {n / sec:,.0f} | "
                  f"{statistics.median(r['cpu'] for r in runs):.1f} | "
                  f"{statistics.median(r['max_rss'] for r in runs) / 2**20:.0f} |")
        print(f"| {fmt} | after/before | | | **{rates['after'] / rates['before']:.1f}x** | | |")
    for rev in (args.before, args.after):
        if rev:
            shutil.rmtree(WORK / f"tree-{rev}", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
