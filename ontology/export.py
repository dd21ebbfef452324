"""The RDF export of the graph: read Neo4j page by page and write triples or quads as they come.

N-Triples, N-Quads, Turtle and TriG are written while the pages are read (memory stays flat
whatever the graph's size); JSON-LD and RDF/XML are built in memory and written at the end.

Mapping (all terms from :mod:`ontology.rdf`):

* every node is ``<data namespace><kind>/<id>`` and typed with its class and all ancestors;
* literal properties become ``eg:`` datatype properties (partial dates as ``xsd:date``,
  ``xsd:gYearMonth`` or ``xsd:gYear`` by precision); event arguments ``eg:agent`` etc.;
* every ``REPORTED_IN`` relationship becomes ``eg:reportedIn`` / ``prov:wasDerivedFrom`` to
  the document and a qualified ``eg:Report`` / ``prov:Derivation`` carrying the evidence
  sentence, its character offsets and the confidence;
* in N-Quads and TriG, a document's own description and every report it makes are in the
  named graph ``<document IRI>``; the merged facts are in the default graph.

Reports are read with their document's page (a document reports a bounded number of facts)
rather than with the entity (a much-reported agency would otherwise make one huge row).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

import neo4j
from rdflib import RDF, XSD, Dataset, Graph, Literal, URIRef

from enforcegraph.errors import UsageError
from ontology.model import Ontology, Property
from ontology.rdf import RdfMapping, mapping
from queries import run

Term = URIRef | Literal
Quad = tuple[URIRef, URIRef, Term, URIRef | None]

_T = TypeVar("_T")


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    media_type: str
    streaming: bool
    quads: bool
    description: str


FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("turtle", "ttl", "text/turtle", True, False, "Turtle (streamed, one block per subject)"),
    Format("ntriples", "nt", "application/n-triples", True, False, "N-Triples (streamed)"),
    Format("nquads", "nq", "application/n-quads", True, True,
           "N-Quads (streamed; each document's statements in its named graph)"),
    Format("trig", "trig", "application/trig", True, True,
           "TriG (streamed; each document's statements in its named graph)"),
    Format("jsonld", "jsonld", "application/ld+json", False, False, "JSON-LD (buffered in memory)"),
    Format("xml", "rdf", "application/rdf+xml", False, False, "RDF/XML (buffered in memory)"),
]}

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}") from None


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


def parse_type(value: str | None, onto: Ontology) -> str | None:
    if value is None:
        return None
    known = onto.event_types()
    if value not in known and value != "EnforcementEvent":
        raise UsageError(f"--type {value!r}: not an event type; choose one of {', '.join(known)}")
    return value


# -- graph -> quads -----------------------------------------------------------------------------

class QuadBuilder:
    """Turns export query rows into quads, deterministically (same rows -> same quads, same order)."""

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

    def _class(self, labels: list[str]) -> str:
        known = [lb for lb in labels if lb in self.onto.classes]
        if not known:
            raise ValueError(f"node with labels {labels} has no ontology class")
        return max(known, key=lambda c: len(self.onto.ancestors(c)))

    def _graph(self, doc_id: str) -> URIRef | None:
        return self.m.node("Document", doc_id) if self.named_graphs else None

    def _typed(self, s: URIRef, cls: str, g: URIRef | None) -> Iterator[Quad]:
        for c in self.onto.labels(cls):
            yield (s, RDF.type, self.m.cls(c), g)
        for ext in self.m.materialized(self.onto.classes[cls].align):
            yield (s, RDF.type, ext, g)

    def _stmt(self, s: URIRef, p: Property, o: Term, g: URIRef | None) -> Iterator[Quad]:
        yield (s, self.m.prop(p.name), o, g)
        for ext in self.m.materialized(p.align):
            yield (s, ext, o, g)

    def _literals(self, s: URIRef, cls: str, props: dict[str, Any], g: URIRef | None) -> Iterator[Quad]:
        for p in self.onto.properties_of(cls):
            if p.is_relation or not p.exported or p.rdf_only:
                continue
            value = props.get(p.name)
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            for v in sorted(values) if p.many else values:
                yield from self._stmt(s, p, self.m.literal(p, v), g)

    def document(self, props: dict[str, Any]) -> Iterator[Quad]:
        s = self.m.node("Document", props["id"])
        g = self._graph(props["id"])
        yield from self._typed(s, "Document", g)
        yield from self._literals(s, "Document", props, g)

    def report(self, row: dict[str, Any]) -> Iterator[Quad]:
        """A node's report by a document: the direct link and the qualified Report with the evidence."""
        s = self.m.node(self._class(row["labels"]), row["id"])
        doc = self.m.node("Document", row["doc"])
        g = self._graph(row["doc"])
        yield from self._stmt(s, self.reported_in, doc, g)
        q = self.m.report(row["id"], row["doc"])
        yield from self._stmt(s, self.report_prop, q, g)
        yield from self._typed(q, self.report_cls.name, g)
        yield from self._stmt(q, self.report_doc, doc, g)
        yield from self._literals(q, self.report_cls.name, row, g)

    def entity(self, props: dict[str, Any], labels: list[str]) -> Iterator[Quad]:
        cls = self._class(labels)
        s = self.m.node(cls, props["id"])
        yield from self._typed(s, cls, None)
        yield from self._literals(s, cls, props, None)

    def event(self, props: dict[str, Any], labels: list[str], arguments: list[dict[str, Any]]) -> Iterator[Quad]:
        cls = self._class(labels)
        s = self.m.node(cls, props["id"])
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
            yield from self._stmt(s, prop, self.m.node(prop.range or "Entity", a["entity"]), None)
        for name, a in sorted(single.items()):
            prop = self.onto.properties[name]
            yield from self._stmt(s, prop, self.m.node(prop.range or "Entity", a["entity"]), None)


