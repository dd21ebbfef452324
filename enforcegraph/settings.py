"""One settings object for the whole product; nothing else reads ``os.environ``.

Values come from the environment (prefix ``ENFORCEGRAPH_``, plus the usual ``NEO4J_*``
variables) and from a ``.env`` file in the working directory. Outside development the object
refuses the insecure defaults, so a deployment cannot run with the demo password or keys.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote

from pydantic import AliasChoices, Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.extract import DEFAULT_MODEL
from queries.driver import USERINFO_RE, redact

if TYPE_CHECKING:
    from ingest.run.isolation import Limits
    from ingest.service import IngestOptions

__all__ = ["DEFAULT_SPACY_MODEL", "DEV_PASSWORD", "DEV_READ_KEY", "DEV_WRITE_KEY", "InsecureSettingsError",
           "Settings", "get_settings", "redact"]

DEV_PASSWORD = "enforcegraph-dev-password"  # noqa: S105 - the documented development default
DEV_READ_KEY = "dev-read-key"
DEV_WRITE_KEY = "dev-write-key"
DEFAULT_SPACY_MODEL = DEFAULT_MODEL  # the extraction library says which pipeline it was built on




class InsecureSettingsError(ValueError):
    """A development default was left in place outside development."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="ENFORCEGRAPH_", env_file=".env", env_file_encoding="utf-8", extra="ignore",
    )

    environment: Literal["development", "test", "production"] = "development"

    # -- Neo4j ---------------------------------------------------------------
    neo4j_uri: str | None = Field(
        default=None, validation_alias=AliasChoices("NEO4J_URI", "ENFORCEGRAPH_NEO4J_URI"),
        repr=False,  # it may hold a password; print bolt_uri instead
        description="Bolt URI of an existing server. Unset: the local server that `neo4j start` runs.",
    )
    neo4j_user: str = Field(default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "ENFORCEGRAPH_NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        default=SecretStr(DEV_PASSWORD),
        validation_alias=AliasChoices("NEO4J_PASSWORD", "ENFORCEGRAPH_NEO4J_PASSWORD"),
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "ENFORCEGRAPH_NEO4J_DATABASE"),
    )
    neo4j_connect_timeout: float = 10.0

    # -- the local server (used only when neo4j_uri is unset) ----------------
    neo4j_version: str = "5.26.30"
    neo4j_home: Path = Path("var/neo4j")
    neo4j_jar_cache: Path = Path("var/neo4j-jars")
    neo4j_bolt_port: int = Field(default=7687, ge=1, le=65535)
    neo4j_heap: str = "1g"
    neo4j_pagecache: str = "512m"
    neo4j_transaction_memory: str | None = Field(
        default=None, pattern=r"^[0-9]+[kmgKMG]?$",
        description="Most memory one transaction may use on the local server (db.memory.transaction.max, "
                    "e.g. 256m); a query over it fails alone (the API answers 503). Unset: Neo4j's default.")
    neo4j_start_timeout: float = 120.0
    java_bin: str = "java"

    # -- extraction ----------------------------------------------------------
    spacy_model: str = Field(
        default=DEFAULT_SPACY_MODEL,
        description="Name of the installed spaCy pipeline package (e.g. en_core_web_sm).",
    )

    extract_max_chars: int = Field(
        default=400_000, ge=1000, description="Longest document text extracted; longer ones are refused.")
    extract_seconds: float = Field(default=60.0, gt=0, description="Time budget of one document's extraction.")
    extract_memory_mb: int = Field(default=2048, ge=256, description="Memory one extraction process may use.")

    # -- graph building ------------------------------------------------------
    tombstone_retention_days: float = Field(
        default=90.0, ge=0,
        description="How long removals keep their tombstones for delta exports; `enforcegraph compact-tombstones` "
                    "deletes older ones (a delta can then start no earlier than the cutoff).",
    )
    judgements_path: Path = Field(
        default=Path("judgements.json"),
        description="Pinned resolution decisions (same / different entities) that every ingest respects.",
    )
    ingest_group_size: int = Field(default=50, ge=1, description="Documents written per transaction.")
    ingest_retry_seconds: float = Field(
        default=60.0, ge=0, description="How long a write waits for a lost Neo4j to come back before giving up.")

    # -- API -----------------------------------------------------------------
    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    read_keys: list[SecretStr] = Field(default_factory=lambda: [SecretStr(DEV_READ_KEY)])
    write_keys: list[SecretStr] = Field(default_factory=lambda: [SecretStr(DEV_WRITE_KEY)])
    cors_origins: list[str] = Field(default_factory=list)
    api_max_body_bytes: int = Field(
        default=20_000_000, ge=1, description="Largest request body accepted; larger ones get a 413 before parsing.",
    )
    api_extract_workers: int = Field(
        default=2, ge=1, le=32,
        description="Processes that extract posted documents (each holds its own spaCy pipeline).",
    )
    api_concurrent_queries: int = Field(
        default_factory=lambda: 2 * (os.cpu_count() or 1), ge=1, le=1024,
        description="Read queries the API runs inside Neo4j at once (default twice the CPUs); the others "
                    "wait their turn in the API, first come first served (api.admission).")
    api_queue_seconds: float = Field(
        default=8.0, gt=0, le=600,
        description="How long a query may wait for its turn before the request answers 503 with Retry-After.")
    export_page_size: int = Field(default=500, ge=1, le=100_000,
                                  description="Nodes read from Neo4j per transaction by the RDF export.")

    # -- watchlists ----------------------------------------------------------
    watch_after_ingest: bool = Field(
        default=True, description="Re-screen every saved watchlist (and send its webhooks) after each ingest.")
    watch_timeout_seconds: float = Field(
        default=30.0, ge=0, description="How long an ingest waits for those checks before it carries on.")
    webhook_allow_private: bool = Field(
        default=False, description="Let webhooks call private, loopback and link-local addresses (own network).")

    @property
    def local_neo4j(self) -> bool:
        """True when the project runs its own Neo4j rather than using ``NEO4J_URI``."""
        return not self.neo4j_uri

    @property
    def bolt_uri(self) -> str:
        """The server's URI without any ``user:password@`` (those travel in :attr:`neo4j_auth`), so
        it is safe to print."""
        if not self.neo4j_uri:
            return f"bolt://127.0.0.1:{self.neo4j_bolt_port}"
        return USERINFO_RE.sub(r"\1", self.neo4j_uri)

    @property
    def neo4j_auth(self) -> tuple[str, str]:
        """(user, password): from ``NEO4J_URI``'s ``user:password@`` when it has one, else the settings."""
        user, password = self.neo4j_user, self.neo4j_password.get_secret_value()
        found = USERINFO_RE.search(self.neo4j_uri or "")
        if found:
            name, sep, secret = found.group(2).partition(":")
            user = unquote(name) or user
            password = unquote(secret) if sep else password
        return user, password

    def extract_limits(self) -> Limits:
        """What one document may cost in extraction."""
        from ingest.run.isolation import Limits

        return Limits(max_chars=self.extract_max_chars, seconds=self.extract_seconds,
                      memory_mb=self.extract_memory_mb)

    def ingest_options(self) -> IngestOptions:
        """The plain values an ingest run takes (the ingest library reads no settings itself)."""
        from ingest.service import IngestOptions

        return IngestOptions(spacy_model=self.spacy_model, database=self.neo4j_database,
                             group_size=self.ingest_group_size, judgements_path=self.judgements_path,
                             retry_seconds=self.ingest_retry_seconds, limits=self.extract_limits())

    @model_validator(mode="after")
    def _refuse_insecure_defaults(self) -> Settings:
        if self.environment != "production":
            return self
        problems = []
        if self.neo4j_auth[1] == DEV_PASSWORD:
            problems.append("NEO4J_PASSWORD")
        if any(k.get_secret_value() == DEV_READ_KEY for k in self.read_keys):
            problems.append("ENFORCEGRAPH_READ_KEYS")
        if any(k.get_secret_value() == DEV_WRITE_KEY for k in self.write_keys):
            problems.append("ENFORCEGRAPH_WRITE_KEYS")
        if problems:
            raise InsecureSettingsError(
                "development defaults are not allowed in production; set " + ", ".join(problems)
            )
        return self


@cache
def get_settings() -> Settings:
    return Settings()
