"""The export's reads: the graph page by page for the RDF export, the FtM export and one node.

The export composition (:mod:`ontology.rdf.stream`) knows no database; it asks a row source for
pages. :class:`GraphRows` is that source over Neo4j: each page is one read transaction of a
bounded number of rows (keyset paging by id), so memory and transaction time stay flat
whatever the graph's size. :func:`export` wires the two together for the shells.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

import neo4j

from ontology.rdf import quads, stream
from ontology.rdf.rows import ExportStats, Kind, Row, Selection
from ontology.rdf.terms import RdfMapping, Statement, mapping
from ontology.rdf.writers import Format
from queries.library import rows, run

#: The paged query of each kind of node.
PAGE_QUERIES: dict[Kind, str] = {"document": "export-documents", "entity": "export-entities",
                                 "event": "export-events"}


@dataclass(frozen=True)
class GraphRows:
    """The export's rows read from Neo4j (a :class:`~ontology.rdf.rows.RowSource`)."""

    driver: neo4j.Driver
    database: str | None = None
    batch_size: int = 500

    def _read(self, query: str, **params: Any) -> list[Row]:
        with self.driver.session(database=self.database, default_access_mode=neo4j.READ_ACCESS,
                                 notifications_min_severity="OFF") as session:
            return session.execute_read(lambda tx: rows(tx, query, **params))

    def pages(self, kind: Kind, selection: Selection) -> Iterator[list[Row]]:
        after = ""
        while True:
            page = self._read(PAGE_QUERIES[kind], after=after, limit=self.batch_size, since=selection.since,
                              type=selection.type, changedSince=selection.changed_since,
                              events=list(selection.events) if selection.events is not None else None)
            if not page:
                return
            yield page
            if len(page) < self.batch_size:
                return
            after = page[-1][kind]["id"]

    def reports(self, doc_ids: list[str], selection: Selection) -> list[Row]:
        return self._read("export-reports", docIds=doc_ids, since=selection.since, type=selection.type,
                          events=list(selection.events) if selection.events is not None else None)

    def subject_reports(self, ids: list[str]) -> list[Row]:
        return self._read("export-subject-reports", ids=ids)

    def tombstones(self, since: dt.datetime) -> list[Row]:
        return self._read("export-tombstones", since=since)

    def tombstone_horizon(self) -> dt.datetime | None:
        found = self._read("export-tombstone-horizon")
        return found[0]["horizon"].to_native() if found else None

    def node(self, kind: str, node_id: str) -> Row | None:
        """One node's row of ``export-node`` (``kind``: entity, event or document), ``None`` when absent."""
        found = self._read("export-node", kind=kind, id=node_id)
        return found[0] if found else None


def export(
    driver: neo4j.Driver, out: IO[bytes], fmt: Format | str, *, database: str | None = None, batch_size: int = 500,
    since: str | None = None, type_: str | None = None, changed_since: dt.datetime | None = None,
    events: Sequence[str] | None = None, description: bool = True, created: dt.datetime | None = None,
) -> ExportStats:
    """The RDF export of the graph in Neo4j to ``out`` (see :func:`ontology.rdf.stream.export`)."""
    return stream.export(GraphRows(driver, database, batch_size), out, fmt, since=since, type_=type_,
                         changed_since=changed_since, events=events, description=description, created=created)


def node_statements(driver: neo4j.Driver, kind: str, node_id: str, *, database: str | None = None,
                    m: RdfMapping | None = None) -> list[Statement] | None:
    """What the export says of one node (``kind``: entity, event or document), as in the default
    graph plus its reports; ``None`` when there is no such node."""
    row = GraphRows(driver, database).node(kind, node_id)
    if row is None:
        return None
    return quads.node_statements(quads.QuadBuilder(m or mapping(), named_graphs=False), kind, row)


def ftm_rows(driver: neo4j.Driver, database: str | None = None,
             batch: int = 500) -> tuple[Iterator[Row], Iterator[Row]]:
    """The rows of the FtM export: actors, then events (each in id order, read a page at a time)."""
    return (_pages(driver, database, "export-ftm-entities", "entity", batch),
            _pages(driver, database, "export-ftm-events", "event", batch))


def _pages(driver: neo4j.Driver, database: str | None, name: str, key: str, batch: int) -> Iterator[Row]:
    after = ""
    while True:
        page = run(driver, name, database=database, after=after, limit=batch)
        yield from page
        if len(page) < batch:
            return
        after = page[-1][key]["id"]
