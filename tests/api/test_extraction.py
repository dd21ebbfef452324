"""POST /documents goes through the CLI's runner: bad items alone refused, judgements kept,
unchanged documents skipped, an unusable pipeline reported per document, a full queue a 503."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.extraction import QUEUE_PER_WORKER
from enforcegraph.settings import Settings
from queries import run
from tests.helpers import READ, WRITE, api_settings

pytestmark = pytest.mark.neo4j

FIRM = "Officers of the Suzhou State Security Bureau searched the office of Falkenried Consulting on Tuesday."


def _post(client: TestClient, documents: list[object]) -> dict[str, object]:
    body = json.dumps({"documents": documents})  # ASCII escapes carry a lone surrogate as JSON allows
    resp = client.post("/documents", headers={**WRITE, "Content-Type": "application/json"}, content=body)
    assert resp.status_code == 200, resp.text
    answer: dict[str, object] = resp.json()
    return answer


def test_api_extraction_bad_items_fail_alone_and_unchanged_ones_are_skipped(
        clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    good = {"id": "api-good", "published": "2024-03-15", "text": FIRM}
    bad = [{"id": "api-empty", "text": ""}, {"id": "bad\u0000id", "text": FIRM}, {"text": FIRM},
           {"id": "api-huge", "text": "x " * 150_000}, "not an object"]
    hostile = [{"id": "api-ctrl", "text": FIRM.replace("searched", "sear\u0000ched\u001b[2J")},  # cleaned, kept
               {"id": "api-surrogate", "text": FIRM + " \ud800"},
               {"id": "api-conj", "text": "Police in Minsk detained " + ", ".join(
                   f"Anna Belova-{i}" for i in range(1000)) + " and Pavel Orlov on Monday."}]
    with TestClient(create_app(api_settings(neo4j_settings))) as client:
        first = _post(client, [*bad, good, *hostile])
        assert sorted(first["written"]) == ["api-conj", "api-ctrl", "api-good", "api-surrogate"]  # type: ignore[arg-type]
        failed = first["failed"]
        assert isinstance(failed, list) and len(failed) == len(bad)
        ids = [f["id"] for f in failed]
        assert ids[0] == "api-empty" and ids[2:] == ["documents[2]", "api-huge", "documents[4]"]
        assert all(f["reason"] for f in failed)
        again = _post(client, [good])
        assert again["written"] == [] and again["unchanged"] == 1
        xml = client.get("/export", params={"format": "xml"}, headers=READ)  # NUL and ESC were cleaned away
        assert xml.status_code == 200 and ElementTree.fromstring(xml.content) is not None  # noqa: S314 - our own export
    assert {r["id"] for r in run(clean_graph, "document-states", ids=["api-good"])} == {"api-good"}


def _people(driver: neo4j.Driver, name: str) -> list[dict[str, object]]:
    return [r["props"] for r in run(driver, "graph-snapshot") if r["kind"] == "node" and "Person" in r["labels"]
            and r["props"]["name"] == name]


def test_api_extraction_respects_a_judgement(clean_graph: neo4j.Driver, neo4j_settings: Settings,
                                             tmp_path: Path) -> None:
    docs = [{"id": "j-a", "published": "2024-04-30",
             "text": "Police in Shanghai detained Anna Kovacs, a Hungarian analyst, on Monday."},
            {"id": "j-b", "published": "2024-05-03",
             "text": "Prosecutors in Shanghai charged Anna Kovacs with espionage on Thursday."}]
    judgements = tmp_path / "judgements.json"
    settings = api_settings(neo4j_settings).model_copy(update={"judgements_path": judgements})
    with TestClient(create_app(settings)) as client:
        _post(client, docs)
        [person] = _people(clean_graph, "Anna Kovacs")  # one person: the same full name in two reports
        members = person["memberIds"]
        assert isinstance(members, list) and len(members) == 2
        judgements.write_text(json.dumps({"same": [], "different": [members]}))
        run(clean_graph, "graph-clear")
        _post(client, docs)
    assert len(_people(clean_graph, "Anna Kovacs")) == 2  # the judgement keeps them apart, as for the CLI


def test_api_extraction_unloadable_pipeline_lists_the_documents_as_failed(
        clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    settings = api_settings(neo4j_settings).model_copy(update={"spacy_model": "no_such_spacy_pipeline"})
    with TestClient(create_app(settings)) as client:
        body = _post(client, [{"id": "a", "text": "One."}, {"id": "b", "text": "Two."}])
    assert body["written"] == [] and [f["id"] for f in body["failed"]] == ["a", "b"]  # type: ignore[union-attr]
    assert all("'no_such_spacy_pipeline' cannot be loaded" in f["reason"] for f in body["failed"])  # type: ignore[union-attr]


def test_api_extraction_full_queue_is_503_with_retry_after(neo4j_settings: Settings) -> None:
    with TestClient(create_app(api_settings(neo4j_settings))) as client:
        pool = client.app.state.extraction_pool  # type: ignore[attr-defined]
        pool._pending = pool.workers * (1 + QUEUE_PER_WORKER)  # as if that many requests were waiting
        resp = client.post("/documents", headers=WRITE, json={"documents": [{"id": "a", "text": "x"}]})
        assert pool.started == 0  # refused before any worker was started
    assert resp.status_code == 503
    assert resp.headers["Retry-After"].isdigit() and resp.json()["error"] == "ExtractionBusy"
