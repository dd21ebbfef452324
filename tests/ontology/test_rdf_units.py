"""Export pieces that need no database: argument checks, atomic files, term encoding."""

from __future__ import annotations

import io
import os
import re
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from ontology.errors import OptionError
from ontology.rdf import clean_text, decimal_text, files, mapping, quads, stream, writers
from ontology.rdf.writers import make_writer, parse_format, xml_safe
from tests.helpers import cli


@pytest.mark.parametrize("value", ["2023", "2023-05", "2023-05-09", None])
def test_since_accepts_partial_dates(value: str | None) -> None:
    assert stream.parse_since(value) == value


@pytest.mark.parametrize("value", ["yesterday", "2023-13", "2023-02-30", "23-05-01", "2023-5"])
def test_since_rejects_malformed_dates(value: str) -> None:
    with pytest.raises(OptionError, match=f"^'{value}': ") as raised:
        stream.parse_since(value)
    assert raised.value.option == "since"


def test_unknown_format_and_type_are_usage_errors() -> None:
    with pytest.raises(OptionError, match="unknown format 'yaml'"):
        stream.parse_format("yaml")
    with pytest.raises(OptionError, match="'Company': not an event type") as raised:
        stream.parse_type("Company", mapping().onto)
    assert raised.value.option == "type"
    assert stream.parse_type("Raid", mapping().onto) == "Raid"


