"""Peak memory of ``enforcegraph export`` on a synthetic graph of N documents versus 10N.

    .venv/bin/python bench/bench_export_memory.py [--docs 1000] [--runs 3] [--format ntriples]

Starts its own Neo4j (under var/bench/, on a free port; the developer graph is not touched),
writes N synthetic documents through the ingest's GraphWriter, exports them ``--runs``
times, each in a fresh process, then the same for 10N. For each export it records the
process's peak RSS (``ru_maxrss`` from ``wait4``) and the peak of Python allocations during
the export (``tracemalloc``); it prints the medians and the 10N/N ratios (target <= 1.5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from enforcegraph import localneo4j  # noqa: E402
from enforcegraph.db import open_driver  # noqa: E402
from enforcegraph.settings import Settings  # noqa: E402
from ingest.graph.writer import GraphWriter  # noqa: E402
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction  # noqa: E402
from ontology.types import PartialDate  # noqa: E402
from queries import run, schema  # noqa: E402

AGENCIES = [("Ministry of State Security", "CN"), ("Federal Security Service", "RU"),
            ("State Administration for Market Regulation", "CN"), ("Hong Kong Police Force", "HK")]
LAWS = ["Counter-Espionage Law", "National Security Law", "Data Security Law"]
CITIES = ["Beijing", "Shanghai", "Suzhou", "Moscow", "Hong Kong", "Shenzhen"]
COUNTRIES = ["US", "GB", "JP", "DE", "FR", "CN"]


def synthetic(i: int) -> Extraction:
    """One synthetic article: a firm raided and fined by an agency under a law, in a city."""
    agency, agency_country = AGENCIES[i % len(AGENCIES)]
    law, city = LAWS[i % len(LAWS)], CITIES[i % len(CITIES)]
    firm = f"Firm {i:06d} Consulting"
    day = dt.date(2021, 1, 1) + dt.timedelta(days=i % 1000)
    s1 = f"Officers of the {agency} raided the {city} office of {firm} on {day.isoformat()}."
    s2 = f"The {agency} fined {firm} under the {law}, citing \"national security\"."
    text = f"{s1} {s2} Staff of {firm} declined to comment."
    e1 = Evidence(text=s1, start=0, end=len(s1))
    e2 = Evidence(text=s2, start=len(s1) + 1, end=len(s1) + 1 + len(s2))
    return Extraction(
        document=Document(id=f"synthetic-{i:06d}", text=text, title=f"{firm} raided", published=day,
                          source="bench.example", url=f"https://bench.example/{i}"),
        entities=[
            ExtractedEntity(name=firm, type="Company", aliases=[f"Firm {i:06d}"],
                            country=COUNTRIES[i % len(COUNTRIES)], mentions=[e1]),
            ExtractedEntity(name=agency, type="GovernmentBody", country=agency_country, mentions=[e1]),
            ExtractedEntity(name=law, type="Law", country=agency_country, mentions=[e2]),
            ExtractedEntity(name=city, type="Place", mentions=[e1]),
        ],
        events=[
            ExtractedEvent(type="Raid", date=day.isoformat(), agents=[agency], targets=[firm], location=city,
                           evidence=e1, confidence=0.9),
            ExtractedEvent(type="Fine", date=PartialDate.of(day, "month").text, agents=[agency], targets=[firm],
                           laws=[law], evidence=e2, confidence=0.8),
        ],
    )


def bench_settings(home: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test", neo4j_uri=None, neo4j_password="bench-password",  # noqa: S106
        neo4j_home=home, neo4j_jar_cache=ROOT / "var" / "neo4j-jars", neo4j_bolt_port=localneo4j.free_port(),
        neo4j_heap="1g", neo4j_pagecache="256m",
    )


CHILD = r"""
import json, os, resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from enforcegraph.db import open_driver
from enforcegraph.settings import Settings
try:  # since issue 10: the Neo4j reads in queries.export, the composition in ontology.rdf.stream
    from queries.export import export as run_export
except ImportError:
    from ontology.export import export as run_export
settings = Settings.model_validate_json(sys.argv[2])
driver = open_driver(settings)
out = open(os.devnull, "wb")
tracemalloc.start()
base = tracemalloc.get_traced_memory()[0]
t = time.perf_counter()
stats = run_export(driver, out, sys.argv[3], database=settings.neo4j_database)
seconds = time.perf_counter() - t
peak = tracemalloc.get_traced_memory()[1] - base
print(json.dumps({"traced_peak": peak, "seconds": seconds, "statements": stats.statements}))
"""


def measure(settings: Settings, fmt: str) -> dict[str, Any]:
    payload = settings.model_dump_json()
    # the password is a SecretStr: dump it explicitly for the child
    data = json.loads(payload)
    data["neo4j_password"] = settings.neo4j_password.get_secret_value()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), json.dumps(data), fmt],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    out = proc.stdout.read() if proc.stdout else ""
    err = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"export child failed: {err.strip()[-500:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["max_rss"] = usage.ru_maxrss * 1024  # KiB on Linux
    return result


def build(settings: Settings, docs: int) -> None:
    driver = open_driver(settings)
    try:
        run(driver, "graph-clear", database=settings.neo4j_database)
        writer = GraphWriter(driver, database=settings.neo4j_database, group_size=200)
        report = writer.write(synthetic(i) for i in range(docs))
        if report.failed:
            raise SystemExit(f"synthetic documents failed: {report.failed[:3]}")
    finally:
        driver.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="N, the smaller graph's documents")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--format", default="ntriples")
    args = parser.parse_args()
    home = ROOT / "var" / "bench" / f"neo4j-export-memory-{os.getpid()}"
    shutil.rmtree(home, ignore_errors=True)
    settings = bench_settings(home)
    localneo4j.start(settings)
    results: dict[int, dict[str, float]] = {}
    try:
        driver = open_driver(settings)
        schema.apply(driver, database=settings.neo4j_database)
        driver.close()
        for docs in (args.docs, args.docs * 10):
            t = time.perf_counter()
            build(settings, docs)
            built = time.perf_counter() - t
            runs = [measure(settings, args.format) for _ in range(args.runs)]
            results[docs] = {k: statistics.median(r[k] for r in runs)
                             for k in ("max_rss", "traced_peak", "seconds", "statements")}
            print(f"N={docs:>6} docs: {int(results[docs]['statements']):>8} statements, "
                  f"peak RSS {results[docs]['max_rss'] / 2**20:7.1f} MiB, "
                  f"peak Python allocations {results[docs]['traced_peak'] / 2**20:6.2f} MiB, "
                  f"export {results[docs]['seconds']:.2f} s (median of {args.runs}; graph built in {built:.0f} s)",
                  flush=True)
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(home, ignore_errors=True)
    small, big = results[args.docs], results[args.docs * 10]
    rss_ratio = big["max_rss"] / small["max_rss"]
    traced_ratio = big["traced_peak"] / small["traced_peak"]
    print(f"ratio 10N/N: peak RSS {rss_ratio:.2f}, peak Python allocations {traced_ratio:.2f} "
          f"(target <= 1.5) -> {'OK' if max(rss_ratio, traced_ratio) <= 1.5 else 'OVER TARGET'}")
    return 0 if max(rss_ratio, traced_ratio) <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
