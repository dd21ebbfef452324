"""The command line: one line per user error, documented exit statuses."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import neo4j
import pytest

from enforcegraph.cli import build_parser, main
from tests.conftest import cli


def test_cli_has_every_subcommand() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert {"neo4j", "ingest", "extract", "export", "serve", "query"} <= set(sub.choices)  # type: ignore[arg-type]


def test_cli_bad_param_is_a_usage_error(capsys: object) -> None:
    assert main(["query", "document-get", "--param", "novalue"]) == 2


def test_cli_unknown_query_is_one_line_and_exit_2() -> None:
    proc = subprocess.run(cli("query", "no-such-query"), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "no query named 'no-such-query'" in proc.stderr


def test_cli_invalid_settings_are_one_line_and_exit_2() -> None:
    import os

    env = {**os.environ, "ENFORCEGRAPH_NEO4J_BOLT_PORT": "not-a-port"}
    proc = subprocess.run(cli("neo4j", "status"), capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert "neo4j_bolt_port" in proc.stderr


def test_cli_export_lost_mid_stream_is_one_line_naming_the_server(monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path) -> None:
    from enforcegraph.commands import export as command

    @contextmanager
    def no_server(settings: object) -> Iterator[object]:
        yield object()

    def lost(*args: object, **kwargs: object) -> None:
        raise neo4j.exceptions.ServiceUnavailable("connection lost")

    monkeypatch.setattr(command, "driver_session", no_server)
    monkeypatch.setattr(command.graph_export, "export", lost)
    out = tmp_path / "graph.nt"
    assert main(["export", "--format", "ntriples", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert f"export stopped part-way ({out} left as it was): cannot reach Neo4j at" in err
    assert not out.exists()


def test_cli_library_option_errors_get_their_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--since", "2023-13"]) == 2
    assert capsys.readouterr().err.strip() == "enforcegraph export: --since '2023-13': month must be in 1..12"
    assert main(["export", "--type", "Company"]) == 2
    assert capsys.readouterr().err.startswith("enforcegraph export: --type 'Company': not an event type")
