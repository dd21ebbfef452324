"""``GET /export`` cut mid-stream: the client must see a failure, never a clean truncated 200.

A real uvicorn server talks to the test session's Neo4j through a TCP proxy in this test; the
proxy forwards Bolt traffic until a byte budget is spent, then drops every connection and
refuses new ones - what a Neo4j crash or a network cut looks like to the API.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import neo4j
import pytest
import uvicorn
from pydantic import SecretStr

from api.app import create_app
from enforcegraph.localneo4j import free_port
from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from tests.sample_graph import SAMPLE_CORPUS, ingested_extractions

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

KEY = "stream-test-read-key"


class CuttingProxy:
    """Forwards 127.0.0.1:port to the Neo4j port; after ``budget`` bytes from the server, cuts everything."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.budget: int | None = None
        self.from_server = 0
        self.cut = threading.Event()
        self.lock = threading.Lock()
        self.sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _addr = self.listener.accept()
            except OSError:
                return
            if self.cut.is_set():
                client.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        try:
            while not self.cut.is_set():
                data = src.recv(16384)
                if not data:
                    break
                if from_server:
                    with self.lock:
                        self.from_server += len(data)
                        over = self.budget is not None and self.from_server > self.budget
                    if over:
                        self.cut_all()
                        return
                dst.sendall(data)
        except OSError:
            pass
        finally:
            src.close()
            dst.close()

    def cut_all(self) -> None:
        self.cut.set()
        with self.lock:
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self.cut_all()
        self.listener.close()


@pytest.fixture
def served(clean_graph: neo4j.Driver, neo4j_settings: Settings) -> Iterator[tuple[str, CuttingProxy]]:
    report = GraphWriter(clean_graph, database=neo4j_settings.neo4j_database).write(list(ingested_extractions()))
    assert report.failed == []
    proxy = CuttingProxy(neo4j_settings.neo4j_bolt_port)
    settings = neo4j_settings.model_copy(update={
        "neo4j_uri": f"bolt://127.0.0.1:{proxy.port}", "read_keys": [SecretStr(KEY)], "export_page_size": 3,
        "neo4j_connect_timeout": 2.0})
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the API did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", proxy
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        proxy.close()


def _download(base: str) -> tuple[int, bytes, Exception | None]:
    body = bytearray()
    with httpx.stream("GET", f"{base}/export", params={"format": "ntriples"}, headers={"X-API-Key": KEY},
                      timeout=60) as resp:
        try:
            for chunk in resp.iter_bytes():
                body += chunk
        except httpx.HTTPError as exc:
            return resp.status_code, bytes(body), exc
        return resp.status_code, bytes(body), None


def test_api_export_stream_cut_mid_way_is_an_error_the_client_sees(served: tuple[str, CuttingProxy]) -> None:
    base, proxy = served
    proxy.from_server = 0
    status, whole, error = _download(base)  # the control: the same export, not cut
    assert status == 200 and error is None
    assert whole.endswith(b" .\n") and b"FAILED" not in whole
    full_bytes = proxy.from_server
    assert len(whole) > 3 * 64 * 1024, "the export must span several chunks for a cut to fall mid-stream"

    proxy.from_server = 0
    proxy.budget = full_bytes // 2
    status, cut, error = _download(base)
    assert proxy.cut.is_set()
    assert status == 200, "the response had started before the cut"
    assert 0 < len(cut) < len(whole)
    assert isinstance(error, httpx.RemoteProtocolError), f"the truncated body must end in an error, got {error!r}"
    assert b"enforcegraph export FAILED part-way" in cut.splitlines()[-1]
    # what did arrive is whole statements of the real export, cut at a line
    lines = cut.splitlines()[:-1]
    assert lines and set(line for line in lines if line) <= set(whole.splitlines())
