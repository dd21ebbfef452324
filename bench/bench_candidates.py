"""Resolution candidate lookup at scale: the NameKey index seek against the scan it replaced.

    .venv/bin/python bench/bench_candidates.py [--entities 100000] [--lookups 50] [--keys 200] [--before feb5772]

Starts its own Neo4j under ``var/bench/candidates-neo4j`` (free port; the developer graph is not
touched) and writes a graph of ``--entities`` firms and people from ``bench/make_synthetic_graph.py``'s
world as "directory" articles of 100 names each, through the writer's own rows (``plan()``) and
entity refresh, so every entity has its name keys and reports as after a real ingest. Then times
``entity-candidates`` - the query the writer runs once per group of documents - with ``--keys``
name keys per call (half of them keys of entities in the graph, half new names, as a group of
new articles brings), for the current query (an exact seek through the ``NameKey`` nodes the
entity refresh links) and for the version of ``--before`` (read with ``git show``; at feb5772 the
scan of every entity), alternately on the same key sets, after checking both return the same rows.
Prints the medians and p95 in milliseconds; then times ``schema.migrate`` on the graph (in step, as
every start-up runs it) and after dropping its key nodes (a graph written before them).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_synthetic_graph as synthetic  # noqa: E402
import neo4j  # noqa: E402

from enforcegraph import localneo4j  # noqa: E402
from enforcegraph.db import open_driver  # noqa: E402
from ingest.graph.rows import DocumentRows, plan  # noqa: E402
from ingest.graph.writer import _entity_nodes, _report  # noqa: E402
from ingest.records import Document, Evidence, ExtractedEntity, Extraction  # noqa: E402
from queries import run, schema  # noqa: E402
from queries.library import get  # noqa: E402
from queries.library import parse as parse_query  # noqa: E402

HOME = ROOT / "var" / "bench" / "candidates-neo4j"
INGESTED_AT = dt.datetime(2025, 7, 1, 6, tzinfo=dt.UTC)
QUERY = "entity-candidates"


def directory(entities: int, seed: int, prefix: str = "") -> tuple[list[DocumentRows], list[str]]:
    """Directory articles naming every firm and person of the world, 100 a document; and every name key.
    ``prefix`` starts every name and alias (so that the directory shares no name with other articles)."""
    w = synthetic.build_world(random.Random(seed), firms=int(entities * 0.8), people=int(entities * 0.2))
    named = [*w.firms, *w.people]
    docs: list[DocumentRows] = []
    keys: list[str] = []
    for k in range(0, len(named), 100):
        at, ents, texts = 0, [], []
        for e in named[k:k + 100]:
            sentence = f"{prefix}{e.name} is listed."
            ents.append(ExtractedEntity(name=prefix + e.name, type=e.type, country=e.country,
                                        aliases=[prefix + a for a in e.aliases],
                                        mentions=[Evidence(text=sentence, start=at, end=at + len(sentence))],
                                        confidence=0.9))
            texts.append(sentence)
            at += len(sentence) + 1
        doc = Document(id=f"directory-{k:07d}", text=" ".join(texts), title="Directory", source="directory.example")
        rows = plan(Extraction(document=doc, entities=ents, events=[]), ingested_at=INGESTED_AT)
        keys += [key for r in rows.entities for key in r["nameKeys"]]
        docs.append(rows)
    return docs, keys


def _write(tx: neo4j.ManagedTransaction, batch: list[DocumentRows]) -> None:
    """The writer's own steps for entity-only documents: documents, entity nodes, their reports."""
    entities = [r for b in batch for r in b.entities]
    run(tx, "graph-write-documents", rows=[b.document for b in batch])
    run(tx, "graph-write-entities", rows=_entity_nodes(entities))
    run(tx, "graph-write-reports", rows=[_report(r) for r in entities])


