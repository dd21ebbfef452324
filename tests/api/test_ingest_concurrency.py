"""``POST /documents`` holds no lock that reads or other writers wait on.

A request with long articles keeps an extraction worker busy for many seconds; meanwhile a
read is answered and a second, short ingest is extracted by the other worker and written,
all before the long one finishes (under the old global lock, the short one waited for it).
"""

from __future__ import annotations

import threading
import time
from typing import Any

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from enforcegraph.settings import Settings
from tests.helpers import READ, WRITE, api_settings

pytestmark = pytest.mark.neo4j

SENTENCE = ("Officers of the Qingdao State Security Bureau raided the Qingdao office of Fjordline Analytics {n}, "
            "a Norwegian shipping consultancy, on Tuesday, the company said. ")
SHORT = {"id": "concurrency-short", "published": "2024-05-02",
         "text": "Police in Beijing raided the office of Mintz Group on Tuesday, the company said."}


def _long_documents() -> list[dict[str, Any]]:
    return [{"id": f"concurrency-long-{d}", "published": "2024-05-02",
             "text": "".join(SENTENCE.format(n=f"{d}-{i}") for i in range(50))} for d in range(30)]


def test_api_ingest_concurrency_reads_and_a_second_ingest_pass_a_long_one(
        clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    settings = api_settings(neo4j_settings).model_copy(update={"api_extract_workers": 2})
    done: dict[str, float] = {}
    answers: dict[str, Any] = {}
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:

        def post(name: str, documents: list[dict[str, Any]]) -> None:
            answers[name] = client.post("/documents", headers=WRITE, json={"documents": documents})
            done[name] = time.monotonic()

        assert client.get("/entities", params={"q": "x"}, headers=READ).status_code == 200  # driver warmed up
        slow = threading.Thread(target=post, args=("long", _long_documents()))
        slow.start()
        try:
            time.sleep(1.0)
            read_started = time.monotonic()
            read = client.get("/entities", params={"q": "Fjordline"}, headers=READ)
            read_took = time.monotonic() - read_started
            long_done_before_read = "long" in done
            post("short", [SHORT])
        finally:
            slow.join(timeout=600)
    print(f"read {read_took:.2f} s; short done {done['long'] - done['short']:.1f} s before the long one")
    assert read.status_code == 200, read.text
    assert not long_done_before_read, "the long ingest finished too soon to show anything"
    # generous: the machine may be busy, but the read must not wait for the long extraction
    assert read_took < 10.0, f"a read waited {read_took:.1f} s behind an ingest"
    assert answers["short"].status_code == 200, answers["short"].text
    assert answers["short"].json()["written"] == ["concurrency-short"]
    assert answers["long"].status_code == 200, answers["long"].text
    assert len(answers["long"].json()["written"]) == 30
    assert done["short"] < done["long"], "the short ingest waited for the long one"
