"""API latency on a synthetic graph of at least 100,000 events: p50 and p95 per question.

    .venv/bin/python bench/bench_api.py [--events 100000] [--requests 300] [--port 17690] [--stop]

Uses the Neo4j server and graph of ``bench/make_synthetic_graph.py`` (built first when the
graph has fewer than ``--events`` events), serves the API with uvicorn on a free local port
(the app is the real one: auth, validation, queries, response models) and times requests over
HTTP with one keep-alive client, one request at a time, after a warm-up:

* the signature question: ``/questions/targeted-after-law?law=Counter-Espionage Law`` (Raid,
  basis adopted, foreign firms, first page of 50), and its ``basis=effective`` and all-laws variants;
* an entity profile: ``/entities/{id}`` for firms drawn at random among those with events, and
  for the 20 busiest entities (agencies and places with thousands of events);
* a 3-hop path: ``/paths?max_hops=3`` between firm pairs whose shortest link is 3 hops.

Prints one row per scenario (requests, p50, p95, max in milliseconds) and the graph's size.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
import make_synthetic_graph as synthetic  # noqa: E402
import uvicorn  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from api.app import create_app  # noqa: E402
from enforcegraph import localneo4j  # noqa: E402
from queries import run  # noqa: E402

KEY = "bench-read-key"
SIGNATURE = "/questions/targeted-after-law"
LAW = "Counter-Espionage Law"


class Api:
    """The app on uvicorn in a background thread."""

    def __init__(self, settings: Any) -> None:
        self.port = localneo4j.free_port()
        app = create_app(settings.model_copy(update={"read_keys": [SecretStr(KEY)]}))
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> httpx.Client:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", headers={"X-API-Key": KEY},
                                   timeout=60.0)
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(timeout=10)


def timed(client: httpx.Client, url: str, params: dict[str, Any] | None = None) -> tuple[float, Any]:
    t = time.perf_counter()
    resp = client.get(url, params=params)
    ms = (time.perf_counter() - t) * 1000
    if resp.status_code != 200:
        raise SystemExit(f"{url} {params}: {resp.status_code} {resp.text[:300]}")
    return ms, resp.json()


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def scenario(client: httpx.Client, name: str, requests: list[tuple[str, dict[str, Any] | None]],
             rows: list[tuple[str, int, float, float, float]], warmup: int = 20) -> None:
    for url, params in requests[:warmup]:
        timed(client, url, params)
    times = [timed(client, url, params)[0] for url, params in requests]
    rows.append((name, len(times), pct(times, 50), pct(times, 95), max(times)))
    print(f"  {name}: p50 {rows[-1][2]:.1f} ms, p95 {rows[-1][3]:.1f} ms ({len(times)} requests)", flush=True)


def three_hop_pairs(client: httpx.Client, firms: list[str], want: int, rng: random.Random) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    tries = 0
    while len(pairs) < want and tries < want * 40:
        tries += 1
        a, b = rng.sample(firms, 2)
        _, body = timed(client, "/paths", {"from": a, "to": b, "max_hops": 3, "limit": 1})
        if body["items"] and body["items"][0]["hops"] == 3:
            pairs.append((a, b))
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="build the graph first when it has fewer")
    parser.add_argument("--requests", type=int, default=300, help="timed requests per scenario")
    parser.add_argument("--port", type=int, default=synthetic.DEFAULT_PORT, help="Bolt port of the bench server")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--stop", action="store_true", help="stop the bench Neo4j server at the end")
    args = parser.parse_args()
    settings = synthetic.bench_settings(args.port)
    driver, _shape = synthetic.ensured(settings, args.events)
    db = settings.neo4j_database
    try:
        sizes = {f"{r['kind']}:{r['name']}": r["count"] for r in run(driver, "graph-counts", database=db)}
        firms = [r["id"] for r in run(driver, "bench-firms-with-events", database=db, limit=1_000_000)]
        busiest = [r["id"] for r in run(driver, "bench-busiest-entities", database=db, limit=20)]
    finally:
        driver.close()
    print(f"graph: {sizes.get('nodes:EnforcementEvent', 0)} events, {sizes.get('nodes:Entity', 0)} entities, "
          f"{sizes.get('nodes:Document', 0)} documents, {sum(v for k, v in sizes.items() if k.startswith('rel'))} "
          f"relationships; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", flush=True)
    rng = random.Random(args.seed)
    n = args.requests
    rows: list[tuple[str, int, float, float, float]] = []
    with Api(settings) as client:
        scenario(client, "signature question (law, Raid, adopted)",
                 [(SIGNATURE, {"law": LAW})] * n, rows)
        scenario(client, "signature question (law, Raid, effective)",
                 [(SIGNATURE, {"law": LAW, "basis": "effective"})] * n, rows)
        scenario(client, "signature question (every law, Raid, adopted)", [(SIGNATURE, None)] * (n // 3), rows)
        scenario(client, "entity profile (random firms)",
                 [(f"/entities/{rng.choice(firms)}", None) for _ in range(n)], rows)
        scenario(client, "entity profile (20 busiest entities)",
                 [(f"/entities/{busiest[i % len(busiest)]}", None) for i in range(n)], rows)
        pairs = three_hop_pairs(client, firms, 40, rng)
        if pairs:
            scenario(client, f"3-hop path ({len(pairs)} firm pairs)",
                     [("/paths", {"from": a, "to": b, "max_hops": 3}) for a, b in
                      (pairs[i % len(pairs)] for i in range(n))], rows)
        else:
            print("  no firm pairs 3 hops apart were found", flush=True)
    if args.stop:
        localneo4j.stop(settings)
    print("\n| scenario | requests | p50 ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
    for name, count, p50, p95, worst in rows:
        print(f"| {name} | {count} | {p50:.1f} | {p95:.1f} | {worst:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
