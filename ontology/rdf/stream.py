"""The export composition, one service for the CLI and the API: rows -> statements -> writer -> stream.

It reads pages from a :class:`~ontology.rdf.rows.RowSource` (the shells pass the Neo4j reads of
``queries.export``), turns each page into statements (:mod:`ontology.rdf.quads`) and hands one
long iterator to the writer of the syntax (:mod:`ontology.rdf.writers`): every syntax but JSON-LD
is written while the pages are read, so memory stays flat whatever the graph's size. The export
ends with its VoID/DCAT description (:mod:`ontology.rdf.describe`).

Reports are read with their document's page (a document reports a bounded number of facts)
rather than with the entity (a much-reported agency would otherwise make one huge row).

On an error part-way (the database lost, say) the writer first appends a record saying that
the output is incomplete, then the error propagates. Options are checked here, once, and a bad
one is an :class:`~ontology.errors.OptionError` naming the option and the value.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterator, Sequence
from queue import Full, Queue
from typing import IO, Any, TypeVar

from ontology.errors import OptionError
from ontology.model import Ontology
from ontology.rdf import delta
from ontology.rdf.describe import Counts, describe
from ontology.rdf.quads import QuadBuilder
from ontology.rdf.rows import ExportStats, Row, RowSource, Selection
from ontology.rdf.terms import RdfMapping, Statement, mapping
from ontology.rdf.writers import FORMATS, Format, make_writer, parse_format
from ontology.types import checked_partial_date

__all__ = ["FORMATS", "ExportStats", "Format", "export", "parse_changed_since", "parse_format", "parse_since",
           "parse_type"]
T = TypeVar("T")

def parse_since(value: str | None) -> str | None:
    """A ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date, checked; ``OptionError`` otherwise."""
    try:
        return checked_partial_date(value)
    except ValueError as exc:
        raise OptionError("since", str(exc)) from None


def parse_changed_since(value: str | dt.datetime | None) -> dt.datetime | None:
    """An ISO 8601 date-time as a UTC instant (UTC when it has no offset); ``OptionError`` otherwise."""
    if value is None:
        return None
    try:
        when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise OptionError("changed_since", f"{str(value)!r}: expected an ISO 8601 date-time, "
                         "e.g. 2026-01-31T12:00:00Z") from None


def parse_type(value: str | None, onto: Ontology) -> str | None:
    if value is None:
        return None
    known = onto.event_types()
    if value not in known and value != "EnforcementEvent":
        raise OptionError("type", f"{value!r}: not an event type; choose one of {', '.join(known)}")
    return value


def export(
    source: RowSource, out: IO[bytes], fmt: Format | str, *, since: str | None = None, type_: str | None = None,
    m: RdfMapping | None = None, created: dt.datetime | None = None, description: bool = True,
    changed_since: dt.datetime | None = None, events: Sequence[str] | None = None,
) -> ExportStats:
    """Write the graph (or the events selected by ``since``/``type_``/``events`` ids and what they
    involve) read from ``source`` to ``out``, followed (unless ``description`` is false) by its
    VoID/DCAT description made at ``created`` (now).

    With ``changed_since``, a delta (quad syntaxes only): what changed since then, each changed
    node with all its reports, and the retraction graph (:mod:`ontology.rdf.delta`)."""
    m = m or mapping()
    fmt = parse_format(fmt) if isinstance(fmt, str) else fmt
    since = parse_since(since)
    type_ = parse_type(type_, m.onto)
    changed_since = parse_changed_since(changed_since)
    if changed_since is not None and not fmt.quads:
        raise OptionError("format", f"a delta of changes needs a format with named graphs (nquads or trig), "
                                    f"not {fmt.name}")
    if changed_since is not None:
        horizon = source.tombstone_horizon()
        if horizon is not None and changed_since < horizon:
            raise OptionError("changed_since", f"{changed_since.isoformat()}: the tombstones of removals before "
                                               f"{horizon.isoformat()} were compacted, so a delta from then would "
                                               f"miss them; take a full export, or a delta from that time on")
    builder = QuadBuilder(m, named_graphs=fmt.quads)
    stats = ExportStats()
    selection = Selection(since=since, type=type_, changed_since=changed_since,
                          events=sorted(set(events)) if events is not None else None)

    def statements() -> Iterator[Statement]:
        if changed_since is not None:
            yield from delta.changes(source, builder, selection, stats, changed_since)
        else:
            yield from everything(source, builder, selection, stats)
        if description:
            chosen = ", ".join(f"{k} {v}" for k, v in (("events since", since), ("events of type", type_),
                                                       ("changes recorded since", changed_since)) if v)
            counts = Counts(stats.statements, stats.documents, stats.entities, stats.events)
            yield from describe(m, counts, created or dt.datetime.now(dt.UTC), selection=chosen or None,
                                named_graph=fmt.quads)

    writer = make_writer(fmt, out, m)
    try:
        writer.write(statements())
    except Exception as exc:
        with contextlib.suppress(Exception):  # the stream itself may be what failed
            writer.fail(f"{type(exc).__name__} after {stats.statements} statements")
        raise
    return stats


def everything(source: RowSource, builder: QuadBuilder, selection: Selection,
               stats: ExportStats) -> Iterator[Statement]:
    """The statements of a full (or selected) export: documents with their reports, entities, events.

    The pages are read one or two ahead in a thread while this one turns the last into statements:
    the database works while Python does (about half the time each, measured), and memory stays
    bounded by the pages in flight."""
    for kind, page, reports in read_ahead(_pages(source, selection), depth=2):
        for row in page:
            if kind == "document":
                block = list(builder.document(row["document"]))
                for r in reports.pop(row["document"]["id"], []):
                    block.extend(builder.report(r))
                stats.documents += 1
            elif kind == "entity":
                block = list(builder.entity(row["entity"], row["labels"]))
                stats.entities += 1
            else:
                block = list(builder.event(row["event"], row["labels"], row["arguments"]))
                stats.events += 1
            stats.statements += len(block)
            yield from block


def _pages(source: RowSource, selection: Selection) -> Iterator[tuple[str, list[Row], dict[str, list[Row]]]]:
    """Each page of documents (with the reports they make), entities and events, in export order."""
    for page in source.pages("document", selection):
        reports: dict[str, list[Row]] = {}
        for r in source.reports([row["document"]["id"] for row in page], selection):
            reports.setdefault(r["doc"], []).append(r)
        yield "document", page, reports
    for kind in ("entity", "event"):
        for page in source.pages(kind, selection):
            yield kind, page, {}


_DONE = object()


def read_ahead(items: Iterator[T], depth: int) -> Iterator[T]:
    """``items``, produced up to ``depth`` ahead by a thread; its error is raised here, in order.

    Closing the returned generator early (the consumer failed or stopped) tells the thread to stop
    at its next item, so no thread outlives the export by more than one read."""
    queue: Queue[Any] = Queue(maxsize=depth)
    stop = threading.Event()

    def offer(entry: tuple[Any, BaseException | None]) -> bool:
        """Put ``entry`` once there is room; ``False`` when the consumer stopped first."""
        while not stop.is_set():
            try:
                queue.put(entry, timeout=0.1)
                return True
            except Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer((item, None)):
                    return
            offer((_DONE, None))
        except BaseException as exc:  # handed to the consumer, which raises it
            offer((_DONE, exc))

    thread = threading.Thread(target=produce, name="export-read-ahead", daemon=True)
    thread.start()
    try:
        while True:
            item, error = queue.get()
            if item is _DONE:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
