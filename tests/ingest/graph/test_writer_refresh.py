"""The incremental refresh gives the graph a full recompute gives, without re-reading old reports.

A group updates the entities and events it reports from the summary kept on each node (lead-name
counts, per-date counts, source count, keys, members...) plus its own new reports; what lost a
report (a rewritten or removed document, a join) is recomputed from all its reports. These tests
write the check articles group by group and compare every node and relationship with the same
graph after ``graph-write-refresh-*`` recomputed every entity and event, and with the graph a writer
that recomputes everything writes, also after a rewritten and a removed document.
"""

from __future__ import annotations

import datetime as dt

import neo4j
import pytest

from ingest.graph.writer import GraphWriter
from ingest.records import Extraction
from queries import run
from tests.helpers import ROOT
from tests.sample_graph import sample_extractions

pytestmark = pytest.mark.neo4j

EXTRACTIONS = [*sample_extractions(), *sample_extractions(ROOT / "tests" / "fixtures" / "validation")]
NOW = dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC)
Facts = dict[tuple[str, str], dict[str, object]]


def facts(driver: neo4j.Driver) -> Facts:
    """Every node and relationship by kind and key, with its labels and properties."""
    return {(r["kind"], r["key"]): {"labels": sorted(r["labels"]), **r["props"]} for r in run(driver, "graph-snapshot")}


def recomputed(driver: neo4j.Driver) -> Facts:
    """The graph after every entity and event was recomputed from all its reports."""
    ids = [k for (kind, k), v in facts(driver).items()
           if kind == "node" and {"Entity", "EnforcementEvent"} & set(v["labels"])]  # type: ignore[arg-type]
    run(driver, "graph-write-refresh-entities", ids=ids, docIds=[], restored={})
    run(driver, "graph-write-refresh-events", ids=ids, docIds=[])
    return facts(driver)


def differences(a: Facts, b: Facts) -> list[object]:
    keys = sorted(set(a) | set(b), key=str)
    return [(k, {p: (a.get(k, {}).get(p), b.get(k, {}).get(p)) for p in {*a.get(k, {}), *b.get(k, {})}
                 if a.get(k, {}).get(p) != b.get(k, {}).get(p)}) for k in keys if a.get(k) != b.get(k)]


def copy_of(extraction: Extraction, new_id: str) -> Extraction:
    return extraction.model_copy(update={"document": extraction.document.model_copy(update={"id": new_id})})


def rewritten(extraction: Extraction) -> Extraction:
    """The same document read differently: an alias more, the first entity gone, events surer."""
    entities = [e.model_copy(update={"aliases": [*e.aliases, f"{e.name} Rewritten"]}) for e in extraction.entities[1:]]
    events = [e.model_copy(update={"confidence": min(1.0, e.confidence + 0.01)}) for e in extraction.events]
    return extraction.model_copy(update={"entities": entities, "events": events})


def busiest(driver: neo4j.Driver, label: str) -> tuple[str, int]:
    nodes = [(k, v) for (kind, k), v in facts(driver).items() if kind == "node" and label in v["labels"]]  # type: ignore[operator]
    key, props = max(nodes, key=lambda kv: (kv[1]["sourceCount"], kv[0]))  # type: ignore[arg-type,return-value]
    return key, int(props["sourceCount"])  # type: ignore[call-overload]


def reporting(entity_or_event: str) -> Extraction:
    """The first check article whose graph reports this node (its id comes from the rows)."""
    from ingest.graph.rows import plan

    for ex in EXTRACTIONS:
        rows = plan(ex, ingested_at=NOW)
        if entity_or_event in rows.node_ids():
            return ex
    raise AssertionError(f"no article reports {entity_or_event}")


@pytest.fixture
def written(clean_graph: neo4j.Driver) -> neo4j.Driver:
    GraphWriter(clean_graph, group_size=25).write(EXTRACTIONS, now=NOW)
    return clean_graph


