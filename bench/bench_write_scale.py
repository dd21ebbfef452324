"""Write cost into a graph with hub entities and events: full refresh against incremental refresh,
or resolution candidates by scan against the index seek.

    .venv/bin/python bench/bench_write_scale.py [--base-docs 1000 4000] [--new-docs 100] [--group-size 50] [--repeat 5]
    .venv/bin/python bench/bench_write_scale.py --base-docs 1000 10000 100000 --compare none --extract 50 [--by-query]
    .venv/bin/python bench/bench_write_scale.py --compare candidates --entities 100000 [--before feb5772] ...

Starts its own Neo4j under ``var/bench/write-scale-neo4j`` (a free port, never the default ones;
stopped and deleted at the end). Builds a graph of ``--base-docs`` articles from
``bench/make_synthetic_graph.py``'s world, written through the writer's own rows (``plan()``,
reports with evidence, arguments) and recomputed once at the end: every article reports an action
of one of China's two state security agencies against one of 500 firms, under the
Counter-Espionage Law, in one of six places; every second one also reports the law's 2023
revision. So the two agencies carry about half the reports each, the law all of them, the
revision event and the legislature every second one: hubs of thousands of reports.

Then ``--new-docs`` new articles of the same kind (touching every hub) are written through
:class:`ingest.graph.writer.GraphWriter` in groups of ``--group-size``, once with
``full_refresh=True`` (every entity and event a group touches re-reads all its reports: the
writer before issue 14 item 3) and once incremental, alternately, ``--repeat`` times; after each
run the new articles are removed again (not timed), so every run writes into the same graph.
Before anything is timed, one incremental write is checked: every node it touched has the
properties a full recompute of the same graph gives, and the hubs' source counts equal their
reports. Several ``--base-docs`` sizes grow the same graph, to show how the cost follows its size.
Prints a Markdown table of medians; ``--by-query`` adds where the time goes (each named query's
median ms per article, measured around the writer's calls).

``--compare events --before b359634`` times the same way ``event-candidates`` of that revision (the
expansion of every event of the hub firm or law an event report names) against the current one (seeks
of the join key on the events' target and law relationships); ``--by-query`` shows the query's share.

``--compare probabilities --before 629dda4`` times the argument and retraction queries of that revision
(``graph-write-arguments``, ``graph-write-retract``: sources only) writing the articles without argument
probabilities against the current ones writing them with a probability on every agent and target (the
per-document lists and the highest, which every rewrite or retraction keeps); the base graph then carries
probabilities too, so the hubs' relationships hold thousands of judging documents.

``--extract N`` also times the extraction of N synthetic articles (``bench/synthetic_articles.py``, one
process, the pipeline loaded once) at every size, and prints the end-to-end documents/s they imply,
**derived**, not measured as one ingest: 1 / (extraction s/doc + the incremental writer's s/doc), with each
size's ratio to the smallest (issue 14: documents/s flat within ±20 % from 1k to 100k documents).

``--entities N`` first writes ``bench/bench_candidates.py``'s directory of N firms and people, every
name starting "Registered " (so the graph holds that many more entities, as a long ingest would, but
none the new articles join: their cost is the lookup, not re-derived joins); ``--compare candidates`` then times two
incremental writers instead: one whose ``entity-candidates`` is the query of ``--before`` (read with
``git show``; at feb5772 the scan of every entity) and the current one (the ``NameKey`` seek).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_candidates  # noqa: E402
import make_synthetic_graph as synthetic  # noqa: E402
import neo4j  # noqa: E402

from enforcegraph import localneo4j  # noqa: E402
from enforcegraph.db import open_driver  # noqa: E402
from ingest.graph import merging  # noqa: E402
from ingest.graph import writer as writer_module  # noqa: E402
from ingest.graph.rows import plan  # noqa: E402
from ingest.graph.writer import GraphWriter, write_rows  # noqa: E402
from ingest.records import Extraction  # noqa: E402
from queries import library, run, schema  # noqa: E402

if TYPE_CHECKING:
    from ingest.extract.pipeline import Extractor

HOME = ROOT / "var" / "bench" / "write-scale-neo4j"
INGESTED_AT = dt.datetime(2025, 7, 1, 6, tzinfo=dt.UTC)
HUB_AGENCIES = ("Ministry of State Security", "State Security Bureau")
#: Properties that say when a node was written, not what it holds.
WHEN = ("recordedAt", "ingestedAt")


class Corpus:
    """Articles about China's security agencies, its Counter-Espionage Law and its revision."""

    def __init__(self, seed: int, probabilities: bool = False) -> None:
        self.rng = random.Random(seed)
        self.probabilities = probabilities
        w = synthetic.build_world(self.rng, firms=500, people=0, orgs=0)
        self.agencies = [a for a in w.agencies["CN"] if any(a.name.endswith(k) for k in HUB_AGENCIES)]
        self.law = next(x for x in w.laws["CN"] if x.name == "Counter-Espionage Law")
        self.legislature = w.legislatures["CN"]
        self.places = w.places["CN"]
        self.firms = w.firms

    def article(self, doc_no: int, prefix: str) -> Extraction:
        rng = self.rng
        etype, _, verb = rng.choice(synthetic.EVENT_TYPES)
        agency, firm, place = rng.choice(self.agencies), rng.choice(self.firms), rng.choice(self.places)
        date = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        facts = [synthetic.Fact(etype, date, f"{agency.name} {verb} {firm.name} in {place.name} under the "
                                f"{self.law.name} ({date}).", [agency], [firm], place, [self.law])]
        if doc_no % 2 == 0:  # the revision, as the articles give it: a day, or only the month
            adopted = "2023-04-26" if doc_no % 4 == 0 else "2023-04"
            facts.append(synthetic.Fact("LawRevision", adopted, f"The {self.legislature.name} revised the "
                                        f"{self.law.name} in {adopted}.", [self.legislature], [], None,
                                        [self.law], "2023-07-01"))
        ex = synthetic.extraction(doc_no, facts, rng)
        if self.probabilities:  # what the learned attacher gives each agent and target
            ex = ex.model_copy(update={"events": [ev.model_copy(update={"argument_probabilities": {
                f: {n: round(rng.uniform(0.3, 1.0), 3) for n in getattr(ev, f)} for f in ("agents", "targets")
                if getattr(ev, f)}}) for ev in ex.events]})
        return ex.model_copy(update={"document": ex.document.model_copy(update={"id": f"{prefix}-{doc_no:06d}"})})


