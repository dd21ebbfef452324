"""Screening latency: 1,000 watchlist names against a graph of 100,000 entities, p95 per name.

    .venv/bin/python bench/bench_screening.py [--entities 100000] [--events 100000] [--names 1000] [--stop]

Starts its own Neo4j under ``var/bench/screen-neo4j`` (Bolt ``--port``, default 17695; the
developer graph is not touched). When the graph has fewer entities than asked, it is built with
``bench/make_synthetic_graph.py``'s generator (the real writer rows, from ``plan()``) scaled to
80 % firms and 20 % people, plus "directory" articles that name the firms and people no event
reached, so every generated entity is in the graph. The watchlist mixes what analysts send:
firms spelled as the graph has them, without their last word, in capitals, or lower case with
another legal form,
people with their names reversed, and firms absent from the graph with home and operating
countries (peer exposure only). Every answer is checked before anything is timed; then each
name is screened through :func:`api.services.screening.screen_item` (the code behind
``POST /screen``: full-text candidates, rapidfuzz scoring, direct events, peers), one at a time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_synthetic_graph as synthetic  # noqa: E402
import neo4j  # noqa: E402

from api.deps import Graph  # noqa: E402
from api.models import ScreenRequest, WatchItem  # noqa: E402
from api.services import names, screening  # noqa: E402
from ingest.graph.rows import plan  # noqa: E402
from ingest.records import Document, Evidence, ExtractedEntity, Extraction  # noqa: E402
from queries import run  # noqa: E402

HOME = ROOT / "var" / "bench" / "screen-neo4j"
INGESTED_AT = dt.datetime(2025, 7, 1, 6, tzinfo=dt.UTC)


def entity_count(driver: neo4j.Driver, database: str) -> int:
    rows = run(driver, "graph-counts", database=database)
    return sum(r["count"] for r in rows if r["kind"] == "nodes" and r["name"] == "Entity")


def world(entities: int, seed: int) -> synthetic.World:
    return synthetic.build_world(random.Random(seed), firms=int(entities * 0.8), people=int(entities * 0.2))


def build(driver: neo4j.Driver, database: str, entities: int, events: int, seed: int) -> None:
    if synthetic.event_count(driver, database) < events:
        original = synthetic.build_world
        synthetic.build_world = lambda rng: original(rng, firms=int(entities * 0.8), people=int(entities * 0.2))
        try:
            print(f"events: {synthetic.write_graph(driver, events, seed, database)}", flush=True)
        finally:
            synthetic.build_world = original
    # directory articles: every firm and person of the world, 100 a document, through plan()
    w = world(entities, seed)
    people = [*w.firms, *w.people]
    ids: list[str] = []
    for start in range(0, len(people), 5000):
        batch = []
        for k in range(start, min(start + 5000, len(people)), 100):
            chunk = people[k:k + 100]
            text = " ".join(f"{e.name} is listed." for e in chunk)
            at, ents = 0, []
            for e in chunk:
                sentence = f"{e.name} is listed."
                ents.append(ExtractedEntity(name=e.name, type=e.type, country=e.country, aliases=list(e.aliases),
                                            mentions=[Evidence(text=sentence, start=at, end=at + len(sentence))],
                                            confidence=0.9))
                at += len(sentence) + 1
            doc = Document(id=f"directory-{k:07d}", text=text, title="Directory", source="directory.example")
            rows = plan(Extraction(document=doc, entities=ents, events=[]), ingested_at=INGESTED_AT)
            ids += [r["id"] for r in rows.entities]
            batch.append(rows)
        with driver.session(database=database, notifications_min_severity="OFF") as session:
            session.execute_write(synthetic._write_batch, batch)
    for i in range(0, len(ids), 5000):
        with driver.session(database=database, notifications_min_severity="OFF") as session:
            session.execute_write(synthetic._refresh, "graph-write-refresh-entities", ids[i:i + 5000])


def watchlist(w: synthetic.World, n: int, rng: random.Random) -> list[tuple[WatchItem, str | None]]:
    """(item, the name its match must normalise to, or None for a firm absent from the graph)."""
    out: list[tuple[WatchItem, str | None]] = []
    firms, people = rng.sample(w.firms, n // 2), rng.sample(w.people, n // 4)
    for i, f in enumerate(firms):
        bare = f.name.rsplit(" ", 1)[0]
        variant = [f.name, bare, f.name.upper(), f"{bare.lower()} l.l.c."][i % 4]
        wanted = f.name
        out.append((WatchItem(name=variant, type="Company", country=f.country, countries=["CN"]), wanted))
    for p in people:
        out.append((WatchItem(name=" ".join(reversed(p.name.split())), type="Person"), p.name))
    while len(out) < n:
        name = f"Quill{rng.randrange(10**6):06d} Widgets Ltd"
        out.append((WatchItem(name=name, type="Company", country=rng.choice(synthetic.FIRM_HOMES),
                              countries=["CN", "RU"]), None))
    rng.shuffle(out)
    return out


def check(graph: Graph, items: list[tuple[WatchItem, str | None]]) -> dict[str, int]:
    request = ScreenRequest(items=[items[0][0]])
    ok = wrong = absent_with_peers = 0
    for item, wanted in items:
        result = screening.screen_item(graph, item, request)
        if wanted is None:
            if result.match is None and result.peer_event_count > 0:
                absent_with_peers += 1
            else:
                wrong += 1
        elif result.match and names.normalise(wanted) in {names.normalise(result.match.matched_name),
                                                          names.normalise(result.match.entity.name)}:
            ok += 1
        else:
            wrong += 1
    return {"matched as expected": ok, "absent with peer exposure": absent_with_peers, "wrong": wrong}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entities", type=int, default=100_000)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--names", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--port", type=int, default=17695)
    ap.add_argument("--stop", action="store_true", help="stop the bench Neo4j server at the end")
    args = ap.parse_args()
    settings = synthetic.bench_settings(args.port).model_copy(update={"neo4j_home": HOME})
    db = settings.neo4j_database
    with synthetic.served(settings, args.stop) as driver:
        if entity_count(driver, db) < args.entities:
            build(driver, db, args.entities, args.events, args.seed)
        total = entity_count(driver, db)
        print(f"graph: {total} entities, {synthetic.event_count(driver, db)} events", flush=True)
        graph = Graph(driver, db)
        items = watchlist(world(args.entities, args.seed), args.names, random.Random(args.seed + 1))
        checked = check(graph, items)
        print(f"answers: {checked}", flush=True)
        if checked["wrong"] > len(items) * 0.02:
            raise SystemExit("bench: more than 2% of the answers are wrong; not timing")
        request = ScreenRequest(items=[items[0][0]])
        times = []
        for item, _ in items:
            t0 = time.perf_counter()
            screening.screen_item(graph, item, request)
            times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    q = statistics.quantiles(times, n=100)
    print("| names | entities | p50 ms | p95 ms | p99 ms | max ms | total s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {len(times)} | {total:,} | {q[49]:.1f} | {q[94]:.1f} | {q[98]:.1f} | {times[-1]:.1f} | "
          f"{sum(times) / 1000:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
