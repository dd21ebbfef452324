"""Helpers shared by the tests (fixtures live in ``conftest.py``; plain functions live here).

Loading the spaCy pipeline takes seconds, so every test that runs the extractor shares one
instance for the whole session (``shared_extractor``; the ``extractor`` fixture returns it) and
reads the schema output with ``run``, ``typed``, ``events`` and ``events_in_text``. Graph tests
compare whole graphs with ``snapshot``.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

import neo4j

import queries
from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.extract.pipeline import Extractor
from ingest.records import Document


@cache
def shared_extractor() -> Extractor:
    """One extractor per test session, shared by the ``extractor`` fixture, the golden test and
    the tests that call the extractor outside a fixture (hypothesis properties)."""
    return Extractor(DEFAULT_SPACY_MODEL)


def run(extractor: Extractor, text: str) -> dict[str, Any]:
    """The schema output for a document of ``text``."""
    return extractor.extract(Document(id="t", text=text)).to_schema()


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