# -- quads -> text ------------------------------------------------------------------------------

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_ESC_RE = re.compile(r'[\\"\n\r]')


def _lexical(text: str) -> str:
    return '"' + _ESC_RE.sub(lambda mo: _ESCAPES[mo.group()], text) + '"'


def nt_term(t: Term) -> str:
    if isinstance(t, Literal):
        out = _lexical(str(t))
        if t.language:
            return f"{out}@{t.language}"
        if t.datatype is not None and t.datatype != XSD.string:
            return f"{out}^^<{t.datatype}>"
        return out
    return f"<{t}>"


class Sink:
    """Receives quads subject block by subject block and writes them to ``out``."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out

    def start(self) -> None:
        pass

    def block(self, quads: list[Quad]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        pass


class NTriplesSink(Sink):
    def __init__(self, out: IO[str], *, quads: bool) -> None:
        super().__init__(out)
        self.quads = quads

    def block(self, quads: list[Quad]) -> None:
        lines = []
        for s, p, o, g in quads:
            if self.quads and g is not None:
                lines.append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {nt_term(g)} .\n")
            else:
                lines.append(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n")
        self.out.write("".join(lines))


_PN_LOCAL = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_-]*$")
_BARE = {XSD.integer: re.compile(r"^[+-]?\d+$"), XSD.decimal: re.compile(r"^[+-]?\d*\.\d+$")}


class TurtleSink(Sink):
    """Turtle (or TriG): prefixes first, then one block per subject (and graph)."""

    def __init__(self, out: IO[str], m: RdfMapping, *, trig: bool) -> None:
        super().__init__(out)
        self.trig = trig
        self.prefixes: dict[str, str] = {m.onto.meta["prefix"]: m.onto.meta["namespace"]}
        self.prefixes.update({k: v for k, v in m.onto.prefixes.items() if k != "owl"})
        self.prefixes["rdf"] = str(RDF)
        for cls in m.onto.classes.values():
            if cls.iri:
                self.prefixes[cls.iri] = f"{m.data_ns}{cls.iri}/"
        self._ordered = sorted(self.prefixes.items(), key=lambda kv: -len(kv[1]))

    def start(self) -> None:
        for prefix, iri in sorted(self.prefixes.items()):
            self.out.write(f"@prefix {prefix}: <{iri}> .\n")
        self.out.write("\n")

    def term(self, t: Term) -> str:
        if isinstance(t, Literal):
            out = _lexical(str(t))
            if t.language:
                return f"{out}@{t.language}"
            if t.datatype in _BARE and _BARE[t.datatype].match(str(t)):
                return str(t)
            if t.datatype is not None and t.datatype != XSD.string:
                return f"{out}^^{self.term(URIRef(t.datatype))}"
            return out
        if t == RDF.type:
            return "a"
        text = str(t)
        for prefix, iri in self._ordered:
            if text.startswith(iri) and _PN_LOCAL.match(text[len(iri):]):
                return f"{prefix}:{text[len(iri):]}"
        return f"<{text}>"

    def block(self, quads: list[Quad]) -> None:
        # group by graph, then by subject, keeping first-seen order
        groups: dict[URIRef | None, dict[URIRef, list[tuple[URIRef, Term]]]] = {}
        for s, p, o, g in quads:
            graph = g if self.trig else None
            groups.setdefault(graph, {}).setdefault(s, []).append((p, o))
        parts = []
        for graph, subjects in groups.items():
            indent = "    " if graph is not None else ""
            body = []
            for s, pos in subjects.items():
                by_pred: dict[URIRef, list[Term]] = {}
                for p, o in pos:
                    objs = by_pred.setdefault(p, [])
                    if o not in objs:
                        objs.append(o)
                preds = [f"{self.term(p)} {', '.join(self.term(o) for o in objs)}" for p, objs in by_pred.items()]
                sep = f" ;\n{indent}    "
                body.append(f"{indent}{self.term(s)} {sep.join(preds)} .\n\n")
            if graph is not None:
                parts.append(f"{self.term(graph)} {{\n{''.join(body)}}}\n\n")
            else:
                parts.append("".join(body) + "\n")
        self.out.write("".join(parts))


class BufferedSink(Sink):
    """JSON-LD and RDF/XML: collected in an rdflib graph, serialised at the end."""

    def __init__(self, out: IO[str], m: RdfMapping, fmt: str, context: dict[str, Any] | None) -> None:
        super().__init__(out)
        self.fmt = fmt
        self.context = context
        self.graph = Graph(bind_namespaces="core")
        self.graph.bind(m.onto.meta["prefix"], m.onto.meta["namespace"], replace=True)
        for prefix, iri in m.onto.prefixes.items():
            self.graph.bind(prefix, iri, override=True, replace=True)

    def block(self, quads: list[Quad]) -> None:
        for s, p, o, _g in quads:
            self.graph.add((s, p, o))

    def finish(self) -> None:
        if self.fmt == "json-ld":
            text = self.graph.serialize(format="json-ld", context=self.context, auto_compact=True)
        else:
            text = self.graph.serialize(format=self.fmt)
        self.out.write(text)


def make_sink(fmt: Format, out: IO[str], m: RdfMapping) -> Sink:
    if fmt.name in ("ntriples", "nquads"):
        return NTriplesSink(out, quads=fmt.quads)
    if fmt.name in ("turtle", "trig"):
        return TurtleSink(out, m, trig=fmt.name == "trig")
    if fmt.name == "jsonld":
        from ontology.jsonld import build as build_context

        return BufferedSink(out, m, "json-ld", build_context(m.onto)["@context"])
    return BufferedSink(out, m, "xml", None)


# -- the export ---------------------------------------------------------------------------------

@dataclass
class ExportStats:
    documents: int = 0
    entities: int = 0
    events: int = 0
    statements: int = 0


def _read_page(tx: neo4j.ManagedTransaction, query: str, *, after: str, limit: int, since: str | None,
               type_: str | None) -> list[dict[str, Any]]:
    return run(tx, query, after=after, limit=limit, since=since, type=type_)


def _read_reports(tx: neo4j.ManagedTransaction, doc_ids: list[str], since: str | None,
                  type_: str | None) -> list[dict[str, Any]]:
    return run(tx, "export-reports", docIds=doc_ids, since=since, type=type_)


def _pages(driver: neo4j.Driver, query: str, key: str, *, database: str | None, batch_size: int,
           since: str | None, type_: str | None) -> Iterator[list[dict[str, Any]]]:
    after = ""
    while True:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                            notifications_min_severity="OFF") as session:
            rows: list[dict[str, Any]] = session.execute_read(
                _read_page, query, after=after, limit=batch_size, since=since, type_=type_)
        if not rows:
            return
        yield rows
        if len(rows) < batch_size:
            return
        after = rows[-1][key]["id"]


def export(
    driver: neo4j.Driver, out: IO[str], fmt: Format | str, *, database: str | None = None,
    since: str | None = None, type_: str | None = None, batch_size: int = 500,
    m: RdfMapping | None = None,
) -> ExportStats:
    """Write the graph (or the events selected by ``since``/``type_`` and what they involve) to ``out``."""
    m = m or mapping()
    fmt = parse_format(fmt) if isinstance(fmt, str) else fmt
    since = parse_since(since)
    type_ = parse_type(type_, m.onto)
    builder = QuadBuilder(m, named_graphs=fmt.quads)
    sink = make_sink(fmt, out, m)
    stats = ExportStats()
    sink.start()

    def pages(query: str, key: str) -> Iterator[list[dict[str, Any]]]:
        return _pages(driver, query, key, database=database, batch_size=batch_size, since=since, type_=type_)

    for page in pages("export-documents", "document"):
        doc_ids = [row["document"]["id"] for row in page]
        reports: dict[str, list[dict[str, Any]]] = {}
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                            notifications_min_severity="OFF") as session:
            for r in session.execute_read(_read_reports, doc_ids, since, type_):
                reports.setdefault(r["doc"], []).append(r)
        for row in page:
            quads = list(builder.document(row["document"]))
            for r in reports.pop(row["document"]["id"], []):
                quads.extend(builder.report(r))
            stats.documents += 1
            stats.statements += len(quads)
            sink.block(quads)
    for page in pages("export-entities", "entity"):
        for row in page:
            quads = list(builder.entity(row["entity"], row["labels"]))
            stats.entities += 1
            stats.statements += len(quads)
            sink.block(quads)
    for page in pages("export-events", "event"):
        for row in page:
            quads = list(builder.event(row["event"], row["labels"], row["arguments"]))
            stats.events += 1
            stats.statements += len(quads)
            sink.block(quads)
    sink.finish()
    return stats


def check_writable(path: Path) -> None:
    """Fail (``UsageError``) unless a file can be created next to ``path`` and ``path`` replaced."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"--out {str(path)!r} is a directory")
    if not folder.is_dir():
        raise UsageError(f"--out {str(path)!r}: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"--out {str(path)!r}: not writable")


def export_to_file(path: Path, write: Callable[[IO[str]], _T]) -> _T:
    """Run ``write`` into a temporary file beside ``path`` and rename it into place on success only."""
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UsageError(f"--out {str(path)!r}: cannot write there ({exc.strerror})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            stats = write(fh)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return stats


def graph_of(text: str, fmt: Format | str) -> Dataset:
    """Parse an export back (for tests and checks): every format into one rdflib Dataset."""
    fmt = parse_format(fmt) if isinstance(fmt, str) else fmt
    ds = Dataset()
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                     "jsonld": "json-ld", "xml": "xml"}[fmt.name]
    ds.parse(data=text, format=rdflib_format)
    return ds
