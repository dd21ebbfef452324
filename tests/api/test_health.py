"""``GET /health`` against the live server, and 503 with Retry-After when Neo4j is gone."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from enforcegraph.localneo4j import free_port
from enforcegraph.settings import Settings

pytestmark = pytest.mark.neo4j


def test_api_health_reports_neo4j_version(neo4j_settings: Settings) -> None:
    with TestClient(create_app(neo4j_settings)) as client:
        resp = client.get("/health")
    assert resp.status_code == 200
    body = resp.json()
    assert body["status"] == "ok"
    assert body["neo4j"].startswith("5.26")
    assert body["neo4j_edition"] == "community"


def test_api_health_is_503_with_retry_after_when_neo4j_is_unreachable(neo4j_settings: Settings) -> None:
    down = neo4j_settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{free_port()}",
                                             "neo4j_connect_timeout": 2.0})
    with TestClient(create_app(down), raise_server_exceptions=False) as client:
        resp = client.get("/health")
    assert resp.status_code == 503
    assert resp.headers["Retry-After"].isdigit()
    assert "Traceback" not in resp.text
