"""Faults during an ingest: Neo4j killed part-way, then restarted.

A server of its own (not the session's), so that killing it disturbs no other test. The ingest
retries the lost server for a short, configured time, then stops with one line that says how
many documents landed; after a restart the same command finishes the rest, and the graph is
the one an uninterrupted run builds.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator

import pytest

from enforcegraph import localneo4j
from enforcegraph.db import open_driver
from enforcegraph.settings import Settings
from queries import run
from tests.conftest import SAMPLE_CORPUS, cli, cli_env, local_server
from tests.helpers import snapshot

pytestmark = pytest.mark.neo4j


@pytest.fixture
def own_server() -> Iterator[Settings]:
    with local_server("faults") as settings:
        yield settings


def _java_pid(settings: Settings) -> int:
    return int(localneo4j.Layout.of(settings).pid_file.read_text().strip())


def test_ingest_neo4j_killed_midway_then_rerun_gives_the_same_graph(own_server: Settings) -> None:
    env = cli_env(own_server, ENFORCEGRAPH_INGEST_RETRY_SECONDS="3")
    args = cli("ingest", str(SAMPLE_CORPUS), "--quiet", "--batch-size", "2")
    driver = open_driver(own_server)
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=900, check=False)
        assert done.returncode == 0, done.stderr
        uninterrupted = snapshot(driver, own_server.neo4j_database)
        run(driver, "graph-clear")
        proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 600
        killed = False
        while time.monotonic() < deadline and proc.poll() is None:
            docs = [r for r in run(driver, "graph-counts") if r["name"] == "Document"]
            if docs and 0 < docs[0]["count"] < 20:
                os.kill(_java_pid(own_server), signal.SIGKILL)
                killed = True
                break
            time.sleep(0.05)
        _, err = proc.communicate(timeout=600)
        assert killed, "the ingest finished before the server could be killed"
        assert proc.returncode == 1, err
        assert "Traceback" not in err
        lost = [ln for ln in err.splitlines() if "Neo4j was lost" in ln]
        assert len(lost) == 1 and "running the same ingest again writes the rest" in lost[0], err
    finally:
        driver.close()
    localneo4j.stop(own_server)
    localneo4j.start(own_server)
    again = subprocess.run(args, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert again.returncode == 0, again.stderr
    driver = open_driver(own_server)
    try:
        assert snapshot(driver, own_server.neo4j_database) == uninterrupted
    finally:
        driver.close()
