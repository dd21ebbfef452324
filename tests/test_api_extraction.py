"""The API's extraction pool: a worker that cannot work fails its request's documents, not the server."""

from __future__ import annotations

import asyncio

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.extraction import QUEUE_PER_WORKER, ExtractionPool, WorkerLost
from enforcegraph.localneo4j import free_port
from enforcegraph.settings import Settings
from ingest.records import Document


def test_api_extraction_dead_worker_is_worker_lost_and_the_pool_is_rebuilt() -> None:
    # a pipeline that does not exist makes every worker die in its initializer
    pool = ExtractionPool("no_such_spacy_pipeline", 1)
    docs = [Document(id="d1", text="Police raided the office.")]
    try:
        with pytest.raises(WorkerLost, match="extraction worker stopped"):
            asyncio.run(asyncio.wait_for(pool.extract(docs), 120))
        assert pool._pool is None  # the broken pool was dropped; the next request starts a new one
    finally:
        pool.close()


def _app_settings() -> Settings:
    return Settings(_env_file=None, environment="test", neo4j_uri=f"bolt://127.0.0.1:{free_port()}",  # type: ignore[call-arg]
                        neo4j_connect_timeout=1.0, write_keys=["w"], spacy_model="no_such_spacy_pipeline",
                        api_extract_workers=1)


def test_api_extraction_dead_worker_lists_the_documents_as_failed() -> None:
    with TestClient(create_app(_app_settings())) as client:
        resp = client.post("/documents", headers={"X-API-Key": "w"},
                           json={"documents": [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}]})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["written"] == [] and [f["id"] for f in body["failed"]] == ["a", "b"]
    assert all("extraction worker stopped" in f["reason"] for f in body["failed"])


def test_api_extraction_full_queue_is_503_with_retry_after() -> None:
    with TestClient(create_app(_app_settings())) as client:
        pool = client.app.state.extraction_pool  # type: ignore[attr-defined]
        pool._pending = 1 + QUEUE_PER_WORKER  # as if that many requests were waiting for the one worker
        resp = client.post("/documents", headers={"X-API-Key": "w"}, json={"documents": [{"id": "a", "text": "x"}]})
        assert pool._pool is None  # refused before any worker was started
    assert resp.status_code == 503
    assert resp.headers["Retry-After"].isdigit() and resp.json()["error"] == "ExtractionBusy"
