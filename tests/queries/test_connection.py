"""queries.Connection: plain values in, one-line errors out; the shell adds only its own words."""

from __future__ import annotations

from neo4j.exceptions import AuthError, ServiceUnavailable

from enforcegraph.db import connection_of
from enforcegraph.settings import Settings
from queries import Connection, Neo4jUnavailable
from queries.driver import RATE_LIMIT_CODE


class _RateLimited(Exception):
    code = RATE_LIMIT_CODE


def test_connection_messages_name_values_not_settings() -> None:
    plain = Connection("bolt://db.example:7687", "neo4j", "s3cret", "graph")
    limited = plain.translate(_RateLimited())
    assert isinstance(limited, Neo4jUnavailable)
    assert str(limited).endswith("wait a few seconds and check the password")
    refused = str(plain.translate(AuthError("no")))
    assert refused == "Neo4j at bolt://db.example:7687 refused the credentials of user 'neo4j'"
    assert "s3cret" not in repr(plain)
    bug = KeyError("x")
    assert plain.translate(bug) is bug


def test_connection_of_settings_adds_the_shell_hints() -> None:
    settings = Settings(_env_file=None, neo4j_uri=None, neo4j_password="pw", neo4j_bolt_port=17999)  # type: ignore[call-arg]
    conn = connection_of(settings)
    assert (conn.uri, conn.user, conn.database) == (settings.bolt_uri, "neo4j", settings.neo4j_database)
    assert str(conn.translate(_RateLimited())).endswith("check NEO4J_PASSWORD")
    unreachable = str(conn.translate(ServiceUnavailable("refused")))
    assert unreachable.startswith(f"cannot reach Neo4j at {settings.bolt_uri}: refused")
    assert unreachable.endswith("; start it with `enforcegraph neo4j start`")
