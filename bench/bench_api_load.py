"""The API at scale: each question's p50/p95/p99 alone, then 50 concurrent clients for 60 s (wrk).

    .venv/bin/python bench/bench_api_load.py [--events 1000000] [--clients 50] [--seconds 60]
                                             [--requests 200] [--port 17690] [--stop]

Needs ``wrk`` (Debian: ``apt-get install wrk``). Uses the Neo4j server and graph of
``bench/make_synthetic_graph.py`` (built first when it has fewer than ``--events`` events; the
graph is checked to carry evidence, dates and argument sources before anything is timed) and
serves the real app with ``enforcegraph serve`` in its own process (settings, the read key
among them, through the environment, never on a command line). Then:

1. the request mix, drawn with a fixed seed: the signature question (Counter-Espionage Law,
   adopted and effective basis, and every law), profiles of random firms and of the 20 busiest
   entities, events by agent (the busiest agents included), 3-hop paths between firms, and
   ``POST /screen`` of one firm by name;
2. every request of the mix once, one at a time: each must answer 200 with a non-empty answer
   (else the benchmark fails); then ``--requests`` timed requests per question, one at a time:
   p50/p95/p99 per question;
3. wrk with ``--clients`` connections for ``--seconds`` over the whole mix in rotation:
   requests/s, latency percentiles, and every non-2xx response or socket error, which fails
   the benchmark (exit 1).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import httpx  # noqa: E402
import make_synthetic_graph as synthetic  # noqa: E402

from enforcegraph import localneo4j  # noqa: E402
from queries import run  # noqa: E402

KEY = "bench-load-read-key"
LAW = "Counter-Espionage Law"
#: wrk's script: every request of the mix in turn, each connection from its own place in the list.
LUA = r"""
local requests = {}
local n = 0
init = function(args)
  for line in io.lines(args[1]) do
    local method, path, body = line:match("^(%S+) (%S+) ?(.*)$")
    local headers = {["X-API-Key"] = os.getenv("BENCH_KEY"), ["Content-Type"] = "application/json"}
    n = n + 1
    requests[n] = wrk.format(method, path, headers, body ~= "" and body or nil)
  end
  i = math.random(n)
end
request = function()
  i = i % n + 1
  return requests[i]