def without_probabilities(articles: list[Extraction]) -> list[Extraction]:
    """The same articles as an extractor without the learned attacher writes them."""
    return [e.model_copy(update={"events": [ev.model_copy(update={"argument_probabilities": {}})
                                            for ev in e.events]}) for e in articles]


def grow(driver: neo4j.Driver, db: str, corpus: Corpus, start: int, stop: int) -> None:
    """Base articles ``start`` .. ``stop - 1``, written as rows, then every node recomputed once."""
    ids: set[str] = set()
    for k in range(start, stop, 500):
        batch = [plan(corpus.article(n, "base"), ingested_at=INGESTED_AT, sequence=n + 1)
                 for n in range(k, min(k + 500, stop))]
        ids |= {i for b in batch for i in b.node_ids()}
        with driver.session(database=db, notifications_min_severity="OFF") as session:
            session.execute_write(write_rows, batch)  # the writer's own write steps
    all_ids = sorted(ids)
    for query in ("graph-write-refresh-entities", "graph-write-refresh-events"):
        for i in range(0, len(all_ids), 2000):
            run(driver, query, database=db, ids=all_ids[i:i + 2000], **synthetic.RECOMPUTE[query])
    with driver.session(database=db) as session:  # new articles get the next sequence numbers
        session.execute_write(lambda tx: run(tx, "graph-write-reserve-sequence", counter="document",
                                             count=stop - start))


