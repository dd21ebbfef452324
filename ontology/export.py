"""The RDF export of the graph: read Neo4j page by page and write triples or quads as they come.

Every syntax but JSON-LD is written while the pages are read (memory stays flat whatever the
graph's size); JSON-LD is built in memory and written at the end. The rows become statements
of pyoxigraph terms here; :mod:`ontology.serialize` writes them.

Mapping (all terms from :mod:`ontology.rdf`):

* every node is ``<data namespace><kind>/<id>`` and typed with its class and all ancestors;
* literal properties become ``eg:`` datatype properties (partial dates as ``xsd:date``,
  ``xsd:gYearMonth`` or ``xsd:gYear`` by precision); event arguments ``eg:agent`` etc.;
* every ``REPORTED_IN`` relationship becomes ``eg:reportedIn`` / ``prov:wasDerivedFrom`` to
  the document and a qualified ``eg:Report`` / ``prov:Derivation`` carrying the evidence
  sentence, its character offsets and the confidence;
* in N-Quads and TriG, a document's own description and every report it makes are in the
  named graph ``<document IRI>``; the merged facts are in the default graph;
* the export ends with its VoID/DCAT description (:mod:`ontology.describe`).

Reports are read with their document's page (a document reports a bounded number of facts)
rather than with the entity (a much-reported agency would otherwise make one huge row).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

import neo4j
import pyoxigraph as ox
from rdflib import Dataset

from enforcegraph.errors import UsageError
from ontology import delta
from ontology.describe import Counts, describe
from ontology.model import Ontology, Property
from ontology.rdf import RdfMapping, mapping
from ontology.serialize import FORMATS, Format, Statement, Term, make_writer, parse_format
from queries import rows

_T = TypeVar("_T")

__all__ = ["FORMATS", "ExportStats", "Format", "QuadBuilder", "export", "export_to_file", "graph_of",
           "parse_changed_since", "parse_format", "parse_since", "parse_type"]

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def parse_since(value: str | None) -> str | None:
    """A ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date, checked; ``UsageError`` otherwise."""
    if value is None:
        return None
    if not _DATE_RE.match(value):
        raise UsageError(f"--since {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as exc:
        raise UsageError(f"--since {value!r}: {exc}") from None
    return value


def parse_changed_since(value: str | dt.datetime | None) -> dt.datetime | None:
    """An ISO 8601 date-time as a UTC instant (UTC when it has no offset); ``UsageError`` otherwise."""
    if value is None:
        return None
    try:
        when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        return when.replace(tzinfo=dt.UTC) if when.tzinfo is None else when.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise UsageError(f"--changed-since {str(value)!r}: expected an ISO 8601 date-time, "
                         "e.g. 2026-01-31T12:00:00Z") from None


def parse_type(value: str | None, onto: Ontology) -> str | None:
    if value is None:
        return None
    known = onto.event_types()
    if value not in known and value != "EnforcementEvent":
        raise UsageError(f"--type {value!r}: not an event type; choose one of {', '.join(known)}")
    return value


# -- graph -> quads -----------------------------------------------------------------------------

class QuadBuilder:
    """Turns export query rows into statements of pyoxigraph terms, deterministically (same rows ->
    same statements, same order). Term IRIs are built once; node IRIs and literals per value."""

    def __init__(self, m: RdfMapping, *, named_graphs: bool) -> None:
        self.m = m
        self.onto = m.onto
        self.named_graphs = named_graphs
        self.reported_in = self.onto.properties["reportedIn"]
        self.report_prop = self.onto.properties[self.reported_in.qualified or "report"]
        self.report_doc = self.onto.properties["reportDocument"]
        self.report_cls = self.onto.classes[self.report_prop.range or "Report"]
        self._by_rel = {p.rel_type: p for p in self.onto.properties.values()
                        if p.is_relation and p.neo4j and not p.rdf_only}
        rdf_type = ox.NamedNode(RDF_TYPE)
        # per class: the rdf:type objects it states; per property: the predicates it states
        self._types = {c: [(rdf_type, ox.NamedNode(str(m.cls(a)))) for a in self.onto.labels(c)]
                       + [(rdf_type, ox.NamedNode(str(e))) for e in m.materialized(self.onto.classes[c].align)]
                       for c in self.onto.classes}
        self._preds = {p.name: [ox.NamedNode(str(m.prop(p.name)))]
                       + [ox.NamedNode(str(e)) for e in m.materialized(p.align)]
                       for p in self.onto.properties.values()}
        self._datatypes: dict[str, ox.NamedNode] = {}
        self._literal_props = {c: [p for p in self.onto.properties_of(c)
                                   if not p.is_relation and p.exported and not p.rdf_only]
                               for c in self.onto.classes}

    def _class(self, labels: list[str]) -> str:
        known = [lb for lb in labels if lb in self.onto.classes]
        if not known:
            raise ValueError(f"node with labels {labels} has no ontology class")
        return max(known, key=lambda c: len(self.onto.ancestors(c)))

    def node(self, cls: str, node_id: str) -> ox.NamedNode:
        return ox.NamedNode(self.m.node_iri(cls, node_id))

    def literal(self, prop: Property, value: Any) -> ox.Literal:
        text, datatype = self.m.lexical(prop, value)
        if datatype is None:
            return ox.Literal(text)
        node = self._datatypes.get(datatype)
        if node is None:
            node = self._datatypes[datatype] = ox.NamedNode(datatype)
        return ox.Literal(text, datatype=node)

    def _graph(self, doc_id: str) -> ox.NamedNode | None:
        return self.node("Document", doc_id) if self.named_graphs else None

    def _typed(self, s: ox.NamedNode, cls: str, g: ox.NamedNode | None) -> Iterator[Statement]:
        for p, o in self._types[cls]:
            yield (s, p, o, g)

    def _stmt(self, s: ox.NamedNode, p: Property, o: Term, g: ox.NamedNode | None) -> Iterator[Statement]:
        for pred in self._preds[p.name]:
            yield (s, pred, o, g)

    def _literals(self, s: ox.NamedNode, cls: str, props: dict[str, Any],
                  g: ox.NamedNode | None) -> Iterator[Statement]:
        for p in self._literal_props[cls]:
            value = props.get(p.name)
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            for v in sorted(values) if p.many else values:
                yield from self._stmt(s, p, self.literal(p, v), g)

    def document(self, props: dict[str, Any]) -> Iterator[Statement]:
        s = self.node("Document", props["id"])
        g = s if self.named_graphs else None
        yield from self._typed(s, "Document", g)
        yield from self._literals(s, "Document", props, g)

    def report(self, row: dict[str, Any]) -> Iterator[Statement]:
        """A node's report by a document: the direct link and the qualified Report with the evidence."""
        s = self.node(self._class(row["labels"]), row["id"])
        doc = self.node("Document", row["doc"])
        g = doc if self.named_graphs else None
        yield from self._stmt(s, self.reported_in, doc, g)
        q = self.node("Report", self.m.report_id(row["id"], row["doc"]))
        yield from self._stmt(s, self.report_prop, q, g)
        yield from self._typed(q, self.report_cls.name, g)
        yield from self._stmt(q, self.report_doc, doc, g)
        yield from self._literals(q, self.report_cls.name, row, g)

    def entity(self, props: dict[str, Any], labels: list[str]) -> Iterator[Statement]:
        cls = self._class(labels)
        s = self.node(cls, props["id"])
        yield from self._typed(s, cls, None)
        yield from self._literals(s, cls, props, None)

    def event(self, props: dict[str, Any], labels: list[str], arguments: list[dict[str, Any]]) -> Iterator[Statement]:
        cls = self._class(labels)
        s = self.node(cls, props["id"])
        yield from self._typed(s, cls, None)
        yield from self._literals(s, cls, props, None)
        single: dict[str, dict[str, Any]] = {}
        for a in arguments:
            prop = self._by_rel.get(a["type"])
            if prop is None or prop.name == "reportedIn":
                continue
            if not prop.many:
                # sources may disagree on a one-valued argument (the place): the best-supported wins
                best = single.get(prop.name)
                if best is None or (-a.get("sources", 0), a["entity"]) < (-best.get("sources", 0), best["entity"]):
                    single[prop.name] = a
                continue
            yield from self._stmt(s, prop, self.node(prop.range or "Entity", a["entity"]), None)
        for name, a in sorted(single.items()):
            prop = self.onto.properties[name]
            yield from self._stmt(s, prop, self.node(prop.range or "Entity", a["entity"]), None)


