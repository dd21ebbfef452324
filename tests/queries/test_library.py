"""The query library: headers, parameters, and labels that exist in the ontology."""

from __future__ import annotations

import re

import pytest

import queries
from ontology import load
from queries.library import QueryError, parse, render, template_values

NODE_LABEL = re.compile(r"\(\s*\w*\s*((?::\w+)+)")
REL_TYPE = re.compile(r"\[\s*\w*\s*:\s*(\w+(?:\s*\|\s*\w+)*)")


def test_queries_library_parses_header_and_params() -> None:
    q = parse("x", "// summary: Find it.\n// param id: str - the id\n// returns: n\nMATCH (n {id: $id}) RETURN n")
    assert q.summary == "Find it." and q.params == {"id": "str - the id"} and q.returns == "n"
    assert q.text == "MATCH (n {id: $id}) RETURN n"


def test_queries_library_rejects_undeclared_parameters() -> None:
    with pytest.raises(ValueError, match="declares"):
        parse("x", "// summary: s\nMATCH (n {id: $id}) RETURN n")
    with pytest.raises(ValueError, match="summary"):
        parse("x", "MATCH (n) RETURN n")


def test_queries_library_checks_given_parameters() -> None:
    q = queries.get("document-get")
    q.check_params({"id": "a"})
    with pytest.raises(QueryError, match="missing id"):
        q.check_params({})
    with pytest.raises(QueryError, match="unknown x"):
        q.check_params({"id": "a", "x": 1})
    with pytest.raises(QueryError, match="no query named"):
        queries.get("drop-everything")


def test_queries_library_every_file_loads_and_uses_only_ontology_terms() -> None:
    onto = load()
    labels = set(onto.classes) | set(onto.internal_nodes)  # domain classes and declared bookkeeping nodes
    rel_types = set(onto.relation_types()) | set(onto.internal_relationships)
    assert queries.names(), "no queries found"
    for name in queries.names():
        text = queries.get(name).text
        for group in NODE_LABEL.findall(text):
            for label in filter(None, group.split(":")):
                assert label in labels, f"{name}: label {label!r} is not an ontology class"
        for group in REL_TYPE.findall(text):
            for rel in re.split(r"\s*\|\s*", group):
                assert rel in rel_types, f"{name}: relationship {rel!r} is not an ontology relation"


def test_queries_library_access_header_must_match_the_clauses() -> None:
    assert parse("r", "// summary: s\nMATCH (n) RETURN n").read_only
    w = parse("w", "// summary: s\n// access: write\n// param id: x\nMERGE (n:Doc {id: $id})")
    assert w.access == "write" and not w.read_only
    with pytest.raises(ValueError, match="access: write"):
        parse("w", "// summary: s\nMATCH (n) SET n.x = 1")
    with pytest.raises(ValueError, match="access: destructive"):
        parse("d", "// summary: s\n// access: write\nMATCH (n) DETACH DELETE n")
    with pytest.raises(ValueError, match="access: read"):
        parse("r", "// summary: s\n// access: write\nMATCH (n) RETURN n")
    with pytest.raises(ValueError, match="not one of"):
        parse("r", "// summary: s\n// access: maybe\nMATCH (n) RETURN n")


def test_queries_library_graph_clear_is_destructive_and_api_queries_read_only() -> None:
    assert queries.get("graph-clear").access == "destructive"
    assert all(queries.get(n).read_only for n in queries.names() if n.startswith(("api-", "export-")))


def test_queries_library_cli_refuses_write_queries_without_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    from enforcegraph.cli import main

    assert main(["query", "graph-clear"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--allow-write" in err and "deletes data" in err
    assert main(["query", "graph-write-documents", "-p", "rows=[]"]) == 2
    assert "changes data" in capsys.readouterr().err
    assert main(["query"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert any(line.startswith("graph-clear [destructive]: ") for line in listing)
    assert any(line.startswith("graph-counts: ") for line in listing)


def test_queries_library_api_read_path_refuses_a_write_query() -> None:
    from api.graph import read

    with pytest.raises(ValueError, match="not a read query"):
        read(None, "neo4j", "graph-clear")  # type: ignore[arg-type]


TEMPLATE = """// summary: Paths of at most {{hops}} step(s).
// template hops: 1..4 - steps
// param from: str - id
MATCH p = (a {id: $from})-[*..{{hops*2}}]-(b) RETURN p"""


def test_queries_library_template_renders_checked_integers_only() -> None:
    assert template_values("t", TEMPLATE) == ("hops", range(1, 5))
    q = render("t", TEMPLATE, 3)
    assert q.name == "t-3" and q.summary == "Paths of at most 3 step(s)." and "[*..6]" in q.text
    assert q.params == {"from": "str - id"}
    for bad in ("3 OR 1=1", 0, 5, True):
        with pytest.raises(QueryError, match="hops must be an integer from 1 to 4"):
            render("t", TEMPLATE, bad)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="placeholder"):
        parse("t", TEMPLATE)  # a template is never a query by itself
    with pytest.raises(ValueError, match="not the template's"):
        render("t", TEMPLATE.replace("{{hops*2}}", "{{depth}}"), 2)


def test_queries_library_paths_template_gives_the_four_stable_names() -> None:
    names = [n for n in queries.names() if n.startswith("api-paths")]
    assert names == ["api-paths-1", "api-paths-2", "api-paths-3", "api-paths-4"]
    for hops in range(1, 5):
        text = queries.get(f"api-paths-{hops}").text
        assert f"*..{2 * hops}]" in text and "{{" not in text
    with pytest.raises(QueryError, match="no query named"):
        queries.get("api-paths")
