"""RDF syntaxes of the export: statements in, bytes out, through pyoxigraph (and back, for checks).

The export hands a writer one long iterator of statements ``(subject, predicate, object,
graph)`` made of pyoxigraph terms. Why pyoxigraph: its term encoders and writers are native
code, so escaping, prefixes and TriG/RDF-XML grouping cost little per statement, while
rdflib built a Python object tree per term (about 60 % of the old export's CPU).

* N-Triples and N-Quads are lines joined from each term's own N-Triples form (``str`` of a
  pyoxigraph term is its canonical encoding), written a few thousand lines at a time - that
  skips building a ``Triple`` object per statement, the single largest cost left.
* Turtle is written the same way, with the statements of a subject grouped and vocabulary
  terms as prefixed names (:class:`TurtleWriter`).
* TriG and RDF/XML go through :func:`pyoxigraph.serialize`, which consumes the iterator and
  writes as it goes (memory stays flat whatever the graph's size).
* JSON-LD frames each event with its arguments and evidence nested (:mod:`ontology.rdf.framed`),
  compacted with the ontology's context; it is built in memory.

XML 1.0 cannot carry most C0 controls (NUL, ESC, ...) even escaped, so RDF/XML literals have
them replaced by U+FFFD; the other syntaxes escape them (``\\u0000``).

When the statements stop with an error part-way, :meth:`Writer.fail` appends a trailing
record saying so (a comment in the line-based syntaxes), so a consumer of a cut stream that
does not check the transport still sees that the export is incomplete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO

import pyoxigraph as ox
from rdflib import Dataset

from ontology.errors import OptionError
from ontology.rdf.terms import RdfMapping, Statement, Term


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    media_type: str
    streaming: bool
    quads: bool
    description: str


FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("turtle", "ttl", "text/turtle", True, False, "Turtle (streamed)"),
    Format("ntriples", "nt", "application/n-triples", True, False, "N-Triples (streamed)"),
    Format("nquads", "nq", "application/n-quads", True, True,
           "N-Quads (streamed; each document's statements in its named graph)"),
    Format("trig", "trig", "application/trig", True, True,
           "TriG (streamed; each document's statements in its named graph)"),
    Format("jsonld", "jsonld", "application/ld+json", False, False, "JSON-LD (buffered in memory)"),
    Format("xml", "rdf", "application/rdf+xml", True, False, "RDF/XML (streamed)"),
]}

_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML,
               "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS}
#: Characters that XML 1.0 does not allow in a document at all (not even as references).
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINES_PER_WRITE = 1024
_SIMPLE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def parse_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise OptionError("format", f"unknown format {name!r}; choose one of {', '.join(FORMATS)}") from None


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def prefixes(m: RdfMapping) -> dict[str, str]:
    """The prefixes of the Turtle-like syntaxes: the ontology's, its vocabularies' and the data kinds'."""
    out: dict[str, str] = {m.onto.meta["prefix"]: m.onto.meta["namespace"]}
    out.update({k: v for k, v in m.onto.prefixes.items() if k != "owl"})
    out["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    for cls in m.onto.classes.values():
        if cls.iri:
            out[cls.iri] = f"{m.data_ns}{cls.iri}/"
    return out


class Writer:
    """Writes an iterator of statements to a binary stream in one syntax."""

    comment = b"#"

    def __init__(self, fmt: Format, out: IO[bytes], m: RdfMapping) -> None:
        self.fmt = fmt
        self.out = out
        self.m = m

    def write(self, statements: Iterable[Statement]) -> None:
        raise NotImplementedError

    def fail(self, reason: str) -> None:
        """Append a record saying that the export stopped part-way (best effort: the stream may be gone)."""
        line = " ".join(reason.split())[:300]
        self.out.write(b"\n" + self.comment + b" enforcegraph export FAILED part-way; this output is incomplete: "
                       + line.encode("utf-8", "replace") + b"\n")


class LineWriter(Writer):
    """N-Triples / N-Quads from the terms' own canonical N-Triples encodings."""

    def write(self, statements: Iterable[Statement]) -> None:
        quads = self.fmt.quads

        def lines() -> Iterator[str]:
            last_s: object = None
            s_text = ""
            for s, p, o, g in statements:
                if s is not last_s:
                    last_s, s_text = s, str(s)
                yield f"{s_text} {p} {o} {g} .\n" if quads and g is not None else f"{s_text} {p} {o} .\n"

        _write_text(self.out, lines())


class TurtleWriter(Writer):
    """Turtle from the terms' own N-Triples encodings (each is a valid Turtle term): the statements of
    one subject grouped with ``;``, vocabulary terms as prefixed names, data IRIs in full.

    Why not :func:`pyoxigraph.serialize` here: it needs a ``Triple`` object built in Python for every
    statement, which cost more than the rest of the export together (docs/BENCHMARKS.md)."""

    def write(self, statements: Iterable[Statement]) -> None:
        names = prefixes(self.m)
        vocabulary = [(v, k) for k, v in names.items() if not v.startswith(self.m.data_ns)]
        short: dict[Term, str] = {}  # vocabulary IRI -> its prefixed name (predicates and classes: few)

        def name(term: Term) -> str:
            text = short.get(term)
            if text is None:
                text = short[term] = _prefixed(term, vocabulary)
            return text

        def pieces() -> Iterator[str]:
            yield "".join(f"@prefix {k}: <{v}> .\n" for k, v in names.items())
            rdf_type = ox.NamedNode(RDF_TYPE)
            last_s: object = None
            s_text = ""
            for s, p, o, _g in statements:
                more = " ;"  # another statement of the subject before
                if s is not last_s:
                    last_s, text = s, str(s)
                    if text != s_text:
                        yield f" .\n{text}" if s_text else text
                        s_text, more = text, ""
                yield f"{more}\n    a {name(o)}" if p == rdf_type else f"{more}\n    {name(p)} {o}"
            if s_text:
                yield " .\n"

        _write_text(self.out, pieces())


def _write_text(out: IO[bytes], pieces: Iterable[str]) -> None:
    """Write ``pieces`` as UTF-8, joined a few thousand at a time."""
    it = iter(pieces)
    while chunk := "".join(islice(it, _LINES_PER_WRITE)):
        out.write(chunk.encode("utf-8"))


def _prefixed(term: Term, vocabulary: list[tuple[str, str]]) -> str:
    """``term`` as a prefixed name when one of the vocabulary's namespaces gives it a simple local
    name, else in its N-Triples form."""
    if isinstance(term, ox.NamedNode):
        for ns, prefix in vocabulary:
            local = term.value[len(ns):]
            if term.value.startswith(ns) and _SIMPLE_LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
    return str(term)


class OxigraphWriter(Writer):
    """Turtle, TriG and RDF/XML through :func:`pyoxigraph.serialize` (prefixes, grouping, escaping)."""

    def write(self, statements: Iterable[Statement]) -> None:
        objects = self._quads(statements) if self.fmt.quads else self._triples(statements)
        ox.serialize(objects, self.out, _OX_FORMATS[self.fmt.name], prefixes=prefixes(self.m))

    @staticmethod
    def _quads(statements: Iterable[Statement]) -> Iterator[ox.Quad]:
        for s, p, o, g in statements:
            yield ox.Quad(s, p, o) if g is None else ox.Quad(s, p, o, g)

    def _triples(self, statements: Iterable[Statement]) -> Iterator[ox.Triple]:
        if self.fmt.name == "xml":
            for s, p, o, _g in statements:
                if isinstance(o, ox.Literal) and _XML_ILLEGAL.search(o.value):
                    o = (ox.Literal(xml_safe(o.value), language=o.language) if o.language
                         else ox.Literal(xml_safe(o.value), datatype=o.datatype))
                yield ox.Triple(s, p, o)
        else:
            for s, p, o, _g in statements:
                yield ox.Triple(s, p, o)


class XmlWriter(OxigraphWriter):
    comment = b"<!--"

    def fail(self, reason: str) -> None:
        line = " ".join(reason.split())[:300].replace("--", "- -")
        self.out.write(b"\n<!-- enforcegraph export FAILED part-way; this output is incomplete: "
                       + xml_safe(line).encode("utf-8", "replace") + b" -->\n")


class JsonLdWriter(Writer):
    """JSON-LD 1.0, events framed with their arguments and evidence nested (:mod:`ontology.rdf.framed`;
    built in memory, written at the end)."""

    def write(self, statements: Iterable[Statement]) -> None:
        from ontology.rdf import framed

        framed.write(statements, self.out, self.m)

    def fail(self, reason: str) -> None:
        """Nothing was written (the document is built in memory), and half a JSON document helps nobody."""


def make_writer(fmt: Format, out: IO[bytes], m: RdfMapping) -> Writer:
    if fmt.name in ("ntriples", "nquads"):
        return LineWriter(fmt, out, m)
    if fmt.name == "turtle":
        return TurtleWriter(fmt, out, m)
    if fmt.name == "xml":
        return XmlWriter(fmt, out, m)
    if fmt.name == "jsonld":
        return JsonLdWriter(fmt, out, m)
    return OxigraphWriter(fmt, out, m)


def graph_of(text: str | bytes, fmt: Format | str) -> Dataset:
    """Parse an export back (for tests and checks): every format into one rdflib Dataset."""
    fmt = parse_format(fmt) if isinstance(fmt, str) else fmt
    ds = Dataset()
    rdflib_format = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                     "jsonld": "json-ld", "xml": "xml"}[fmt.name]
    ds.parse(data=text.decode("utf-8") if isinstance(text, bytes) else text, format=rdflib_format)
    return ds