# -- the export ---------------------------------------------------------------------------------

@dataclass
class ExportStats:
    documents: int = 0
    entities: int = 0
    events: int = 0
    statements: int = 0


def _read_page(tx: neo4j.ManagedTransaction, query: str, *, after: str, limit: int, since: str | None,
               type_: str | None, changed_since: dt.datetime | None,
               events: list[str] | None) -> list[dict[str, Any]]:
    return rows(tx, query, after=after, limit=limit, since=since, type=type_, changedSince=changed_since,
                events=events)


def _read_reports(tx: neo4j.ManagedTransaction, doc_ids: list[str], since: str | None,
                  type_: str | None, events: list[str] | None) -> list[dict[str, Any]]:
    return rows(tx, "export-reports", docIds=doc_ids, since=since, type=type_, events=events)


def _pages(driver: neo4j.Driver, query: str, key: str, *, database: str | None, batch_size: int,
           since: str | None, type_: str | None, changed_since: dt.datetime | None,
           events: list[str] | None = None) -> Iterator[list[dict[str, Any]]]:
    after = ""
    while True:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                            notifications_min_severity="OFF") as session:
            rows: list[dict[str, Any]] = session.execute_read(
                _read_page, query, after=after, limit=batch_size, since=since, type_=type_,
                changed_since=changed_since, events=events)
        if not rows:
            return
        yield rows
        if len(rows) < batch_size:
            return
        after = rows[-1][key]["id"]