def _run_cli(*args: str, port: str = "1") -> subprocess.CompletedProcess[str]:
    # port 1: nothing listens there, so an error that comes first proves no work was attempted
    env = {"ENFORCEGRAPH_NEO4J_BOLT_PORT": port, "ENFORCEGRAPH_NEO4J_CONNECT_TIMEOUT": "2", "PATH": "/usr/bin:/bin"}
    return subprocess.run(cli("export", *args), capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize("args, message", [
    (["--format", "yaml"], "unknown format 'yaml'"),
    (["--since", "2023-13-01"], "--since"),
    (["--type", "Banana"], "--type"),
    (["--out", "/nonexistent-folder/x.nt"], "does not exist"),
    (["--format", "nquads", "--changed-since", "soon"], "--changed-since"),
    (["--format", "turtle", "--changed-since", "2026-01-01T00:00:00Z"], "nquads or trig"),
])
def test_cli_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    proc = _run_cli(*args)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert proc.stdout == ""


def test_cli_help_says_which_formats_buffer() -> None:
    proc = subprocess.run(cli("export", "--help"), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    text = " ".join(proc.stdout.split())
    assert "JSON-LD (buffered in memory)" in text and "N-Triples (streamed)" in text


def test_unwritable_out_fails_before_any_work(tmp_path: Path) -> None:
    called: list[int] = []

    def work(out: IO[bytes]) -> stream.ExportStats:
        called.append(1)
        return stream.ExportStats()

    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    with pytest.raises(OptionError, match="does not exist"):
        files.export_to_file(a_file / "x.nt", work)
    with pytest.raises(OptionError, match="is a directory"):
        files.export_to_file(tmp_path, work)
    if os.geteuid() != 0:  # root writes anywhere
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        try:
            with pytest.raises(OptionError, match="not writable"):
                files.export_to_file(folder / "x.nt", work)
        finally:
            folder.chmod(0o700)
    assert called == []


def test_failed_export_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"

    def failing(out: IO[bytes]) -> stream.ExportStats:
        out.write(b"<a> <b> <c> .\n" * 1000)
        raise RuntimeError("Neo4j went away")

    with pytest.raises(RuntimeError):
        files.export_to_file(target, failing)
    assert list(tmp_path.iterdir()) == []
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        files.export_to_file(target, failing)
    assert list(tmp_path.iterdir()) == [target] and target.read_text() == "old\n"


def _write_new(out: IO[bytes]) -> stream.ExportStats:
    out.write(b"new\n")
    return stream.ExportStats()


def test_export_units_out_file_mode_comes_from_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        files.export_to_file(tmp_path / "a.nt", _write_new)
        os.umask(0o002)
        files.export_to_file(tmp_path / "b.nt", _write_new)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.nt").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "b.nt").stat().st_mode) == 0o664


def test_export_units_out_file_keeps_the_replaced_files_mode(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    target.write_text("old\n")
    target.chmod(0o604)
    files.export_to_file(target, _write_new)
    assert target.read_bytes() == b"new\n" and stat.S_IMODE(target.stat().st_mode) == 0o604


def test_export_units_out_refuses_a_symlink_and_leaves_its_target_alone(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "graph.nt"
    link.symlink_to(victim)
    with pytest.raises(OptionError, match="symbolic link"):
        files.export_to_file(link, _write_new)
    assert link.is_symlink() and victim.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.nt", "victim.txt"]
    proc = _run_cli("--out", str(link))
    assert proc.returncode == 2 and "symbolic link" in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert victim.read_text() == "precious\n"


def test_successful_export_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    target.write_text("old\n")
    files.export_to_file(target, _write_new)
    assert target.read_text() == "new\n" and list(tmp_path.iterdir()) == [target]


text_strategy = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
ANY_TEXT = st.text(max_size=40)  # lone surrogates included: they must not break an export either


def _document_statements(value: str, named: bool = False) -> list[writers.Statement]:
    builder = quads.QuadBuilder(mapping(), named_graphs=named)
    return list(builder.document({"id": value or "x", "title": value, "published": "2023-05"}))


def _write(fmt: str, statements: list[writers.Statement]) -> bytes:
    buf = io.BytesIO()
    make_writer(parse_format(fmt), buf, mapping()).write(iter(statements))
    return buf.getvalue()


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT)
def test_export_units_every_syntax_parses_any_text(value: str) -> None:
    statements = _document_statements(value, named=True)
    clean = clean_text(value)
    for fmt, oxfmt in [("ntriples", pyoxigraph.RdfFormat.N_TRIPLES), ("nquads", pyoxigraph.RdfFormat.N_QUADS),
                       ("turtle", pyoxigraph.RdfFormat.TURTLE), ("trig", pyoxigraph.RdfFormat.TRIG),
                       ("xml", pyoxigraph.RdfFormat.RDF_XML)]:
        data = _write(fmt, statements)
        parsed = list(pyoxigraph.parse(data, format=oxfmt))
        assert len(parsed) == len(statements), fmt
        titles = {q.object.value for q in parsed if q.predicate.value.endswith("#title")}
        assert titles == {xml_safe(clean) if fmt == "xml" else clean}, fmt
    g = writers.graph_of(_write("ntriples", statements), "ntriples")
    assert Literal(clean) in set(g.objects(None, URIRef(str(mapping().prop("title")))))


@pytest.mark.parametrize("bad", ["\x00", "\x1b", "a\x00b\x1bc\x07", "\ufffe", "\ud800"])
def test_export_units_xml_stays_well_formed_with_control_characters(bad: str) -> None:
    statements = _document_statements(f"id{bad}")
    data = _write("xml", statements)
    root = ElementTree.fromstring(data)  # noqa: S314 - our own output; raises when ill-formed
    assert root.tag.endswith("RDF")
    assert "\ufffd" in data.decode("utf-8")
    nt = _write("ntriples", statements).decode("utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f]", nt)  # C0 controls are escaped in N-Triples


def test_export_units_writer_appends_a_failure_record() -> None:
    def broken() -> Iterator[writers.Statement]:
        yield from _document_statements("doc-1")
        raise ConnectionError("Neo4j went away")

    for fmt in ("ntriples", "turtle", "trig", "xml"):
        buf = io.BytesIO()
        with pytest.raises(ConnectionError):
            writer = make_writer(parse_format(fmt), buf, mapping())
            try:
                writer.write(broken())
            except ConnectionError:
                writer.fail("ConnectionError after 3 statements")
                raise
        assert b"enforcegraph export FAILED part-way" in buf.getvalue().splitlines()[-1], fmt


@pytest.mark.parametrize("value, text", [(1, "1.0"), (0.5, "0.5"), (0.123456789, "0.123457"), (1e-7, "0.0")])
def test_decimal_lexical_form(value: float, text: str) -> None:
    assert decimal_text(value) == text


def test_export_one_valued_argument_keeps_the_best_supported_value() -> None:
    from ontology.rdf.quads import QuadBuilder

    m = mapping()
    builder = QuadBuilder(m, named_graphs=False)
    args = [{"type": "LOCATION", "entity": "place-a", "sources": 1},
            {"type": "LOCATION", "entity": "place-b", "sources": 3},
            {"type": "TARGET", "entity": "company-x", "sources": 1},
            {"type": "TARGET", "entity": "company-y", "sources": 1}]
    quads = list(builder.event({"id": "raid-1", "date": "2023-03"}, ["EnforcementEvent", "Raid"], args))
    location = str(m.prop("location"))
    target = str(m.prop("target"))
    assert [o.value for _s, p, o, _g in quads if p.value == location] == [str(m.node("Place", "place-b"))]
    assert len([o for _s, p, o, _g in quads if p.value == target]) == 2  # many-valued: every one


KEYWORDS_11 = {"@version", "@protected", "@propagate", "@import", "@nest", "@prefix", "@included", "@json",
               "@direction", "@none"}


def _keys(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _keys(v)
    elif isinstance(value, list):
        for v in value:
            yield from _keys(v)


def test_export_units_jsonld_is_1_0_plain_json_friendly_and_lossless() -> None:
    import json

    m = mapping()
    builder = quads.QuadBuilder(m, named_graphs=False)
    args = [{"type": "TARGET", "entity": "firm-a", "sources": 1}]
    statements = [*builder.event({"id": "raid-1", "date": "2023-05", "confidence": 0.8, "sourceCount": 2},
                                 ["EnforcementEvent", "Raid"], args),
                  *builder.report({"id": "raid-1", "doc": "doc-1", "labels": ["EnforcementEvent", "Raid"],
                                   "evidence": "Police raided.", "start": 0, "end": 14, "confidence": 0.8})]
    doc = json.loads(_write("jsonld", statements))
    assert not set(_keys(doc)) & KEYWORDS_11, "JSON-LD 1.1 keywords break 1.0 processors such as n10s"
    assert "id" not in set(_keys(doc["@graph"])), "no plain 'id' key beside '@id'"
    event = next(n for n in doc["@graph"] if n["@id"].endswith("/event/raid-1"))
    assert event["sourceCount"] == 2 and event["identifier"] == "raid-1"
    [report] = event["report"]  # framed: the evidence nested in its event, not a separate object
    assert report["start"] == 0 and report["end"] == 14 and report["evidence"] == "Police raided."
    assert not [n for n in doc["@graph"] if "/report/" in n["@id"]]
    as_nt = writers.graph_of(_write("ntriples", statements), "ntriples")
    assert set(writers.graph_of(json.dumps(doc), "jsonld")) == set(as_nt)


def test_stream_read_ahead_keeps_order_raises_in_place_and_stops_when_closed() -> None:
    import threading
    import time

    from ontology.rdf.stream import read_ahead

    assert list(read_ahead(iter(range(50)), depth=2)) == list(range(50))

    def failing() -> Iterator[int]:
        yield 1
        yield 2
        raise ConnectionError("database gone")

    got: list[int] = []
    with pytest.raises(ConnectionError, match="database gone"):
        for x in read_ahead(failing(), depth=2):
            got.append(x)
    assert got == [1, 2], "every item before the error arrives, then the error itself"

    produced: list[int] = []

    def endless() -> Iterator[int]:
        n = 0
        while True:
            produced.append(n)
            yield n
            n += 1

    ahead = read_ahead(endless(), depth=2)
    assert next(ahead) == 0
    ahead.close()  # the consumer stops early: the reading thread must not run on
    deadline = time.monotonic() + 5
    while any(t.name == "export-read-ahead" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(t.name == "export-read-ahead" for t in threading.enumerate())
    assert len(produced) <= 5, "reads at most depth + a few ahead, never the whole source"
