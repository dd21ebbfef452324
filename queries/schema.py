"""The Neo4j schema (constraints and indexes), derived from the ontology and applied idempotently.

Labels and property names cannot be Cypher parameters, so these statements are built here
from ``ontology/schema.yaml`` alone - never from user input - with ``IF NOT EXISTS`` so that
applying them any number of times leaves the same schema. Indexes an earlier version created
and the ontology retires are dropped (``DROP INDEX ... IF EXISTS``).

Applying the schema also brings the data the schema's bookkeeping derives up to date, with named,
batched queries (:func:`migrate`): the ``NameKey`` nodes that resolution seeks its candidates through
(issue 14, item 3), for a graph written before they existed (or restored from an older backup), and
key nodes no entity holds any more; and the join keys on events' target and law relationships that
cross-source merging seeks its candidates through; and screening's peer exposure summaries
(:mod:`ingest.graph.exposure`). A graph in step is recognised from the count store
(and one index entry), at any size.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import LiteralString

import neo4j

from ontology import Ontology
from ontology import load as load_ontology
from queries.library import run

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SchemaObject:
    name: str
    kind: str  # "constraint" | "index" | "retired" (an index dropped)
    cypher: str


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a safe Cypher identifier: {name!r}")
    return name


def objects(onto: Ontology | None = None) -> list[SchemaObject]:
    """The constraints and indexes the model asks for, in a stable order."""
    onto = onto or load_ontology()
    out = []
    for label, prop in [*onto.key_roots(), *onto.internal_nodes.items()]:  # domain keys, then bookkeeping
        lb, pr = _ident(label), _ident(prop)
        name = f"{lb.lower()}_{pr}_unique"
        out.append(SchemaObject(name, "constraint",
                                f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{lb}) REQUIRE n.{pr} IS UNIQUE"))
    for label, prop in onto.range_indexes:
        lb, pr = _ident(label), _ident(prop)
        name = f"{lb.lower()}_{pr}_range"
        out.append(SchemaObject(name, "index", f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{lb}) ON (n.{pr})"))
    for label, props in onto.composite_indexes:
        lb, prs = _ident(label), [_ident(p) for p in props]
        name = f"{lb.lower()}_{'_'.join(p.lower() for p in prs)}_range"
        fields = ", ".join(f"n.{p}" for p in prs)
        out.append(SchemaObject(name, "index", f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{lb}) ON ({fields})"))
    for rel, prop in onto.relationship_indexes:
        rl, pr = _ident(rel), _ident(prop)
        name = f"{rl.lower()}_{pr.lower()}_range"
        out.append(SchemaObject(name, "index", f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{rl}]-() ON (r.{pr})"))
    for ft_name, label, props in onto.fulltext_indexes:
        fields = ", ".join(f"n.{_ident(p)}" for p in props)
        name = _ident(ft_name)
        options = ""
        analyzer = onto.fulltext_analyzers.get(ft_name)
        if analyzer:
            if not analyzer.replace("-", "").isalnum():
                raise ValueError(f"not a safe analyzer name: {analyzer!r}")
            options = f" OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{analyzer}'}}}}"
        out.append(SchemaObject(
            name, "index",
            f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{_ident(label)}) ON EACH [{fields}]{options}"))
    for retired in onto.retired_indexes:
        name = _ident(retired)
        out.append(SchemaObject(name, "retired", f"DROP INDEX {name} IF EXISTS"))
    return out


def event_types_most_specific_first(onto: Ontology | None = None) -> list[str]:
    """The ontology's event classes, deepest first (an event's class is the first of its labels here)."""
    onto = onto or load_ontology()
    return sorted(onto.event_types(), key=lambda t: -len(onto.labels(t)))


def migrate_event_types(driver: neo4j.Driver, *, database: str | None = None) -> int:
    """Bring a graph written by an older writer up to what the queries expect (batched, idempotent):
    events without ``eventType`` get it from their class label. Returns how many nodes changed."""
    rows = run(driver, "schema-migrate-event-type", database=database, types=event_types_most_specific_first())
    return int(rows[0]["migrated"]) if rows else 0


#: How many (event, role) pairs each entity keeps as its newest events (:mod:`ingest.graph.recent`): the
#: profile's longest timeline and the window its linked entities are counted in.
RECENT_EVENTS_KEEP = 500
#: How many reporting documents each entity keeps as its newest sources (the profile's list of sources).
RECENT_SOURCES_KEEP = 20

#: Named queries that bring derived bookkeeping up to date (batched; no-ops on a graph in step).
MIGRATIONS = ("schema-name-keys-link", "schema-name-keys-orphans")


def apply(driver: neo4j.Driver, *, database: str | None = None) -> dict[str, int]:
    """Create every missing constraint and index, drop retired ones, give older graphs' events their
    ``eventType``, wait until the indexes are online, then run the name-key and join-key migrations;
    returns how many rows each name-key migration changed."""
    for obj in objects():
        stmt: LiteralString = obj.cypher  # derived from the ontology only
        driver.execute_query(stmt, database_=database)
    migrate_event_types(driver, database=database)
    run(driver, "schema-await", database=database)
    changed = migrate(driver, database=database)
    migrate_join_keys(driver, database=database)
    migrate_peer_exposure(driver, database=database)
    migrate_recent_events(driver, database=database)
    return changed


def migrate(driver: neo4j.Driver, *, database: str | None = None, full: bool = False) -> dict[str, int]:
    """Run the name-key :data:`MIGRATIONS` in order when they have work; each reports how many entities or key
    nodes it changed.

    Whether they have work is read from the count store, so a start-up on a graph in step costs the
    same at any size: a graph with entities and no ``HAS_NAME_KEY`` link was written before the key
    nodes (or restored from an older backup), and a ``Migration`` node left behind means a run was
    interrupted. ``full`` runs them regardless (after a restore; for repair): they then read every
    entity's key count and link count, and fix what differs.
    """
    state = run(driver, "schema-name-keys-state", database=database)[0]
    if not (full or state["pending"] or (state["entities"] and not state["links"])):
        return dict.fromkeys(MIGRATIONS, 0)
    return _migration(driver, database, "name-keys", MIGRATIONS)


def migrate_join_keys(driver: neo4j.Driver, *, database: str | None = None, full: bool = False) -> int:
    """Give events' target and law relationships the ``joinKey`` that ``event-candidates`` seeks, when the
    graph was written before they carried it; returns how many relationships changed.

    Whether there is work costs the same at any size: the count store says whether the graph has such
    relationships, one index entry whether any has a key, and a ``Migration`` node whether a run was
    interrupted. ``full`` (after a restore; for repair) reads every event's relationships and fixes keys
    that are missing or differ from the event's type, entity and date.
    """
    state = run(driver, "schema-event-join-keys-state", database=database)[0]
    if not (full or state["pending"] or (state["anchors"] and not state["keyed"])):
        return 0
    step = "schema-event-join-keys-set"
    return _migration(driver, database, "event-join-keys", (step,))[step]


#: The peer exposure migration's steps: the events' buckets first, then the firms (which read the events).
PEER_EXPOSURE = ("schema-peer-exposure-events", "schema-peer-exposure-empty", "schema-peer-exposure-orphans",
                 "schema-peer-exposure-firms")


def migrate_peer_exposure(driver: neo4j.Driver, *, database: str | None = None, full: bool = False) -> dict[str, int]:
    """Build screening's peer exposure summaries (``PeerBucket`` links, ``PeerFirm`` nodes; see
    :mod:`ingest.graph.exposure`) on a graph written before the writer kept them; returns what each step changed.

    Whether there is work is read from the count store, so it costs the same at any size: events
    and neither links nor firm summaries means a graph written before them (or by ``write_rows``
    alone, as the synthetic benchmark graph is), and a ``Migration`` node a run that was
    interrupted. ``full`` (after a restore; for repair) re-derives every event's buckets and every
    firm's summary and removes what differs.
    """
    state = run(driver, "schema-peer-exposure-state", database=database)[0]
    if not (full or state["pending"] or (state["events"] and not state["links"] and not state["firms"])):
        return dict.fromkeys(PEER_EXPOSURE, 0)
    return _migration(driver, database, "peer-exposure", PEER_EXPOSURE)


def migrate_recent_events(driver: neo4j.Driver, *, database: str | None = None, full: bool = False,
                          keep: int = RECENT_EVENTS_KEEP, batch: int = 1000) -> int:
    """Give every entity the newest events and sources the writer keeps for its profile (``recentEvents``,
    ``recentSources``..., :mod:`ingest.graph.recent`) when the graph was written before it kept them; returns how many
    entities changed.

    Whether there is work costs the same at any size on a graph in step (the first entity found has
    a list, and no ``Migration`` node is left); the work goes in id order, ``batch`` entities per
    transaction. ``full`` (after a restore; for repair) recomputes every entity.
    """
    state = run(driver, "schema-recent-events-state", database=database)[0]
    if not (full or state["pending"] or (state["entities"] and not state["kept"])):
        return 0
    run(driver, "schema-migration-begin", database=database, migration="recent-events")
    after, changed = "", 0
    while rows := run(driver, "schema-recent-events-batch", database=database, after=after, limit=batch):
        ids = [r["id"] for r in rows if full or r["missing"]]
        if ids:
            changed += int(run(driver, "graph-write-recent-recompute", database=database, ids=ids,
                               keep=keep, keepSources=RECENT_SOURCES_KEEP)[0]["refreshed"])
        after = rows[-1]["id"]
    run(driver, "schema-migration-end", database=database, migration="recent-events")
    if changed:
        log.info("schema migration recent-events changed %d entities", changed)
    return changed


def _migration(driver: neo4j.Driver, database: str | None, name: str, steps: tuple[str, ...]) -> dict[str, int]:
    """Run a migration's named steps in order, marked as under way (a ``Migration`` node) until all are done;
    each step's count of changed nodes or relationships is logged when not zero, and returned."""
    run(driver, "schema-migration-begin", database=database, migration=name)
    changed: dict[str, int] = {}
    for step in steps:
        changed[step] = int(run(driver, step, database=database)[0]["changed"])
        if changed[step]:
            log.info("schema migration %s changed %d node(s) or relationship(s)", step, changed[step])
    run(driver, "schema-migration-end", database=database, migration=name)
    return changed