def export(
    driver: neo4j.Driver, out: IO[bytes], fmt: Format | str, *, database: str | None = None,
    since: str | None = None, type_: str | None = None, batch_size: int = 500,
    m: RdfMapping | None = None, created: dt.datetime | None = None, description: bool = True,
    changed_since: dt.datetime | None = None, events: Sequence[str] | None = None,
) -> ExportStats:
    """Write the graph (or the events selected by ``since``/``type_``/``events`` ids and what they
    involve) to ``out``,
    followed (unless ``description`` is false) by its VoID/DCAT description made at ``created`` (now).

    With ``changed_since``, a delta (quad syntaxes only): what changed since then, each changed
    node with all its reports, and the retraction graph (:mod:`ontology.delta`).

    On an error part-way (Neo4j lost, say) the writer first appends a record saying that the
    output is incomplete, then the error propagates."""
    m = m or mapping()
    fmt = parse_format(fmt) if isinstance(fmt, str) else fmt
    since = parse_since(since)
    type_ = parse_type(type_, m.onto)
    changed_since = parse_changed_since(changed_since)
    if changed_since is not None and not fmt.quads:
        raise UsageError(f"--changed-since needs a format with named graphs (nquads or trig), not {fmt.name}")
    builder = QuadBuilder(m, named_graphs=fmt.quads)
    stats = ExportStats()
    selected = sorted(set(events)) if events is not None else None

    def pages(query: str, key: str) -> Iterator[list[dict[str, Any]]]:
        return _pages(driver, query, key, database=database, batch_size=batch_size, since=since, type_=type_,
                      changed_since=changed_since, events=selected)

    def statements() -> Iterator[Statement]:
        if changed_since is not None:
            yield from delta.changes(driver, builder, pages, stats, changed_since, database=database)
        else:
            yield from everything()
        if description:
            chosen = ", ".join(f"{k} {v}" for k, v in (("events since", since), ("events of type", type_),
                                                       ("changes recorded since", changed_since)) if v)
            counts = Counts(stats.statements, stats.documents, stats.entities, stats.events)
            yield from describe(m, counts, created or dt.datetime.now(dt.UTC), selection=chosen or None,
                                named_graph=fmt.quads)

    def everything() -> Iterator[Statement]:
        for page in pages("export-documents", "document"):
            doc_ids = [row["document"]["id"] for row in page]
            reports: dict[str, list[dict[str, Any]]] = {}
            with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                                notifications_min_severity="OFF") as session:
                for r in session.execute_read(_read_reports, doc_ids, since, type_, selected):
                    reports.setdefault(r["doc"], []).append(r)
            for row in page:
                block = list(builder.document(row["document"]))
                for r in reports.pop(row["document"]["id"], []):
                    block.extend(builder.report(r))
                stats.documents += 1
                stats.statements += len(block)
                yield from block
        for page in pages("export-entities", "entity"):
            for row in page:
                block = list(builder.entity(row["entity"], row["labels"]))
                stats.entities += 1
                stats.statements += len(block)
                yield from block
        for page in pages("export-events", "event"):
            for row in page:
                block = list(builder.event(row["event"], row["labels"], row["arguments"]))
                stats.events += 1
                stats.statements += len(block)
                yield from block

    writer = make_writer(fmt, out, m)
    try:
        writer.write(statements())
    except Exception as exc:
        with contextlib.suppress(Exception):  # the stream itself may be what failed
            writer.fail(f"{type(exc).__name__} after {stats.statements} statements")
        raise
    return stats


