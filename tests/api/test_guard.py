"""The request guard: public paths, the key checked before the body, and the body size limit.

The last test runs a real uvicorn process and streams 200 MB at it without a key, measuring the
server's resident memory from /proc before and after.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.guard import PUBLIC_PATHS
from enforcegraph.localneo4j import free_port
from enforcegraph.settings import Settings
from tests.helpers import ROOT

WRITE = {"X-API-Key": "w-key"}
READ = {"X-API-Key": "r-key"}


def _settings(**extra: object) -> Settings:
    # an unreachable Neo4j: the guard answers before any query would run
    return Settings(_env_file=None, environment="test", neo4j_uri=f"bolt://127.0.0.1:{free_port()}",  # type: ignore[call-arg]
                    neo4j_connect_timeout=1.0, read_keys=["r-key"], write_keys=["w-key"], **extra)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(_settings(api_max_body_bytes=1000)), raise_server_exceptions=False) as c:
        yield c


def test_api_guard_public_paths_answer_without_a_key_and_every_other_route_needs_one(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert len(paths) > 10
    for template, operations in paths.items():
        path = re.sub(r"\{[^}]+\}", "x", template)
        for method in operations:
            resp = client.request(method.upper(), path, json={} if method == "post" else None)
            if template in PUBLIC_PATHS:
                assert resp.status_code != 401, (method, path)
            else:
                assert resp.status_code == 401, (method, path, resp.status_code)
                assert resp.json()["error"] == "AuthRequired"
    for path in ("/ontology", "/ontology/shapes", "/openapi.json", "/docs"):
        assert client.get(path).status_code == 200, path


def test_api_guard_readme_lists_exactly_the_public_paths() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    passage = readme.split("except these public paths", 1)[1].split("(the health probe", 1)[0]
    assert set(re.findall(r"`(/[^`]*)`", passage)) == set(PUBLIC_PATHS)


def test_api_guard_post_key_is_checked_before_the_body(client: TestClient) -> None:
    # a body that is not even JSON: the key problem is reported, not the body
    for headers, status in (({}, 401), ({"X-API-Key": "nope"}, 401), (READ, 403)):
        resp = client.post("/documents", content=b"{not json", headers={**headers, "Content-Type": "application/json"})
        assert resp.status_code == status, headers
        assert "\n" not in resp.json()["detail"]
    assert client.post("/documents", content=b"{not json", headers={**WRITE, "Content-Type": "application/json"}
                       ).status_code == 422


def test_api_guard_refuses_a_declared_length_over_the_limit(client: TestClient) -> None:
    resp = client.post("/screen", content=b"x" * 1001, headers={**WRITE, "Content-Type": "application/json"})
    assert resp.status_code == 413
    assert resp.json()["error"] == "PayloadTooLarge"
    assert "1000 bytes" in resp.json()["detail"]


def test_api_guard_counts_a_streamed_body(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(20):
            yield b" " * 100

    resp = client.post("/screen", content=chunks(), headers={**WRITE, "Content-Type": "application/json"})
    assert resp.status_code == 413
    assert resp.json()["error"] == "PayloadTooLarge"


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def _serve(port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENFORCEGRAPH_", "NEO4J_"))}
    env.update({"ENFORCEGRAPH_ENVIRONMENT": "test", "NEO4J_URI": f"bolt://127.0.0.1:{free_port()}",
                "ENFORCEGRAPH_NEO4J_CONNECT_TIMEOUT": "1", "ENFORCEGRAPH_WRITE_KEYS": '["w-key"]'})
    proc = subprocess.Popen([sys.executable, "-m", "enforcegraph.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise AssertionError("the API did not start")


@pytest.mark.parametrize("key", [None, "w-key"], ids=["no-key", "write-key"])
def test_api_guard_200_mb_streamed_body_leaves_server_memory_flat(key: str | None) -> None:
    port = free_port()
    proc = _serve(port)
    try:
        before = _rss_kib(proc.pid)
        sent = 0

        def body() -> Iterator[bytes]:
            nonlocal sent
            chunk = b"x" * (1 << 20)
            for _ in range(200):
                sent += len(chunk)
                yield chunk

        headers = {"Content-Type": "application/json"} | ({"X-API-Key": key} if key else {})
        resp = httpx.post(f"http://127.0.0.1:{port}/documents", content=body(), headers=headers, timeout=60)
        after = _rss_kib(proc.pid)
        assert resp.status_code == (401 if key is None else 413)
        assert (after - before) < 50 * 1024, f"RSS grew {(after - before) // 1024} MiB"
        print(f"RSS before {before // 1024} MiB, after {after // 1024} MiB, client sent {sent >> 20} MiB")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
