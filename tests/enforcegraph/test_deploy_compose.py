"""docker-compose.yml and the Dockerfile agree with the settings (no Docker engine needed)."""

from __future__ import annotations

import re

import yaml

from enforcegraph.settings import Settings
from tests.conftest import ROOT

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _env_names() -> set[str]:
    """Every environment variable name the settings object reads."""
    names = set()
    prefix = Settings.model_config.get("env_prefix", "")
    for name, field in Settings.model_fields.items():
        names.add(f"{prefix}{name}".upper())
        alias = field.validation_alias
        if alias is not None and hasattr(alias, "choices"):
            names.update(str(c).upper() for c in alias.choices)
    return names


def test_deploy_compose_runs_neo4j_526_community_with_a_volume_and_health_check() -> None:
    neo = COMPOSE["services"]["neo4j"]
    assert neo["image"] == "neo4j:5.26-community"
    assert any(v.startswith("neo4j-data:/data") for v in neo["volumes"])
    assert "neo4j-data" in COMPOSE["volumes"]
    assert "cypher-shell" in " ".join(neo["healthcheck"]["test"])
    assert neo["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD")
    assert any(p.endswith(":7687") for p in neo["ports"])


def test_deploy_compose_api_reads_only_known_settings() -> None:
    api = COMPOSE["services"]["api"]
    assert api["build"] == "."
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = api["environment"]
    unknown = set(env) - _env_names()
    assert not unknown, f"variables the settings do not read: {unknown}"
    assert env["NEO4J_URI"] == "bolt://neo4j:7687"
    # The API's port inside the container is the one the service publishes.
    assert any(p.endswith(f":{env['ENFORCEGRAPH_API_PORT']}") for p in api["ports"])


def test_deploy_compose_secrets_come_from_the_environment() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    for var in ("NEO4J_PASSWORD", "ENFORCEGRAPH_READ_KEYS", "ENFORCEGRAPH_WRITE_KEYS"):
        assert re.search(r"\$\{" + var + r":\?", text), f"{var} must be required, not defaulted"


def test_deploy_dockerfile_installs_the_lock_and_serves() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes" in text and "requirements.lock" in text
    assert 'CMD ["enforcegraph", "serve"]' in text
    for package in ("enforcegraph", "ingest", "ontology", "api", "queries"):
        assert f"COPY {package} ./{package}" in text
        assert (ROOT / package / "__init__.py").exists()