def _read_node(tx: neo4j.ManagedTransaction, kind: str, node_id: str) -> list[dict[str, Any]]:
    return rows(tx, "export-node", kind=kind, id=node_id)


def node_statements(driver: neo4j.Driver, kind: str, node_id: str, *, database: str | None = None,
                    m: RdfMapping | None = None) -> list[Statement] | None:
    """What the export says of one node (``kind``: entity, event or document), as in the default
    graph plus its reports; ``None`` when there is no such node."""
    m = m or mapping()
    with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                        notifications_min_severity="OFF") as session:
        found = session.execute_read(_read_node, kind, node_id)
    if not found:
        return None
    row = found[0]
    builder = QuadBuilder(m, named_graphs=False)
    if kind == "document":
        return list(builder.document(row["node"]))
    if kind == "event":
        out = list(builder.event(row["node"], row["labels"], row["arguments"]))
    else:
        out = list(builder.entity(row["node"], row["labels"]))
    for report in row["reports"]:
        out.extend(builder.report(report))
    return out


def check_writable(path: Path) -> None:
    """Fail (``UsageError``) unless ``path`` can be (re)placed by a new regular file.

    A symbolic link is refused: replacing it would surprise whoever made it, and following it
    would write into another file."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_symlink():
        raise UsageError(f"--out {str(path)!r} is a symbolic link; give the path of a regular file")
    if path.is_dir():
        raise UsageError(f"--out {str(path)!r} is a directory")
    if path.exists() and not path.is_file():
        raise UsageError(f"--out {str(path)!r} is not a regular file")
    if not folder.is_dir():
        raise UsageError(f"--out {str(path)!r}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"--out {str(path)!r}: not writable")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def target_mode(path: Path) -> int:
    """The mode the exported file gets: the replaced file's, or what ``open`` would give (0666 less the umask)."""
    try:
        return stat.S_IMODE(os.lstat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def export_to_file(path: Path, write: Callable[[IO[bytes]], _T]) -> _T:
    """Run ``write`` into a temporary file beside ``path`` and rename it into place on success only.

    The rename replaces the directory entry (it never writes through a link), and the file
    gets the replaced file's mode or, for a new file, the mode the umask gives."""
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    mode = target_mode(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UsageError(f"--out {str(path)!r}: cannot write there ({exc.strerror})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            stats = write(fh)
            fh.flush()
            os.fchmod(fh.fileno(), mode)
        if path.is_symlink():  # made while we were writing
            raise UsageError(f"--out {str(path)!r} became a symbolic link; not replaced")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return stats


def graph_of(text: str | bytes, fmt: Format | str) -> Dataset:
    """Parse an export back (for tests and checks): every format into one rdflib Dataset."""
    fmt = parse_format(fmt) if isinstance(fmt, str) else fmt
    ds = Dataset()
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                     "jsonld": "json-ld", "xml": "xml"}[fmt.name]
    ds.parse(data=text.decode("utf-8") if isinstance(text, bytes) else text, format=rdflib_format)
    return ds
