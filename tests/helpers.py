"""Helpers the tests share: plain functions and constants (fixtures live in ``conftest.py``).

Each block below serves one package's tests; a test file imports what it needs from here, never
from ``tests.conftest``. Loading the spaCy pipeline takes seconds, so every test that runs the
extractor shares one instance for the whole session (``shared_extractor``; the ``extractor``
fixture returns it) and reads the schema output with ``run``, ``typed``, ``events`` and
``events_in_text``. Graph tests compare whole graphs with ``snapshot``.
"""

from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import neo4j
from fastapi.testclient import TestClient
from pydantic import SecretStr

import queries
from api.app import create_app
from enforcegraph import localneo4j
from enforcegraph.localneo4j import free_port as free_port  # re-exported for the server tests
from enforcegraph.settings import DEFAULT_SPACY_MODEL, Settings
from ingest.extract.pipeline import Extractor
from ingest.graph.writer import GraphWriter
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from tests.sample_graph import sample_extractions

#: The repository's root folder.
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE_CORPUS = ROOT / "corpus" / "sample"
TEST_PASSWORD = "test-run-password"


def local_settings(home: Path, port: int, **extra: object) -> Settings:
    """Settings for a project-local server in ``home`` (jars shared with the main cache)."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        neo4j_uri=None,
        neo4j_password=TEST_PASSWORD,
        neo4j_home=home,
        neo4j_jar_cache=ROOT / "var" / "neo4j-jars",
        neo4j_bolt_port=port,
        neo4j_heap="768m",
        neo4j_pagecache="128m",
        **extra,
    )


@contextmanager
def local_server(name: str, before_start: Callable[[Path], object] | None = None,
                 conf: dict[str, str] | None = None) -> Iterator[Settings]:
    """A Neo4j server of our own in a fresh folder on a free port, stopped and removed after.

    ``before_start(home)`` prepares the folder first (e.g. puts a plugin in ``home/plugins``);
    ``conf``: more ``neo4j.conf`` settings for it (e.g. a small transaction memory pool)."""
    home = ROOT / "var" / "test-runs" / f"{name}-{os.getpid()}"
    shutil.rmtree(home, ignore_errors=True)
    if before_start is not None:
        before_start(home)
    settings = local_settings(home, free_port())
    localneo4j.start(settings, extra_conf=conf)
    try:
        yield settings
    finally:
        localneo4j.stop(settings)
        shutil.rmtree(home, ignore_errors=True)


# -- the command line ------------------------------------------------------------------------------

def cli_env(settings: Settings, **overrides: str) -> dict[str, str]:
    """Environment for running the ``enforcegraph`` CLI as a user would, against ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ENFORCEGRAPH_", "NEO4J_"))}
    env.update({
        "ENFORCEGRAPH_ENVIRONMENT": "test",
        "ENFORCEGRAPH_NEO4J_HOME": str(settings.neo4j_home),
        "ENFORCEGRAPH_NEO4J_JAR_CACHE": str(settings.neo4j_jar_cache),
        "ENFORCEGRAPH_NEO4J_BOLT_PORT": str(settings.neo4j_bolt_port),
        "ENFORCEGRAPH_NEO4J_HEAP": settings.neo4j_heap,
        "ENFORCEGRAPH_NEO4J_PAGECACHE": settings.neo4j_pagecache,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
    })
    env.update(overrides)
    return env


def cli(*args: str) -> list[str]:
    """The argv that runs the installed CLI with this interpreter."""
    return [sys.executable, "-m", "enforcegraph.cli", *args]


# -- the API (tests/api): the sample corpus graph and a started app over it -----------------------

READ = {"X-API-Key": "api-test-read"}
WRITE = {"X-API-Key": "api-test-write"}


def api_settings(neo4j_settings: Settings) -> Settings:
    return neo4j_settings.model_copy(update={"read_keys": [SecretStr(READ["X-API-Key"])],
                                             "write_keys": [SecretStr(WRITE["X-API-Key"])]})


