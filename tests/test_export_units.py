"""Export pieces that need no database: argument checks, atomic files, term encoding."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import XSD, Graph, Literal, URIRef

from enforcegraph.errors import UsageError
from ontology import export
from ontology.rdf import RdfMapping, decimal_text, mapping
from tests.conftest import cli

S = URIRef("https://w3id.org/enforcegraph/id/entity/x")
P = URIRef("https://w3id.org/enforcegraph/ontology#name")


@pytest.mark.parametrize("value", ["2023", "2023-05", "2023-05-09", None])
def test_since_accepts_partial_dates(value: str | None) -> None:
    assert export.parse_since(value) == value


@pytest.mark.parametrize("value", ["yesterday", "2023-13", "2023-02-30", "23-05-01", "2023-5"])
def test_since_rejects_malformed_dates(value: str) -> None:
    with pytest.raises(UsageError, match="--since"):
        export.parse_since(value)


def test_unknown_format_and_type_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="unknown format 'yaml'"):
        export.parse_format("yaml")
    with pytest.raises(UsageError, match="--type"):
        export.parse_type("Company", mapping().onto)
    assert export.parse_type("Raid", mapping().onto) == "Raid"


def _run_cli(*args: str, port: str = "1") -> subprocess.CompletedProcess[str]:
    # port 1: nothing listens there, so an error that comes first proves no work was attempted
    env = {"ENFORCEGRAPH_NEO4J_BOLT_PORT": port, "ENFORCEGRAPH_NEO4J_CONNECT_TIMEOUT": "2", "PATH": "/usr/bin:/bin"}
    return subprocess.run(cli("export", *args), capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize("args, message", [
    (["--format", "yaml"], "unknown format 'yaml'"),
    (["--since", "2023-13-01"], "--since"),
    (["--type", "Banana"], "--type"),
    (["--out", "/nonexistent-folder/x.nt"], "does not exist"),
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

    def work(out: io.TextIOBase) -> export.ExportStats:
        called.append(1)
        return export.ExportStats()

    a_file = tmp_path / "plain.txt"
    a_file.write_text("x")
    with pytest.raises(UsageError, match="does not exist"):
        export.export_to_file(a_file / "x.nt", work)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="is a directory"):
        export.export_to_file(tmp_path, work)  # type: ignore[arg-type]
    if os.geteuid() != 0:  # root writes anywhere
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o500)
        try:
            with pytest.raises(UsageError, match="not writable"):
                export.export_to_file(folder / "x.nt", work)  # type: ignore[arg-type]
        finally:
            folder.chmod(0o700)
    assert called == []


def test_failed_export_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"

    def failing(out: io.TextIOBase) -> export.ExportStats:
        out.write("<a> <b> <c> .\n" * 1000)
        raise RuntimeError("Neo4j went away")

    with pytest.raises(RuntimeError):
        export.export_to_file(target, failing)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        export.export_to_file(target, failing)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == [target] and target.read_text() == "old\n"


def test_successful_export_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "graph.nt"
    target.write_text("old\n")
    export.export_to_file(target, lambda out: (out.write("new\n"), export.ExportStats())[1])  # type: ignore[arg-type]
    assert target.read_text() == "new\n" and list(tmp_path.iterdir()) == [target]


text_strategy = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(text_strategy)
def test_ntriples_terms_roundtrip_through_two_parsers(value: str) -> None:
    line = f"{export.nt_term(S)} {export.nt_term(P)} {export.nt_term(Literal(value))} .\n"
    g = Graph().parse(data=line, format="nt")
    assert list(g.objects(S, P)) == [Literal(value)]
    quads = list(pyoxigraph.parse(line.encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert len(quads) == 1 and quads[0].object.value == value


@settings(max_examples=80, deadline=None)
@given(text_strategy)
def test_turtle_blocks_parse(value: str) -> None:
    buf = io.StringIO()
    m: RdfMapping = mapping()
    sink = export.TurtleSink(buf, m, trig=False)
    sink.start()
    sink.block([(S, P, Literal(value), None), (S, P, Literal("2023-05", datatype=XSD.gYearMonth), None)])
    g = Graph().parse(data=buf.getvalue(), format="turtle")
    assert len(g) == 2 and Literal(value) in set(g.objects(S, P))


@pytest.mark.parametrize("value, text", [(1, "1.0"), (0.5, "0.5"), (0.123456789, "0.123457"), (1e-7, "0.0")])
def test_decimal_lexical_form(value: float, text: str) -> None:
    assert decimal_text(value) == text


def test_export_one_valued_argument_keeps_the_best_supported_value() -> None:
    from ontology.export import QuadBuilder
    from ontology.rdf import mapping

    m = mapping()
    builder = QuadBuilder(m, named_graphs=False)
    args = [{"type": "LOCATION", "entity": "place-a", "sources": 1},
            {"type": "LOCATION", "entity": "place-b", "sources": 3},
            {"type": "TARGET", "entity": "company-x", "sources": 1},
            {"type": "TARGET", "entity": "company-y", "sources": 1}]
    quads = list(builder.event({"id": "raid-1", "date": "2023-03"}, ["EnforcementEvent", "Raid"], args))
    location = m.prop("location")
    target = m.prop("target")
    assert [str(o) for _s, p, o, _g in quads if p == location] == [str(m.node("Place", "place-b"))]
    assert len([o for _s, p, o, _g in quads if p == target]) == 2  # many-valued: every one
