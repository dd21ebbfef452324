"""The NameKey nodes resolution seeks its candidates through stay exactly the entities' name keys.

``entity-candidates`` finds the entities sharing a name key with a group's reports through one
``(:NameKey {key})`` node per key (a uniqueness index seek) and the ``HAS_NAME_KEY`` links to it,
instead of scanning every entity. That is only correct while the links are exactly what every
entity's ``nameKeys`` hold and no key node is left without an entity: these tests check that after
writes, rewrites, removals, joins and an unmerge, that the seek sees the transaction's own writes,
and that a graph written before the key nodes existed gets them when the schema is applied.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import threading

import neo4j
import pytest

from ingest.graph.entity_resolution import Judgements
from ingest.graph.rows import plan
from ingest.graph.writer import GraphWriter, WriteReport, write_rows
from ingest.records import Extraction
from queries import export, run, schema
from tests.helpers import ROOT, firm_doc, firms
from tests.sample_graph import sample_extractions

pytestmark = pytest.mark.neo4j

NOW = dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC)
EXTRACTIONS = [*sample_extractions(), *sample_extractions(ROOT / "tests" / "fixtures" / "validation")]


def key_state(driver: neo4j.Driver) -> tuple[set[tuple[str, str]], set[tuple[str, str]], set[str]]:
    """(entity id, key) pairs the entities' nameKeys hold; the HAS_NAME_KEY links; the NameKey nodes."""
    held: set[tuple[str, str]] = set()
    links: set[tuple[str, str]] = set()
    nodes: set[str] = set()
    for r in run(driver, "graph-snapshot"):
        if r["kind"] == "node" and "Entity" in r["labels"]:
            held |= {(r["key"], k) for k in r["props"].get("nameKeys") or []}
        elif r["kind"] == "node" and "NameKey" in r["labels"]:
            nodes.add(r["props"]["key"])
        elif r["kind"] == "relationship" and r["labels"] == ["HAS_NAME_KEY"]:
            entity, _, key = r["key"].partition(" -> key:")
            links.add((entity, key))
    return held, links, nodes


def assert_in_step(driver: neo4j.Driver) -> int:
    """The links are exactly the entities' name keys and every key node has an entity; returns how many."""
    held, links, nodes = key_state(driver)
    assert links == held, (sorted(held - links)[:5], sorted(links - held)[:5])
    assert nodes == {k for _, k in held}, sorted(nodes ^ {k for _, k in held})[:5]
    return len(held)


def rewritten(extraction: Extraction) -> Extraction:
    """The same document read differently: an alias more for every entity but the first, which goes."""
    entities = [e.model_copy(update={"aliases": [*e.aliases, f"{e.name} Renamed"]}) for e in extraction.entities[1:]]
    return extraction.model_copy(update={"entities": entities})


def test_writer_name_keys_follow_writes_rewrites_and_removals(clean_graph: neo4j.Driver) -> None:
    writer = GraphWriter(clean_graph, group_size=25)
    writer.write(EXTRACTIONS, now=NOW)
    assert assert_in_step(clean_graph) > 200
    writer.write([rewritten(EXTRACTIONS[3]), rewritten(EXTRACTIONS[9])], now=NOW)
    held, _, _ = key_state(clean_graph)
    assert any(k.endswith(" renamed") for _, k in held), "the rewrite added keys"
    assert_in_step(clean_graph)
    removed = [e.document.id for e in EXTRACTIONS[:12]]
    assert writer.remove(removed) > 0  # entities only these reported are gone, with their keys
    assert_in_step(clean_graph)
    writer.remove([e.document.id for e in EXTRACTIONS[12:]])
    assert key_state(clean_graph) == (set(), set(), set())


def test_writer_name_keys_follow_joins_and_an_unmerge(clean_graph: neo4j.Driver) -> None:
    """Two firms in the graph joined by a third article that names both (the later one's documents
    are re-derived into the first, which takes its keys); then judged different and split again."""
    writer = GraphWriter(clean_graph, group_size=1)
    writer.write([firm_doc("nw-1", "Northwind Trading", []), firm_doc("nw-2", "Northwind Group", [])], now=NOW)
    assert len(firms(clean_graph)) == 2
    assert_in_step(clean_graph)
    writer.write([firm_doc("nw-3", "Northwind Group", ["Northwind Trading"])], now=NOW)
    [(winner, props)] = firms(clean_graph).items()
    assert props["nameKeys"] == ["northwind group", "northwind trading"]
    assert assert_in_step(clean_graph) == 2
    members = sorted(str(m) for m in props["memberIds"])  # type: ignore[attr-defined]
    apart = GraphWriter(clean_graph, group_size=1,
                        judgements=Judgements(different={frozenset(p) for p in itertools.combinations(members, 2)}))
    apart.rederive([winner], now=NOW)
    assert len(firms(clean_graph)) == 2
    assert_in_step(clean_graph)