def write_sample(driver: neo4j.Driver, database: str) -> None:
    """The sample corpus's graph, then a wait into the next whole second: record times are kept to
    the second (docs/MONITORING.md), so a watchlist saved or a change feed read by the test after
    this sees the sample as older, as it would be in real use, however fast the machine."""
    queries.run(driver, "graph-clear", database=database)
    report = GraphWriter(driver, database=database).write(sample_extractions())
    assert report.failed == [], report.failed
    time.sleep(1.05 - time.time() % 1)


def counts(driver: neo4j.Driver, database: str) -> dict[str, int]:
    return {f"{r['kind']}:{r['name']}": r["count"] for r in queries.run(driver, "graph-counts", database=database)}


@contextmanager
def started(neo4j_settings: Settings) -> Iterator[TestClient]:
    """The app over this run's Neo4j, started through its lifespan (driver open)."""
    with TestClient(create_app(api_settings(neo4j_settings)), raise_server_exceptions=False) as client:
        yield client


def get(client: TestClient, url: str, **params: Any) -> Any:
    resp = client.get(url, params=params, headers=READ)
    assert resp.status_code == 200, (url, params, resp.text)
    return resp.json()


def entity_id(client: TestClient, name: str, type_: str | None = None) -> str:
    items = get(client, "/entities", q=name, **({"type": type_} if type_ else {}))["items"]
    match = [i for i in items if i["name"] == name]
    assert match, f"{name!r} not found: {[i['name'] for i in items]}"
    return str(match[0]["id"])