def touched(driver: neo4j.Driver, db: str, doc_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The entities and events the given documents report, with their properties and true report count."""
    records, _, _ = driver.execute_query(
        "MATCH (d:Document)<-[:REPORTED_IN]-(n) WHERE d.id IN $docs WITH DISTINCT n "
        "RETURN n.id AS id, properties(n) AS props, COUNT { (n)-[:REPORTED_IN]->() } AS reports",
        docs=doc_ids, database_=db)
    return {r["id"]: {**{k: v for k, v in r["props"].items() if k not in WHEN}, "_reports": r["reports"]}
            for r in records}


def check(driver: neo4j.Driver, db: str, writer: GraphWriter, new: list[Extraction]) -> list[int]:
    """One incremental write: the nodes it touched equal their full recompute; returns the five largest
    report counts among them (the hubs)."""
    doc_ids = [e.document.id for e in new]
    writer.write(new, now=INGESTED_AT)
    after = touched(driver, db, doc_ids)
    ids = sorted(after)
    for query, params in synthetic.RECOMPUTE.items():
        run(driver, query, database=db, ids=ids, **params)
    full = touched(driver, db, doc_ids)
    wrong = [i for i in ids if after[i] != full[i]]
    if wrong:
        raise SystemExit(f"bench: incremental refresh differs from the full recompute for {wrong[:3]}")
    miscounted = [i for i, p in after.items() if p["sourceCount"] != p["_reports"]]
    if miscounted:
        raise SystemExit(f"bench: source counts differ from the reports for {miscounted[:3]}")
    hubs: list[int] = sorted(int(p["_reports"]) for p in after.values())[-5:]
    if not hubs or hubs[0] < len(new):
        raise SystemExit(f"bench: the new articles did not reach the hubs (largest report counts {hubs})")
    writer.remove(doc_ids)
    return hubs


@contextlib.contextmanager
def query_times(into: dict[str, float]) -> Iterator[None]:
    """Add the seconds each named query of the writer and of resolution takes to ``into``."""
    original = run  # what both modules imported from queries

    def timed_run(tx: Any, name: str, **params: Any) -> Any:
        t = time.perf_counter()
        try:
            return original(tx, name, **params)
        finally:
            into[name] += time.perf_counter() - t

    modules = (writer_module, merging)  # both call queries.run by that name
    for module in modules:
        module.__dict__["run"] = timed_run
    try:
        yield
    finally:
        for module in modules:
            module.__dict__["run"] = original


def timed(writer: GraphWriter, new: list[Extraction]) -> float:
    t = time.perf_counter()
    report = writer.write(new, now=INGESTED_AT)
    elapsed = time.perf_counter() - t
    if report.failed or len(report.written) != len(new) or report.rederived:
        raise SystemExit(f"bench: {len(report.failed)} documents failed ({report.failed[:3]}), "
                         f"{len(report.rederived)} re-derived: the new articles should only add reports")
    return elapsed


def extractor_for(count: int, seed: int) -> tuple[Extractor, list[Any]] | None:
    """The extraction pipeline (loaded once, warmed up) and ``count`` synthetic articles to time it on."""
    if not count:
        return None
    import synthetic_articles

    from enforcegraph.settings import get_settings
    from ingest.extract.pipeline import Extractor
    extractor = Extractor(get_settings().spacy_model)
    docs = list(synthetic_articles.articles(count, seed=seed))
    list(extractor.extract_many(docs[:5]))  # warm-up: the first documents pay lazy loading
    return extractor, docs


def extraction_seconds(extraction: tuple[Extractor, list[Any]]) -> float:
    """Seconds per document of one in-process extraction pass over the articles."""
    extractor, docs = extraction
    t = time.perf_counter()
    list(extractor.extract_many(docs))
    return (time.perf_counter() - t) / len(docs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base-docs", type=int, nargs="+", default=[1000, 4000])
    ap.add_argument("--new-docs", type=int, default=100)
    ap.add_argument("--group-size", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--by-query", action="store_true", help="also print each named query's share")
    ap.add_argument("--entities", type=int, default=0, help="a directory of this many more entities first")
    ap.add_argument("--compare", choices=("refresh", "candidates", "events", "probabilities", "none"),
                    default="refresh",
                    help="full against incremental refresh, or entity (event) candidates of --before against the "
                         "current ones")
    ap.add_argument("--before", default="feb5772",
                    help="git revision of entity-candidates (event-candidates) for --compare candidates (events)")
    ap.add_argument("--extract", type=int, default=0, metavar="N",
                    help="also time extracting N synthetic articles at every size; derive end-to-end documents/s")
    args = ap.parse_args()
    extraction = extractor_for(args.extract, args.seed)
    derived: list[tuple[int, float, float]] = []  # (size, extraction s/doc, incremental writing s/doc)
    query = {"refresh": "", "candidates": "entity-candidates", "events": "event-candidates", "none": "",
             "probabilities": "graph-write-arguments"}[args.compare]
    before = bench_candidates.before_source(args.before, query) if query else None
    retract = (bench_candidates.before_source(args.before, "graph-write-retract")
               if args.compare == "probabilities" else None)
    settings = synthetic.bench_settings(localneo4j.free_port()).model_copy(update={"neo4j_home": HOME})
    shutil.rmtree(HOME, ignore_errors=True)
    localneo4j.start(settings)
    rows: list[str] = []
    breakdown: list[str] = []
    try:
        driver = open_driver(settings)
        db = settings.neo4j_database
        schema.apply(driver, database=db)
        if args.entities:
            t = time.perf_counter()
            listed = bench_candidates.directory(args.entities, args.seed, prefix="Registered ")[0]
            bench_candidates.build(driver, db, listed, clear=False)  # names the new articles never use
            print(f"directory of {args.entities} entities written in {time.perf_counter() - t:.0f} s", flush=True)
        corpus = Corpus(args.seed, probabilities=args.compare == "probabilities")
        new = [corpus.article(n, "new") for n in range(args.new_docs)]
        plain = without_probabilities(new)
        incremental = GraphWriter(driver, database=db, group_size=args.group_size)
        # name -> (writer, the text of `query` it runs: None for the current one)
        writers: dict[str, tuple[GraphWriter, str | None]] = (
            {"full refresh (before)": (GraphWriter(driver, database=db, group_size=args.group_size,
                                                   full_refresh=True), None),
             "incremental (after)": (incremental, None)} if before is None and args.compare == "refresh" else
            {"incremental": (incremental, None)} if before is None else
            {f"{query} of {args.before}": (incremental, before), f"{query} now (after)": (incremental, None)})
        built = 0
        for size in sorted(args.base_docs):
            t = time.perf_counter()
            grow(driver, db, corpus, built, size)
            built = size
            t_migrate = time.perf_counter()
            idle = schema.migrate(driver, database=db)  # what every start-up runs: nothing to change
            print(f"schema migrations on the graph in step: {(time.perf_counter() - t_migrate) * 1000:.0f} ms "
                  f"({idle})", flush=True)
            hubs = check(driver, db, incremental, new)
            hub = f"{hubs[-1]}; {hubs[0]}"
            print(f"graph of {size} base articles built and checked in {time.perf_counter() - t:.0f} s; "
                  f"the five largest hubs the new articles touch have {hubs} reports", flush=True)
            times: dict[str, list[float]] = {name: [] for name in writers}
            per_query: dict[str, list[dict[str, float]]] = {name: [] for name in writers}
            for _ in range(args.repeat):
                for name, (writer, candidates) in writers.items():
                    spent: dict[str, float] = collections.defaultdict(float)
                    earlier = candidates is not None and retract is not None  # the writer of --before
                    with (query_times(spent) if args.by_query else contextlib.nullcontext(),
                          library.substituted(query or "entity-candidates", candidates),
                          library.substituted("graph-write-retract", retract if earlier else None)):
                        times[name].append(timed(writer, plain if earlier else new))
                    per_query[name].append(spent)
                    writer.remove([e.document.id for e in new])  # the same graph for the next run
            if extraction is not None:
                writing = statistics.median(times[list(writers)[-1]]) / len(new)  # the current writer's
                derived.append((size, extraction_seconds(extraction), writing))
                print(f"extraction at {size}: {derived[-1][1] * 1000:.1f} ms per document, load average "
                      f"{os.getloadavg()[0]:.1f}", flush=True)
            for name, ts in times.items():
                median = statistics.median(ts)
                rows.append(f"| {size} | {hub} | {name} | {len(ts)} | {median * 1000 / len(new):.1f} "
                            f"| {len(new) / median:.0f} |")
                if args.by_query:
                    names = sorted({q for run_ in per_query[name] for q in run_})
                    med = {q: statistics.median(r.get(q, 0.0) for r in per_query[name]) * 1000 / len(new)
                           for q in names}
                    top = sorted(med.items(), key=lambda kv: -kv[1])[:6]
                    breakdown.append(f"| {size} | {name} | " + ", ".join(f"{q} {v:.2f}" for q, v in top) + " |")
        driver.close()
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(HOME, ignore_errors=True)
    load = os.getloadavg()
    print(f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores, "
          f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}; {args.new_docs} new articles in groups of "
          f"{args.group_size}; {args.entities} directory entities")
    print(f"| base articles | reports of the largest hub; of the 5th largest | {args.compare} | runs "
          "| ms per article (median) | articles/s |")
    print("|---:|---:|---|---:|---:|---:|")
    print("\n".join(rows))
    if breakdown:
        print(f"\n| base articles | {args.compare} | ms per article by query (median, largest six) |")
        print("|---:|---|---|")
        print("\n".join(breakdown))
    if derived:
        first = 1 / (derived[0][1] + derived[0][2])
        print(f"\n| base articles | extraction ms/doc (measured, {args.extract} articles) | writing ms/doc "
              "(measured) | end-to-end documents/s (derived) | vs the smallest |")
        print("|---:|---:|---:|---:|---:|")
        for size, ex_s, wr_s in derived:
            rate = 1 / (ex_s + wr_s)
            print(f"| {size} | {ex_s * 1000:.1f} | {wr_s * 1000:.1f} | {rate:.1f} | {rate / first:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
