"""Helpers shared by the extraction tests: one ``Extractor`` and readers of its output.

Loading the spaCy pipeline takes seconds, so the test modules that run the extractor on their
own sentences share one instance for the whole session. A module uses the fixture by importing
``extractor_fixture`` (pytest finds it under the name ``extractor``) and reads the schema output
with ``run``, ``typed``, ``events`` and ``events_in_text``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import pytest

from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.extract.pipeline import Extractor
from ingest.records import Document


@cache
def shared_extractor() -> Extractor:
    """One extractor per test session, however many modules import the fixture (pytest makes a
    fixture of its own for each module that imports it)."""
    return Extractor(DEFAULT_SPACY_MODEL)


@pytest.fixture(scope="session", name="extractor")
def extractor_fixture() -> Extractor:
    return shared_extractor()


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