def test_writer_name_keys_seek_sees_the_transactions_own_writes(clean_graph: neo4j.Driver) -> None:
    doc = plan(firm_doc("fresh-1", "Harbour Logistics", ["HL Shipping"]), ingested_at=NOW, sequence=1)

    def write_then_seek(tx: neo4j.ManagedTransaction) -> list[str]:
        write_rows(tx, [doc])
        run(tx, "graph-write-refresh-entities", ids=[], docIds=[doc.doc_id], restored={})
        return [r["id"] for r in run(tx, "entity-candidates", keys=["hl shipping", "absent firm"])]

    with clean_graph.session() as session:
        found = session.execute_write(write_then_seek)
    assert found == [r["id"] for r in doc.entities]


def test_writer_name_keys_migration_links_a_graph_written_before(clean_graph: neo4j.Driver) -> None:
    """A graph without key nodes (written before them) and a stray key node: applying the schema links
    every entity and deletes the stray node; the graph is then what the writer would have written."""
    GraphWriter(clean_graph, group_size=25).write(EXTRACTIONS[:20], now=NOW)
    before = key_state(clean_graph)
    assert schema.migrate(clean_graph) == {"schema-name-keys-link": 0, "schema-name-keys-orphans": 0}
    clean_graph.execute_query("MATCH (k:NameKey) DETACH DELETE k")
    clean_graph.execute_query("CREATE (:NameKey {key: 'nobody has this key'})")
    held, links, nodes = key_state(clean_graph)
    assert links == set() and nodes == {"nobody has this key"}
    changed = schema.apply(clean_graph)
    assert changed == {"schema-name-keys-link": len({e for e, _ in held}), "schema-name-keys-orphans": 1}
    assert key_state(clean_graph) == before
    assert schema.migrate(clean_graph) == {"schema-name-keys-link": 0, "schema-name-keys-orphans": 0}


def test_writer_name_keys_interrupted_migration_is_resumed(clean_graph: neo4j.Driver) -> None:
    """A migration stopped part-way leaves its Migration node: the next start-up runs it again."""
    GraphWriter(clean_graph, group_size=25).write(EXTRACTIONS[:20], now=NOW)
    before = key_state(clean_graph)
    clean_graph.execute_query("MATCH (k:NameKey) WITH k LIMIT 5 DETACH DELETE k")
    clean_graph.execute_query("CREATE (:Migration {name: 'name-keys'})")
    assert schema.migrate(clean_graph)["schema-name-keys-link"] >= 1  # the entities of those 5 keys
    assert key_state(clean_graph) == before
    assert not [r for r in run(clean_graph, "graph-snapshot") if "Migration" in r["labels"]]


def test_writer_name_keys_are_never_exported_nor_counted_as_entities(clean_graph: neo4j.Driver) -> None:
    GraphWriter(clean_graph, group_size=25).write(EXTRACTIONS[:20], now=NOW)
    nodes = key_state(clean_graph)[2]
    assert nodes
    out = io.BytesIO()
    export.export(clean_graph, out, "ntriples", description=False)
    rdf = out.getvalue().decode("utf-8")
    actors, events = export.ftm_rows(clean_graph)
    ftm = json.dumps([*actors, *events], default=str)
    for text in (rdf, ftm):
        assert "NameKey" not in text and "HAS_NAME_KEY" not in text and "nameKeys" not in text
    counts = {r["name"]: r["count"] for r in run(clean_graph, "graph-counts") if r["kind"] == "nodes"}
    assert counts["NameKey"] == len(nodes) and counts["Entity"] == len({
        r["key"] for r in run(clean_graph, "graph-snapshot") if r["kind"] == "node" and "Entity" in r["labels"]})


def test_writer_name_keys_two_concurrent_writers_keep_one_key_node(clean_graph: neo4j.Driver) -> None:
    """Two writers at once, one transaction per document, each naming the same new firms (with an
    alias of its own): the constraint makes the second MERGE of a key wait for the first, deadlocks
    are retried, and the graph ends with one key node per key, one entity per firm, every report
    counted and the summaries a full recompute gives."""
    names = [f"{a} {b} Holdings" for a in ("Zephyr", "Quarry", "Tamsin", "Ostrava") for b in ("North", "East", "Vale")]
    reports: list[WriteReport] = []
    start = threading.Barrier(2)

    def write(side: str) -> None:
        docs = [firm_doc(f"{side}-{i}", name, [f"{name} {side.upper()}"]) for i, name in enumerate(names)]
        start.wait()
        reports.append(GraphWriter(clean_graph, group_size=1).write(docs, now=NOW))

    threads = [threading.Thread(target=write, args=(side,)) for side in ("left", "right")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert len(reports) == 2 and all(not r.failed for r in reports), reports
    assert assert_in_step(clean_graph) == 3 * len(names)  # the name and both sides' aliases
    keys = clean_graph.execute_query("MATCH (k:NameKey) RETURN k.key AS key").records
    assert len(keys) == len({r["key"] for r in keys}) == 3 * len(names)
    written = firms(clean_graph)
    assert len(written) == len(names) and all(p["sourceCount"] == 2 for p in written.values())
    before = run(clean_graph, "graph-snapshot")
    run(clean_graph, "graph-write-refresh-entities", ids=sorted(written), docIds=[], restored={})
    assert run(clean_graph, "graph-snapshot") == before
