"""The FollowTheMoney export (live Neo4j): every line loads with the `followthemoney` library and
validates against its schema, references resolve, topics come from the events, and the CLI and the
API write the same entities."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from enforcegraph.settings import Settings
from tests.conftest import cli, cli_env
from tests.helpers import READ
from tests.sample_graph import SAMPLE_CORPUS

ftm = pytest.importorskip("followthemoney")
from followthemoney import model  # noqa: E402
from followthemoney.exc import InvalidData  # noqa: E402

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]


@pytest.fixture(scope="module")
def lines(client: TestClient) -> list[dict[str, Any]]:
    resp = client.get("/export/ftm", headers=READ)
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in resp.text.splitlines()]


def check_entity(data: dict[str, Any]) -> None:
    """As strict as FtM can be: a known schema, known properties, valid values, required ones present."""
    schema = model.get(data["schema"])
    assert schema is not None and not schema.abstract, data
    proxy = model.get_proxy(data, cleaned=False)
    assert proxy.id == data["id"]
    for prop, values in data["properties"].items():
        assert prop in schema.properties, (data["schema"], prop)
        assert values and all(isinstance(v, str) for v in values), (prop, values)
        for value in values:
            assert schema.properties[prop].type.validate(value), (data["id"], prop, value)
    for prop in schema.required:
        assert data["properties"].get(prop), (data["id"], "missing", prop)
    try:
        schema.validate(data)
    except InvalidData as exc:  # pragma: no cover - the message is what a failure needs
        raise AssertionError(f"{data['id']}: {exc}") from None


def test_ftm_every_line_validates_against_its_schema(lines: list[dict[str, Any]]) -> None:
    assert lines
    for data in lines:
        check_entity(data)
        assert data["datasets"] == ["enforcegraph"]
    ids = [d["id"] for d in lines]
    assert len(ids) == len(set(ids))
    kinds = Counter(d["schema"] for d in lines)
    assert {"Company", "Person", "PublicBody", "Organization", "Event", "Sanction"} <= set(kinds), kinds


def test_ftm_references_resolve_and_topics_come_from_events(lines: list[dict[str, Any]]) -> None:
    by_id = {d["id"]: d for d in lines}
    for d in lines:
        for prop in ("entity", "involved", "organizer"):
            for ref in d["properties"].get(prop, []):
                assert ref in by_id, (d["id"], prop, ref)
    named = {d["properties"]["name"][0]: d for d in lines if d["schema"] != "Event" and "name" in d["properties"]}
    mintz = named["Mintz Group"]
    assert mintz["schema"] == "Company" and mintz["target"] is True
    assert {"reg.action", "crime"} <= set(mintz["properties"]["topics"])
    assert mintz["properties"]["country"] == ["us"]
    sanctioned = {by_id[s["properties"]["entity"][0]]["properties"]["name"][0] for s in lines
                  if s["schema"] == "Sanction"}
    assert sanctioned and all("sanction" in named[n]["properties"]["topics"] for n in sanctioned)
    raids = [d for d in lines if d["schema"] == "Event" and d["properties"].get("keywords") == ["Raid"]]
    assert raids and all(d["properties"]["topics"] == ["reg.action"] for d in raids)
    assert any(d["properties"].get("summary") and d["properties"].get("sourceUrl") for d in raids)
    assert all("gov" in d["properties"].get("topics", []) for d in lines if d["schema"] == "PublicBody")


def test_ftm_cli_writes_the_same_entities(lines: list[dict[str, Any]], neo4j_settings: Settings,
                                          tmp_path: Path) -> None:
    out = tmp_path / "graph.ftm.json"
    proc = subprocess.run(cli("export-ftm", "--out", str(out), "--batch-size", "7"), capture_output=True,
                          text=True, timeout=180, env=cli_env(neo4j_settings))
    assert proc.returncode == 0, proc.stderr
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == lines  # paging in sevens loses and repeats nothing
    assert f"exported {len(lines)} FtM entities" in proc.stderr
    bad = subprocess.run(cli("export-ftm", "--out", str(tmp_path / "missing" / "x.json")), capture_output=True,
                         text=True, timeout=60, env=cli_env(neo4j_settings))
    assert bad.returncode != 0 and "does not exist" in bad.stderr and "Traceback" not in bad.stderr
