"""The bundled sample corpus: our own articles, in the input form, covering the whole schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.records import Document
from ontology import load
from tests.helpers import SAMPLE_CORPUS

FILES = sorted(SAMPLE_CORPUS.glob("*.json"))


def _load(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_corpus_has_15_to_25_documents_with_unique_ids() -> None:
    assert 15 <= len(FILES) <= 25
    ids = [_load(f)["id"] for f in FILES]
    assert len(set(ids)) == len(ids)
    assert all(f.stem == i for f, i in zip(FILES, ids, strict=True))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_corpus_document_reads_and_gold_is_grounded(path: Path) -> None:
    raw = _load(path)
    doc = Document.model_validate(raw)
    assert doc.published is not None and doc.text.strip()
    assert str(raw["source"]).endswith(".example")
    gold = raw["gold"]
    assert isinstance(gold, dict)
    names = {n for e in gold["entities"] for n in [e["name"], *e.get("aliases", [])]}
    for ev in gold["events"]:
        assert ev["evidence"] in doc.text
        for role in ("agents", "targets", "laws"):
            for name in ev.get(role) or []:
                assert name in names, f"{ev['type']} {role} {name!r} is not an annotated entity"


def test_corpus_covers_every_event_type_and_four_acting_countries() -> None:
    types, countries = set(), set()
    for f in FILES:
        gold = _load(f)["gold"]
        assert isinstance(gold, dict)
        country_of = {e["name"]: e.get("country") for e in gold["entities"]}
        for ev in gold["events"]:
            types.add(ev["type"])
            countries.update(country_of.get(a) for a in ev.get("agents") or [])
    assert types == set(load().event_types())
    assert len(countries - {None}) >= 4
