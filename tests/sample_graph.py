"""Extraction records from the sample corpus's hand-made "gold" annotations.

Until the extractor exists, the ontology and export tests build their graph from these
records, written through the same :class:`ingest.graph.writer.GraphWriter` the ingest uses.
Gold evidence is a substring of the text, so its offsets are found with ``str.find``; an
entity's evidence is the sentence of the first place the text names it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = ROOT / "corpus" / "sample"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentence_at(text: str, start: int, end: int) -> Evidence:
    """The sentence of ``text`` around ``[start, end)``."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() if m else len(text)
    return Evidence(text=text[left:right], start=left, end=right)


def _entity(raw: dict[str, Any], text: str) -> ExtractedEntity:
    mentions = []
    for name in [raw["name"], *(raw.get("aliases") or [])]:
        at = text.find(name)
        if at >= 0:
            mentions.append(sentence_at(text, at, at + len(name)))
            break
    country = raw.get("country")
    return ExtractedEntity(
        name=raw["name"], type=raw["type"], aliases=list(raw.get("aliases") or []),
        country=country.upper() if country else None, mentions=mentions,
    )


def _event(raw: dict[str, Any], text: str) -> ExtractedEvent | None:
    evidence = raw.get("evidence") or ""
    at = text.find(evidence) if evidence else -1
    if at < 0:
        return None
    return ExtractedEvent(
        type=raw["type"], date=raw.get("date"), effective=raw.get("effective"),
        agents=list(raw.get("agents") or []), targets=list(raw.get("targets") or []),
        location=raw.get("location"), laws=list(raw.get("laws") or []),
        evidence=Evidence(text=evidence, start=at, end=at + len(evidence)),
        confidence=float(raw.get("confidence", 1.0)),
    )


def extraction_from_gold(raw: dict[str, Any]) -> Extraction:
    doc = Document.model_validate(raw)
    gold = raw["gold"]
    events = [e for e in (_event(ev, doc.text) for ev in gold.get("events", [])) if e is not None]
    return Extraction(document=doc, entities=[_entity(e, doc.text) for e in gold.get("entities", [])],
                      events=events)


def sample_extractions(folder: Path = SAMPLE_CORPUS) -> list[Extraction]:
    """One extraction per ``*.json`` document of ``folder`` that has a gold member, in file order."""
    out = []
    for path in sorted(folder.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(raw, dict) and "gold" in raw:
            out.append(extraction_from_gold(raw))
    return out


@cache
def ingested_extractions(folder: Path = SAMPLE_CORPUS) -> tuple[Extraction, ...]:
    """The sample corpus through the real extractor, as ``enforcegraph ingest`` writes it (once per run)."""
    from enforcegraph.settings import Settings
    from ingest.extract.pipeline import Extractor
    from ingest.readers import ReadError, read_paths

    docs = [d for d in read_paths([folder]) if not isinstance(d, ReadError)]
    model = Settings(_env_file=None).spacy_model  # type: ignore[call-arg]
    return tuple(Extractor(model).extract_many(docs))
