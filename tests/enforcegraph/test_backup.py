"""``enforcegraph backup`` / ``restore``: the sample graph survives a round trip unchanged.

Runs the CLI as a user would against the session's Neo4j: ingest, back up, clear (which needs
``--allow-write``), restore, and compare every node and relationship with its properties; then
the refusals: an existing file, a graph that is not empty, a truncated or tampered backup.
"""

from __future__ import annotations

import gzip
import json
import os
import stat
import subprocess
from pathlib import Path
from typing import Any

import neo4j
import pytest

from enforcegraph import backup
from enforcegraph.settings import Settings
from queries import run
from tests.helpers import cli, cli_env, write_sample

pytestmark = pytest.mark.neo4j


def _snapshot(driver: neo4j.Driver, database: str) -> list[str]:
    rows = run(driver, "graph-snapshot", database=database)
    return sorted(json.dumps(r, sort_keys=True, default=repr) for r in rows)


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), env=cli_env(settings), capture_output=True, text=True, timeout=300)


def _one_line_error(proc: subprocess.CompletedProcess[str], status: int, words: str) -> None:
    assert proc.returncode == status, proc.stderr
    assert proc.stderr.count("\n") == 1 and words in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_backup_round_trip_gives_the_same_graph(clean_graph: neo4j.Driver, neo4j_settings: Settings,
                                                tmp_path: Path) -> None:
    db = neo4j_settings.neo4j_database
    write_sample(clean_graph, db)
    before = _snapshot(clean_graph, db)
    assert len(before) > 50
    path = tmp_path / "graph.jsonl.gz"
    made = _cli(neo4j_settings, "backup", str(path))
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    _one_line_error(_cli(neo4j_settings, "backup", str(path)), 2, "exists")

    _one_line_error(_cli(neo4j_settings, "query", "graph-clear"), 2, "--allow-write")
    assert _cli(neo4j_settings, "query", "graph-clear", "--allow-write").returncode == 0
    assert run(clean_graph, "graph-counts", database=db) == []

    restored = _cli(neo4j_settings, "restore", str(path))
    assert restored.returncode == 0, restored.stderr
    assert _snapshot(clean_graph, db) == before

    _one_line_error(_cli(neo4j_settings, "restore", str(path)), 2, "not empty")
    assert _cli(neo4j_settings, "restore", "--replace", str(path)).returncode == 0
    assert _snapshot(clean_graph, db) == before


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return f.read().splitlines()


def test_backup_refuses_truncated_and_tampered_files(clean_graph: neo4j.Driver, neo4j_settings: Settings,
                                                     tmp_path: Path) -> None:
    db = neo4j_settings.neo4j_database
    write_sample(clean_graph, db)
    path = tmp_path / "graph.jsonl"
    backup.backup(clean_graph, path, database=db)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["end"]["nodes"] > 0

    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(lines[: len(lines) // 2]) + "\n", encoding="utf-8")
    _one_line_error(_cli(neo4j_settings, "restore", "--replace", str(cut)), 1, "truncated")

    evil: dict[str, Any] = json.loads(lines[1])
    evil["node"]["labels"] = ["Document", "Admin`) DETACH DELETE n //"]
    bad = tmp_path / "evil.jsonl"
    bad.write_text("\n".join([lines[0], json.dumps(evil), *lines[2:]]) + "\n", encoding="utf-8")
    _one_line_error(_cli(neo4j_settings, "restore", "--replace", str(bad)), 1, "not in the ontology")

    other = tmp_path / "other.jsonl"
    other.write_text('{"hello": 1}\n', encoding="utf-8")
    _one_line_error(_cli(neo4j_settings, "restore", "--replace", str(other)), 1, "not an enforcegraph backup")


def test_backup_restore_of_an_older_backup_links_the_name_keys(clean_graph: neo4j.Driver, neo4j_settings: Settings,
                                                              tmp_path: Path) -> None:
    """A backup written before the NameKey nodes existed (none in the file): restoring it gives them,
    the same as the graph they were backed up from (resolution seeks its candidates through them)."""
    db = neo4j_settings.neo4j_database
    write_sample(clean_graph, db)
    before = _snapshot(clean_graph, db)
    assert any('"NameKey"' in row for row in before)
    path = tmp_path / "graph.jsonl"
    backup.backup(clean_graph, path, database=db)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    keys = {r["node"]["key"] for r in records if "node" in r and r["node"]["labels"] == ["NameKey"]}
    older = [r for r in records if not ("node" in r and r["node"]["key"] in keys)
             and not ("rel" in r and r["rel"]["type"] == "HAS_NAME_KEY")]
    nodes, rels = sum(1 for r in older if "node" in r), sum(1 for r in older if "rel" in r)
    older[-1] = {"end": {"nodes": nodes, "relationships": rels}}
    old = tmp_path / "older.jsonl"
    old.write_text("".join(json.dumps(r) + "\n" for r in older), encoding="utf-8")
    assert backup.restore(clean_graph, old, database=db, replace=True) == (nodes, rels)
    assert _snapshot(clean_graph, db) == before


def test_backup_values_round_trip_through_their_tags() -> None:
    from neo4j.time import Date, DateTime, Duration

    values = [DateTime(2024, 5, 2, 13, 4, 5, 123456789, tzinfo=__import__("datetime").UTC), Date(2021, 6, 18),
              Duration(days=3, seconds=4), b"\x00\xff", ["a", "b"], 1.5, 7, True, None]
    for value in values:
        assert backup.decode(json.loads(json.dumps(backup.encode(value)))) == value
    with pytest.raises(ValueError, match="unknown tagged value"):
        backup.decode({"$evil": "x"})
