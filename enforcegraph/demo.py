"""The end of ``make demo``: serve the API over the ingested sample corpus and ask it the signature question.

Starts ``enforcegraph serve`` in the background (pid in ``var/api.pid``, log in
``var/api.log``) unless an API already answers, waits for ``/health``, and prints which
foreign firms were raided after the Counter-Espionage Law was revised - by adoption date and
by the date it took effect - with the sentences that say so. ``make stop`` stops the API.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from enforcegraph.settings import Settings, get_settings

PID_FILE = Path("var/api.pid")
LOG_FILE = Path("var/api.log")
LAW = "Counter-Espionage Law"


def _base(settings: Settings) -> str:
    return f"http://{settings.api_host}:{settings.api_port}"


def _healthy(client: httpx.Client) -> bool:
    try:
        return client.get("/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False


def ensure_api(settings: Settings, client: httpx.Client, timeout: float = 90.0) -> None:
    if _healthy(client):
        return
    PID_FILE.parent.mkdir(parents=True, exist_ok=True)
    with LOG_FILE.open("ab") as log:
        proc = subprocess.Popen([sys.executable, "-m", "enforcegraph.cli", "serve"], stdout=log,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    PID_FILE.write_text(str(proc.pid), encoding="utf-8")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"demo: the API exited with status {proc.returncode}; see {LOG_FILE}")
        if _healthy(client):
            return
        time.sleep(0.5)
    raise SystemExit(f"demo: the API did not answer at {_base(settings)} within {timeout:.0f} s; see {LOG_FILE}")


def stop_api() -> bool:
    try:
        pid = int(PID_FILE.read_text().strip())
    except (OSError, ValueError):
        return False
    PID_FILE.unlink(missing_ok=True)
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    return True


def show(rows: list[dict[str, Any]], basis: str) -> None:
    print(f"\nForeign firms raided after the {LAW} was revised (basis: {basis}):")
    if not rows:
        print("  none")
    for row in rows:
        firm, events = row["firm"], row["events"]
        print(f"  - {firm['name']} ({firm['country']}), raided {row['first_date']}; "
              f"revision {row['basis_date']}")
        for ev in events[:1]:
            src = ev["sources"][0]
            print(f"      \"{src['evidence']}\" ({src['source']}, {src['published']})")


def main() -> int:
    if sys.argv[1:] == ["stop"]:
        print("API stopped" if stop_api() else "API was not running")
        return 0
    settings = get_settings()
    key = settings.read_keys[0].get_secret_value()
    with httpx.Client(base_url=_base(settings), headers={"X-API-Key": key}, timeout=30.0) as client:
        ensure_api(settings, client)
        for basis in ("adopted", "effective"):
            resp = client.get("/questions/targeted-after-law",
                              params={"law": LAW, "event_type": "Raid", "basis": basis, "foreign": "true"})
            resp.raise_for_status()
            show(resp.json()["items"], basis)
    print(f"\nThe API is serving at {_base(settings)} (OpenAPI docs at {_base(settings)}/docs); "
          "`make stop` stops it and the local Neo4j.")
    print(f"The web app is at {_base(settings)}/ (enter your read key at the top of the page).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
