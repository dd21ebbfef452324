"""Tombstone compaction on the live Neo4j: old tombstones go, recent ones stay, deltas stay right."""

from __future__ import annotations

import datetime as dt
import subprocess
import time

import neo4j
import pyoxigraph as ox
import pytest

from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from ontology.errors import OptionError
from queries import tombstones
from queries.export import GraphRows
from tests.helpers import READ, cli, cli_env, started
from tests.queries.test_export_delta import _quads, apply_delta
from tests.sample_graph import SAMPLE_CORPUS, ingested_extractions

pytestmark = [pytest.mark.neo4j, pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _when(row: dict[str, object]) -> dt.datetime:
    return row["removedAt"].to_native()  # type: ignore[attr-defined, no-any-return]


def test_tombstones_compact_keeps_recent_ones_and_deltas_after_the_cutoff(
        clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    writer = GraphWriter(clean_graph, database=db)
    extractions = list(ingested_extractions())
    assert writer.write(extractions).failed == []
    first, second = extractions[0].document.id, extractions[1].document.id
    writer.remove([first])  # an old removal
    time.sleep(1.1)
    cutoff = dt.datetime.now(dt.UTC)
    time.sleep(1.1)
    old = _quads(clean_graph, neo4j_settings)
    writer.remove([second])  # a recent one
    rows = GraphRows(clean_graph, db)
    every = rows.tombstones(EPOCH)
    older = [t for t in every if _when(t) < cutoff]
    recent = [t for t in every if _when(t) >= cutoff]
    assert {t["id"] for t in older if t["kind"] == "document"} == {first}
    assert {t["id"] for t in recent if t["kind"] == "document"} == {second}
    delta_before = _quads(clean_graph, neo4j_settings, changed_since=cutoff)

    done = tombstones.compact(clean_graph, cutoff, database=db, batch=3)  # a small batch: several transactions

    assert done.deleted == len(older) > 3
    assert done.horizon == cutoff
    assert rows.tombstones(EPOCH) == recent
    assert rows.tombstone_horizon() == cutoff
    # a delta from the cutoff on is what it was, and old + delta = new still holds
    delta_after = _quads(clean_graph, neo4j_settings, changed_since=cutoff)
    assert set(delta_after) == set(delta_before)
    expected = ox.Store()
    expected.extend(_quads(clean_graph, neo4j_settings))
    assert apply_delta(old, delta_after) == set(expected)
    # a delta from before the cutoff would miss the first removal: refused, naming the time
    with pytest.raises(OptionError, match="compacted"):
        _quads(clean_graph, neo4j_settings, changed_since=cutoff - dt.timedelta(seconds=1))
    # over HTTP: a 422 saying why, before any byte of the body
    with started(neo4j_settings) as client:
        early = (cutoff - dt.timedelta(seconds=1)).isoformat()
        refused = client.get("/export", params={"format": "nquads", "changed_since": early}, headers=READ)
        assert refused.status_code == 422
        assert "were compacted" in refused.json()["detail"]
        fine = client.get("/export", params={"format": "nquads", "changed_since": cutoff.isoformat()}, headers=READ)
        assert fine.status_code == 200 and "invalidatedAtTime" in fine.text
    # the mark only moves forward
    again = tombstones.compact(clean_graph, cutoff - dt.timedelta(days=1), database=db)
    assert (again.deleted, again.horizon) == (0, cutoff)


def test_tombstones_cli_compacts_by_retention_and_refuses_a_bad_time(
        clean_graph: neo4j.Driver, neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    writer = GraphWriter(clean_graph, database=db)
    extractions = list(ingested_extractions())[:3]
    assert writer.write(extractions).failed == []
    writer.remove([extractions[0].document.id])
    count = len(GraphRows(clean_graph, db).tombstones(EPOCH))
    env = cli_env(neo4j_settings)
    kept = subprocess.run(cli("compact-tombstones"), capture_output=True, text=True, timeout=120, env=env)
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.startswith("deleted 0 tombstones")  # the default retention (90 days) keeps today's
    gone = subprocess.run(cli("compact-tombstones", "--retention-days", "0"), capture_output=True, text=True,
                          timeout=120, env=env)
    assert gone.returncode == 0, gone.stderr
    assert gone.stdout.startswith(f"deleted {count} tombstones") and count > 0
    assert GraphRows(clean_graph, db).tombstones(EPOCH) == []
    bad = subprocess.run(cli("compact-tombstones", "--before", "yesterday"), capture_output=True, text=True,
                         timeout=120, env=env)
    assert bad.returncode == 2
    assert bad.stderr.strip() == "enforcegraph compact-tombstones: --before 'yesterday': expected an ISO 8601 date-time"