def all_pages(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(200):
        body = get(client, url, **params, **({"cursor": cursor} if cursor else {}))
        items += body["items"]
        cursor = body["next"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


# -- the signature question -------------------------------------------------------------------


# -- extraction (tests/ingest) ------------------------------------------------------------------

@cache
def shared_extractor() -> Extractor:
    """One extractor per test session, shared by the ``extractor`` fixture, the golden test and
    the tests that call the extractor outside a fixture (hypothesis properties)."""
    return Extractor(DEFAULT_SPACY_MODEL)


@cache
def cli_extraction(folder: Path) -> Path:
    """A JSON Lines file with ``enforcegraph extract --format jsonl`` run once per session over ``folder``'s
    documents, copied without their ``gold`` as ../shared/eval's scorer copies them.

    The scored evaluation sets (tests/ingest/extract/test_pipeline_eval.py) and the golden extraction
    (tests/test_extraction_golden.py) read the same documents through the same command: one run
    serves both, instead of the same sets being extracted twice."""
    work = Path(tempfile.mkdtemp(prefix="enforcegraph-cli-extraction-"))
    atexit.register(shutil.rmtree, work, ignore_errors=True)
    corpus = work / "corpus"
    corpus.mkdir()
    for f in sorted(folder.glob("*.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        doc.pop("gold", None)
        (corpus / f.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = work / "extraction.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        proc = subprocess.run([str(Path(sys.executable).with_name("enforcegraph")), "extract", "--format", "jsonl",
                               "--quiet", str(corpus)], stdout=fh, stderr=subprocess.PIPE, text=True, timeout=900,
                              check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


def run(extractor: Extractor, text: str) -> dict[str, Any]:
    """The schema output for a document of ``text``."""
    return extractor.extract(Document(id="t", text=text)).to_schema()


def staged_types(extractor: Extractor, text: str) -> dict[str, str]:
    """Each name and alias of the document's entities as the entity stage and the learned typer
    leave them, with its type: also a body the text only describes, which the output lists only
    where an event uses it (``pipeline.assemble``)."""
    from ingest.extract.learned.model import load_shipped
    from ingest.extract.learned.triggers import load_shipped as load_triggers
    from ingest.extract.pipeline import stages

    clusters = stages(extractor.nlp(text), None, load_triggers(), load_shipped()).clusters
    return {n: c.type for c in clusters for n in c.names()}


def typed(out: dict[str, Any]) -> dict[str, str]:
    """Each entity name and alias in ``out``, with the entity's type."""
    found = {}
    for e in out["entities"]:
        for n in [e["name"], *e["aliases"]]:
            found[n] = e["type"]
    return found


def events(out: dict[str, Any], etype: str) -> list[dict[str, Any]]:
    """The events of type ``etype`` in ``out``."""
    return [e for e in out["events"] if e["type"] == etype]


def events_in_text(extractor: Extractor, text: str, etype: str,
                   published: str = "2024-05-15") -> list[dict[str, Any]]:
    """The events of type ``etype`` extracted from ``text``, published on ``published``."""
    doc = Document(id="t", text=text, published=dt.date.fromisoformat(published))
    return events(extractor.extract(doc).to_schema(), etype)


def snapshot(driver: neo4j.Driver, db: str) -> list[tuple[str, str, str, str]]:
    """The whole graph as sorted rows, without the ingestion time."""
    rows = []
    for r in queries.run(driver, "graph-snapshot", database=db):
        props = {k: v for k, v in r["props"].items() if k != "ingestedAt"}
        rows.append((r["kind"], r["key"], json.dumps(sorted(r["labels"])), json.dumps(props, sort_keys=True,
                                                                                      default=str)))
    return sorted(rows)


# -- the writer (tests/ingest/graph) ---------------------------------------------------------------

def firm_doc(doc_id: str, name: str, aliases: list[str]) -> Extraction:
    """A one-sentence article naming one Chinese firm (with these aliases): for resolution and joins."""
    text = f"Regulators fined {name}."
    return Extraction(document=Document(id=doc_id, text=text), entities=[
        ExtractedEntity(name=name, type="Company", aliases=aliases, country="CN", confidence=0.9)])


def firms(driver: neo4j.Driver) -> dict[str, dict[str, object]]:
    """Every firm in the graph by id, with its properties."""
    return {r["key"]: r["props"] for r in queries.run(driver, "graph-snapshot")
            if r["kind"] == "node" and "Company" in r["labels"]}


def raid_articles(prefix: str, firm: str, days: list[dt.date], *, per_doc: int = 30,
                  aliases: list[str] | None = None) -> list[Extraction]:
    """Articles of raids on ``firm`` by the Ministry of State Security, one a day of ``days``, ``per_doc`` to
    an article: makes the ministry (and the firm) a hub of as many events as days (kept newest events)."""
    agent = "Ministry of State Security"
    out = []
    for n in range(0, len(days), per_doc):
        sentences = [f"On {d.isoformat()} the {agent} raided {firm}." for d in days[n:n + per_doc]]
        text = " ".join(sentences)
        evidence, at = [], 0
        for s in sentences:
            evidence.append(Evidence(text=s, start=at, end=at + len(s)))
            at += len(s) + 1
        events = [ExtractedEvent(type="Raid", date=d.isoformat(), agents=[agent], targets=[firm], evidence=ev)
                  for d, ev in zip(days[n:n + per_doc], evidence, strict=True)]
        doc = Document(id=f"{prefix}-{n // per_doc:04d}", text=text, published=days[n:n + per_doc][-1])
        out.append(Extraction(document=doc, events=events,
                              entities=[ExtractedEntity(name=agent, type="GovernmentBody", country="CN",
                                                        mentions=evidence),
                                        ExtractedEntity(name=firm, type="Company", country="CN",
                                                        aliases=aliases or [], mentions=evidence)]))
    return out


QUESTIONING_TEXT = "Shanghai police questioned staff of Halvorsen Analytics in Shanghai on 29 April 2024."


def questioning(doc_id: str, probabilities: dict[str, dict[str, float]]) -> Extraction:
    """One document's report of the same questioning, with these argument probabilities."""
    ev = Evidence(text=QUESTIONING_TEXT, start=0, end=len(QUESTIONING_TEXT))
    return Extraction(
        document=Document(id=doc_id, text=QUESTIONING_TEXT, published=dt.date(2024, 4, 30)),
        entities=[ExtractedEntity(name="Halvorsen Analytics", type="Company", country="NO"),
                  ExtractedEntity(name="Shanghai police", type="GovernmentBody", country="CN"),
                  ExtractedEntity(name="Shanghai", type="Place", country="CN")],
        events=[ExtractedEvent(type="Questioning", date="2024-04-29", agents=["Shanghai police"],
                               targets=["Halvorsen Analytics"], location="Shanghai", evidence=ev,
                               argument_probabilities=probabilities)])