end
"""

Request = tuple[str, str, str, dict[str, Any] | None]  # question, method, path with query, JSON body


def mix(firms: list[dict[str, Any]], busiest: list[str], pairs: list[tuple[str, str]], rng: random.Random,
        n: int) -> list[Request]:
    sig = "/questions/targeted-after-law"
    law = httpx.QueryParams({"law": LAW})
    out: list[Request] = []
    for _ in range(max(10, n // 4)):  # the same three questions: what a dashboard asks again and again
        out += [("signature question (law, adopted)", "GET", f"{sig}?{law}", None),
                ("signature question (law, effective)", "GET", f"{sig}?{law}&basis=effective", None),
                ("signature question (every law)", "GET", sig, None)]
    for _ in range(n):
        firm = rng.choice(firms)
        out.append(("entity profile (random firms)", "GET", f"/entities/{firm['id']}", None))
        out.append(("entity profile (20 busiest)", "GET", f"/entities/{rng.choice(busiest)}", None))
        out.append(("events by agent (busiest agents)", "GET",
                    f"/events?{httpx.QueryParams({'agent': rng.choice(busiest[:10]), 'limit': 50})}", None))
        out.append(("screening one firm by name", "POST", "/screen",
                    {"items": [{"name": firm["name"], "country": firm["country"]}]}))
    for a, b in pairs:
        out.append(("3-hop path", "GET", f"/paths?{httpx.QueryParams({'from': a, 'to': b, 'max_hops': 3})}", None))
    return out


def non_empty(body: Any) -> bool:
    if isinstance(body, dict):
        for key in ("items", "results", "events"):
            if key in body:
                return bool(body[key])
        return bool(body)
    return bool(body)


def call(client: httpx.Client, method: str, path: str, body: dict[str, Any] | None) -> tuple[float, Any]:
    t = time.perf_counter()
    resp = client.request(method, path, json=body)
    ms = (time.perf_counter() - t) * 1000
    if resp.status_code != 200:
        raise SystemExit(f"{method} {path}: {resp.status_code} {resp.text[:300]}")
    return ms, resp.json()


def three_hop_pairs(client: httpx.Client, firms: list[dict[str, Any]], want: int,
                    rng: random.Random) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for _ in range(want * 40):
        if len(pairs) >= want:
            break
        a, b = (str(f["id"]) for f in rng.sample(firms, 2))
        _, body = call(client, "GET", f"/paths?{httpx.QueryParams({'from': a, 'to': b, 'max_hops': 3, 'limit': 1})}",
                       None)
        if body["items"] and body["items"][0]["hops"] == 3:
            pairs.append((a, b))
    return pairs


def serve(settings: Any, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NEO4J_URI": f"bolt://127.0.0.1:{settings.neo4j_bolt_port}",
           "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
           "ENFORCEGRAPH_READ_KEYS": json.dumps([KEY]), "ENFORCEGRAPH_API_PORT": str(port)}
    # PYTHONPATH: the app of this checkout, also when the venv's editable install points at another one
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    proc = subprocess.Popen([str(Path(sys.executable).parent / "enforcegraph"), "serve"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"the API did not start: {(proc.stderr.read() if proc.stderr else b'').decode()[-600:]}")
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("the API did not answer /health within 120 s")


def percentiles(values: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94], q[98]


def load(port: int, requests: list[Request], clients: int, seconds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        script, lines = Path(tmp, "mix.lua"), Path(tmp, "mix.txt")
        script.write_text(LUA)
        lines.write_text("".join(f"{m} {p} {json.dumps(b) if b else ''}\n" for _q, m, p, b in requests))
        out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--latency", "--timeout", "10s",
                              "-s", str(script), f"http://127.0.0.1:{port}", "--", str(lines)],
                             env={**os.environ, "BENCH_KEY": KEY}, capture_output=True, text=True, check=True).stdout
    found: dict[str, Any] = {"text": out}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        found["rps"] = float(m.group(1))
    if m := re.search(r"(\d+) requests in", out):
        found["requests"] = int(m.group(1))
    found["non2xx"] = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    found["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    for pct in ("50", "90", "99"):
        if m := re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out):
            found[f"p{pct}"] = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="build the graph first when it has fewer")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--requests", type=int, default=200, help="timed requests per question, one at a time")
    parser.add_argument("--port", type=int, default=synthetic.DEFAULT_PORT, help="Bolt port of the bench server")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--stop", action="store_true", help="stop the bench Neo4j server at the end")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench_api_load: wrk is not installed (Debian: apt-get install wrk)")
    settings = synthetic.bench_settings(args.port)
    driver, shape = synthetic.ensured(settings, args.events)
    db = settings.neo4j_database
    try:
        firms = run(driver, "bench-firms-with-events", database=db, limit=1_000_000)
        busiest = [r["id"] for r in run(driver, "bench-busiest-entities", database=db, limit=20)]
    finally:
        driver.close()
    print(f"graph: {shape}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}", flush=True)
    rng = random.Random(args.seed)
    port = localneo4j.free_port()
    api = serve(settings, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"X-API-Key": KEY}, timeout=60) as client:
            pairs = three_hop_pairs(client, firms, 20, rng)
            requests = mix(firms, busiest, pairs, rng, args.requests)
            timings: dict[str, list[float]] = {}
            for question, method, path, body in requests:  # the answers first, and warm
                _ms, answer = call(client, method, path, body)
                if question.startswith(("signature", "entity", "3-hop", "screening")) and not non_empty(answer):
                    raise SystemExit(f"{method} {path}: an empty answer on a graph of {shape['events']} events")
            for question, method, path, body in requests:
                timings.setdefault(question, []).append(call(client, method, path, body)[0])
        result = load(port, requests, args.clients, args.seconds)
    finally:
        api.terminate()
        api.wait(timeout=30)
        if args.stop:
            localneo4j.stop(settings)
    print("\n| question (one at a time) | requests | p50 ms | p95 ms | p99 ms |\n|---|---:|---:|---:|---:|")
    for question, times in timings.items():
        p50, p95, p99 = percentiles(times)
        print(f"| {question} | {len(times)} | {p50:.1f} | {p95:.1f} | {p99:.1f} |")
    print("\n| load | clients | seconds | requests | requests/s | p50 ms | p90 ms | p99 ms | non-2xx | socket errors |")
    print(f"|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"
          f"| whole mix (wrk) | {args.clients} | {args.seconds} | {result.get('requests', 0):,} | "
          f"{result.get('rps', 0):.1f} | {result.get('p50', 0):.0f} | {result.get('p90', 0):.0f} | "
          f"{result.get('p99', 0):.0f} | {result['non2xx']} | {result['socket_errors']} |")
    if result["non2xx"] or result["socket_errors"]:
        print(result["text"], file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
