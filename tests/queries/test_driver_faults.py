"""Neo4j faults seen by users: each becomes one line naming the server (without credentials).

The driver's own exception classes (and the code Neo4j sends for its login rate limit) are
mapped by :func:`enforcegraph.db.translate` for the CLI and by the API's error table; a live
check runs the CLI with wrong credentials in ``NEO4J_URI`` against the test server.
"""

from __future__ import annotations

import subprocess

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from neo4j.exceptions import (
    AuthError,
    ClientError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from api import exc as api_exc
from enforcegraph import cli as cli_module
from enforcegraph.db import RATE_LIMIT_CODE, translate
from enforcegraph.errors import Neo4jUnavailable
from enforcegraph.settings import Settings
from tests.conftest import cli, cli_env

URI = "bolt://admin:hunter2@db.example:7687"


def _settings() -> Settings:
    return Settings(_env_file=None, environment="test", neo4j_uri=URI)  # type: ignore[call-arg]


def _server_error(code: str, message: str) -> Neo4jError:
    return Neo4jError._hydrate_neo4j(code=code, message=message)


FAULTS = {
    "rate-limit": (_server_error(RATE_LIMIT_CODE, "The client has provided incorrect authentication details too "
                                                  "many times in a row."), "AuthenticationRateLimit"),
    "auth": (_server_error("Neo.ClientError.Security.Unauthorized", "bad"), "refused the credentials"),
    "unreachable": (ServiceUnavailable("Couldn't connect to db.example:7687"), "cannot reach"),
    "lost": (SessionExpired("connection to bolt://admin:hunter2@db.example:7687 lost"), "lost the connection"),
    "lost-in-commit": (IncompleteCommit("Connection lost during commit"), "may or may not have landed"),
    "busy": (_server_error("Neo.TransientError.General.DatabaseUnavailable", "down"), "unavailable for now"),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_db_faults_translate_to_one_line_without_credentials(name: str) -> None:
    fault, words = FAULTS[name]
    error = translate(fault, _settings())
    assert isinstance(error, Neo4jUnavailable)
    text = str(error)
    assert words in text and "db.example:7687" in text
    assert "hunter2" not in text and "admin:" not in text and "\n" not in text


def test_db_faults_classes_match_the_driver() -> None:
    assert isinstance(FAULTS["rate-limit"][0], ClientError)
    assert isinstance(FAULTS["auth"][0], AuthError)
    assert isinstance(FAULTS["busy"][0], TransientError)
    # a query bug of ours is not an outage: it passes through
    bug = _server_error("Neo.ClientError.Statement.SyntaxError", "Invalid input")
    assert translate(bug, _settings()) is bug


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_db_faults_in_a_command_end_as_one_line_and_exit_1(name: str, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    fault, words = FAULTS[name]

    def boom(args: object, settings: Settings) -> int:
        raise fault

    monkeypatch.setattr(cli_module, "get_settings", _settings)
    parser = cli_module.build_parser()
    monkeypatch.setattr(cli_module, "build_parser", lambda: parser)
    parser._subparsers._group_actions[0].choices["query"].set_defaults(run=boom)  # type: ignore[union-attr]
    assert cli_module.main(["query", "graph-counts"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and words in err and "hunter2" not in err


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_db_faults_in_the_api_are_503_with_retry_after(name: str) -> None:
    fault, _ = FAULTS[name]
    app = FastAPI()
    app.state.settings = _settings()
    api_exc.install(app)

    @app.get("/boom")
    def boom() -> None:
        raise fault

    resp = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert resp.status_code == 503
    assert resp.headers["Retry-After"].isdigit()
    assert resp.json()["error"] == "Neo4jUnavailable" and "hunter2" not in resp.text


def test_db_faults_a_query_bug_in_the_api_stays_a_500() -> None:
    app = FastAPI()
    app.state.settings = _settings()
    api_exc.install(app)

    @app.get("/bug")
    def bug() -> None:
        raise _server_error("Neo.ClientError.Statement.SyntaxError", "Invalid input")

    assert TestClient(app, raise_server_exceptions=False).get("/bug").status_code == 500


@pytest.mark.neo4j
def test_db_faults_wrong_password_in_uri_is_one_line_without_it(neo4j_settings: Settings) -> None:
    port = neo4j_settings.neo4j_bolt_port
    # another user than the tests' own, so that its failed logins never rate-limit them
    env = cli_env(neo4j_settings, NEO4J_URI=f"bolt://intruder:Wr0ng-Secret@127.0.0.1:{port}")
    proc = subprocess.run(cli("query", "graph-counts"), env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert f"bolt://127.0.0.1:{port}" in proc.stderr and "'intruder'" in proc.stderr
    assert "Wr0ng-Secret" not in proc.stderr + proc.stdout and "Traceback" not in proc.stderr


@pytest.mark.neo4j
def test_db_faults_right_password_in_uri_logs_in(neo4j_settings: Settings) -> None:
    port = neo4j_settings.neo4j_bolt_port
    password = neo4j_settings.neo4j_password.get_secret_value()
    env = cli_env(neo4j_settings, NEO4J_URI=f"bolt://neo4j:{password}@127.0.0.1:{port}", NEO4J_PASSWORD="unused")
    proc = subprocess.run(cli("query", "graph-counts"), env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_db_faults_api_starts_while_neo4j_rate_limits_its_logins(monkeypatch: pytest.MonkeyPatch,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    import api.app

    class RateLimited:
        def verify_connectivity(self) -> None:
            raise FAULTS["rate-limit"][0]

        def close(self) -> None:
            pass

    monkeypatch.setattr(api.app, "open_driver", lambda settings, verify: RateLimited())
    with TestClient(api.app.create_app(_settings())) as client:
        assert client.get("/ontology").status_code == 200
    warned = [r.getMessage() for r in caplog.records if "AuthenticationRateLimit" in r.getMessage()]
    assert warned and "db.example:7687" in warned[0] and "hunter2" not in warned[0]