def build(driver: neo4j.Driver, database: str, docs: list[DocumentRows], *, clear: bool = True) -> None:
    """Write the directory articles as the writer would (refresh included: name keys and their links)."""
    if clear:
        run(driver, "graph-clear", database=database)
    ids: list[str] = []
    for i in range(0, len(docs), 50):
        batch = docs[i:i + 50]
        ids += [r["id"] for b in batch for r in b.entities]
        with driver.session(database=database, notifications_min_severity="OFF") as session:
            session.execute_write(_write, batch)
    for i in range(0, len(ids), 5000):
        with driver.session(database=database, notifications_min_severity="OFF") as session:
            session.execute_write(synthetic._refresh, "graph-write-refresh-entities", ids[i:i + 5000])


def before_source(revision: str, query: str = QUERY) -> str:
    """A graph query's file (by default the candidate query's) as it was at ``revision`` (header included)."""
    path = f"{revision}:queries/cypher/graph/{query}.cypher"
    return subprocess.run(["git", "show", path], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def timed(driver: neo4j.Driver, database: str, text: str, keys: list[str]) -> tuple[float, list[dict[str, Any]]]:
    t = time.perf_counter()
    records, _, _ = driver.execute_query(text, keys=keys, database_=database)
    return (time.perf_counter() - t) * 1000, [r.data() for r in records]


def migration(driver: neo4j.Driver, database: str, before: str, after: str, keys: list[str]) -> None:
    """Time ``schema.migrate`` on the graph in step (what every start-up pays), then on the same graph
    without its key nodes (a graph written before them), and check the seek answers as before."""
    t = time.perf_counter()
    idle = schema.migrate(driver, database=database)
    in_step = time.perf_counter() - t
    dropped = run(driver, "bench-name-keys-drop", database=database)[0]["dropped"]
    t = time.perf_counter()
    done = schema.migrate(driver, database=database)
    linking = time.perf_counter() - t
    assert timed(driver, database, after, keys)[1] == timed(driver, database, before, keys)[1], "migration"
    print(f"migrations on the graph in step: {in_step * 1000:.0f} ms ({idle}); after dropping its {dropped} key "
          f"nodes: {linking:.1f} s ({done})", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--lookups", type=int, default=50)
    ap.add_argument("--keys", type=int, default=200)
    ap.add_argument("--before", default="feb5772", help="git revision of the query to compare with (the scan)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    before = parse_query(QUERY, before_source(args.before)).text
    after = get(QUERY).text
    settings = synthetic.bench_settings(localneo4j.free_port()).model_copy(update={"neo4j_home": HOME})
    shutil.rmtree(HOME, ignore_errors=True)
    localneo4j.start(settings)
    try:
        driver = open_driver(settings)
        db = settings.neo4j_database
        schema.apply(driver, database=db)
        docs, known = directory(args.entities, args.seed)
        t = time.perf_counter()
        build(driver, db, docs)
        counts = {f"{r['kind']}:{r['name']}": r["count"] for r in run(driver, "graph-counts", database=db)}
        print(f"graph: {counts.get('nodes:Entity', 0)} entities, {len(known)} name keys "
              f"(built in {time.perf_counter() - t:.0f} s)", flush=True)
        rng = random.Random(args.seed)
        key_sets = [rng.sample(known, args.keys // 2) + [f"absent firm {i} {j}" for j in range(args.keys // 2)]
                    for i in range(args.lookups)]
        for keys in key_sets[:3]:  # warm-up (plans, page cache) and the same answers from both
            _, a = timed(driver, db, before, keys)
            _, b = timed(driver, db, after, keys)
            assert a == b and a, "the two versions disagree (or found nothing)"
        times: dict[str, list[float]] = {"before (scan)": [], "after (seek)": []}
        for keys in key_sets:
            times["before (scan)"].append(timed(driver, db, before, keys)[0])
            times["after (seek)"].append(timed(driver, db, after, keys)[0])
        load = os.getloadavg()
        print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores, "
              f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
        print(f"{'query':<16} {'lookups':>7} {'keys':>5} {'p50 ms':>8} {'p95 ms':>8}")
        for name, ms in times.items():
            p95 = statistics.quantiles(ms, n=20)[-1]
            print(f"{name:<16} {len(ms):>7} {args.keys:>5} {statistics.median(ms):>8.1f} {p95:>8.1f}")
        migration(driver, db, before, after, key_sets[0])
        driver.close()
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(HOME, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