def test_writer_refresh_incremental_equals_full_recompute(written: neo4j.Driver) -> None:
    """Written in groups of 25 (later groups add to hubs' kept summaries): every property of every
    node equals what recomputing every entity and event from all its reports gives."""
    graph = facts(written)
    nodes = [v for (kind, _), v in graph.items() if kind == "node"]
    assert sum(1 for v in nodes if "Entity" in v["labels"]) > 100  # type: ignore[operator]
    assert max(int(v.get("sourceCount") or 0) for v in nodes) >= 5  # type: ignore[call-overload]
    assert all(v.get("leadNameCounts") for v in nodes if "Entity" in v["labels"])  # type: ignore[operator]
    assert not differences(graph, recomputed(written))


def test_writer_refresh_incremental_equals_full_writer(clean_graph: neo4j.Driver) -> None:
    """The same articles through a writer that recomputes everything it touches: the same graph,
    and after a rewritten document (with a new article in its group) and a removed one too."""
    target = rewritten(EXTRACTIONS[3])
    later = [copy_of(EXTRACTIONS[0], "new-article-1"), target]
    graphs = []
    for full in (False, True):
        run(clean_graph, "graph-clear")
        writer = GraphWriter(clean_graph, group_size=25, full_refresh=full)
        writer.write(EXTRACTIONS, now=NOW)
        writer.write(later, now=NOW)
        after_rewrite = facts(clean_graph)
        assert writer.remove([EXTRACTIONS[5].document.id]) >= 0
        graphs.append((after_rewrite, facts(clean_graph)))
    assert not differences(graphs[0][0], graphs[1][0])
    assert not differences(graphs[0][1], graphs[1][1])
    assert not differences(graphs[0][1], recomputed(clean_graph))
    names = {v.get("name") for (kind, _), v in graphs[0][0].items() if kind == "node"}
    aliases = {a for (kind, _), v in graphs[0][0].items() if kind == "node" for a in v.get("aliases") or []}  # type: ignore[attr-defined]
    assert any(str(a).endswith(" Rewritten") for a in aliases | names)


def test_writer_refresh_rewrite_and_removal_equal_full_recompute(written: neo4j.Driver) -> None:
    writer = GraphWriter(written, group_size=25)
    writer.write([rewritten(EXTRACTIONS[3]), copy_of(EXTRACTIONS[7], "new-article-2")], now=NOW)
    assert not differences(facts(written), recomputed(written))
    writer.remove([EXTRACTIONS[7].document.id, EXTRACTIONS[10].document.id])
    assert not differences(facts(written), recomputed(written))


def test_writer_refresh_new_reports_do_not_reread_old_ones(written: neo4j.Driver) -> None:
    """A new article adds to the hub's kept source count: a count set by hand stays off by what it
    was off (the old reports were not read again); the full recompute repairs it."""
    writer = GraphWriter(written, group_size=25)
    for n, label in enumerate(("Entity", "EnforcementEvent")):
        node, count = busiest(written, label)
        written.execute_query("MATCH (n {id: $id}) SET n.sourceCount = n.sourceCount + 1000", id=node)
        writer.write([copy_of(reporting(node), f"new-article-{n}")], now=NOW)  # one report more
        assert facts(written)[("node", node)]["sourceCount"] == count + 1000 + 1
        assert recomputed(written)[("node", node)]["sourceCount"] == count + 1


def test_writer_refresh_node_without_summary_is_recomputed(written: neo4j.Driver) -> None:
    """An entity or event from an older graph (no kept summary) is recomputed when a group reports it."""
    writer = GraphWriter(written, group_size=25)
    for n, label in enumerate(("Entity", "EnforcementEvent")):
        node, count = busiest(written, label)
        written.execute_query("MATCH (n {id: $id}) SET n.sourceCount = 1000 REMOVE n.leadNames, n.leadNameCounts, "
                              "n.reportedDates, n.reportedDateCounts", id=node)
        writer.write([copy_of(reporting(node), f"new-article-{n}")], now=NOW)
        assert facts(written)[("node", node)]["sourceCount"] == count + 1
    assert not differences(facts(written), recomputed(written))
