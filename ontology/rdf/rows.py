"""What the export reads, as a protocol: the graph's rows page by page, from wherever they come.

The export composition (:mod:`ontology.rdf.stream`) and the delta (:mod:`ontology.rdf.delta`) ask a
:class:`RowSource` for rows and never see a database; ``queries.export.GraphRows`` answers from
Neo4j, a test can answer from a list. The row shapes are those of the ``export-*`` queries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Row = dict[str, Any]
#: The three kinds of node the export pages through, in this order; each row holds its node under this key.
Kind = Literal["document", "entity", "event"]
KINDS: tuple[Kind, ...] = ("document", "entity", "event")


@dataclass(frozen=True)
class Selection:
    """Which part of the graph to export: events on or after ``since`` (a checked partial date), of
    class ``type``, with these ids (``events``), or recorded since ``changed_since`` (a delta)."""

    since: str | None = None
    type: str | None = None
    changed_since: dt.datetime | None = None
    events: Sequence[str] | None = None


class RowSource(Protocol):
    """The reads of one export (every method may raise the reader's own errors)."""

    def pages(self, kind: Kind, selection: Selection) -> Iterator[list[Row]]:
        """The selected nodes of ``kind`` in id order, a bounded page at a time."""
        ...

    def reports(self, doc_ids: list[str], selection: Selection) -> list[Row]:
        """The selected reports made by these documents."""
        ...

    def subject_reports(self, ids: list[str]) -> list[Row]:
        """Every report of these entities or events (a delta restates a changed node's reports)."""
        ...

    def tombstones(self, since: dt.datetime) -> list[Row]:
        """What was removed at or after ``since``."""
        ...

    def tombstone_horizon(self) -> dt.datetime | None:
        """The earliest time a delta can start from (tombstones before it were compacted), if any."""
        ...


@dataclass
class ExportStats:
    documents: int = 0
    entities: int = 0
    events: int = 0
    statements: int = 0
