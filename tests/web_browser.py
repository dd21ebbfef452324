"""Shared by the browser tests: the API (with the built web app) served by uvicorn on a free port
over the sample corpus, and Debian's Chromium driven by Playwright (which downloads no browser).

Every page gets a route guard: a request to any host but the API's is recorded and refused, and
the test that caused it fails. axe-core (from the web app's npm packages) checks accessibility.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import uvicorn

from api.app import create_app
from enforcegraph.localneo4j import free_port
from enforcegraph.settings import Settings
from tests.helpers import api_settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "web" / "node_modules" / "axe-core" / "axe.min.js"
BUILD = ROOT / "api" / "static" / "index.html"
SCREENSHOTS = ROOT / "docs" / "screenshots"


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The API over ``settings`` on a free port, in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(api_settings(settings)), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="web-test-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the API did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)


class HostGuard:
    """Refuses, and remembers, every request a page makes to a host other than the API's."""

    def __init__(self, base: str) -> None:
        self.allowed = urlsplit(base).netloc
        self.foreign: list[str] = []

    def __call__(self, route: Any) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.allowed:
            self.foreign.append(url)
            route.abort()
        else:
            route.continue_()


def axe_violations(page: Any, *, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of these impacts on the page as it is now, one line each."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return [f"{v['impact']} {v['id']}: {v['help']} at {v['nodes']}" for v in result if v["impact"] in impacts]
