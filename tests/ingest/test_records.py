"""The extraction records: argument probabilities in the output, and extractions stored before them."""

from __future__ import annotations

import json

from ingest.extract.pipeline import Extractor
from ingest.records import Document, Evidence, ExtractedEvent, Extraction

TEXT = "Police in Beijing raided the office of Halvorsen Analytics on Monday, the company said."


def test_records_output_carries_the_attachers_probability_of_each_argument(extractor: Extractor) -> None:
    result = extractor.extract(Document(id="t", text=TEXT))
    [event] = [e for e in result.to_schema()["events"] if e["type"] == "Raid"]
    probabilities = event["argument_probabilities"]
    assert set(probabilities) <= {"agents", "targets"} and probabilities.get("targets")
    for field_name, by_name in probabilities.items():
        assert set(by_name) <= set(event[field_name])
        assert all(0.0 <= p <= 1.0 for p in by_name.values())
    # the record the graph stores keeps them, and reads back the same
    again = Extraction.model_validate_json(result.model_dump_json())
    assert again.events[0].argument_probabilities == result.events[0].argument_probabilities


def test_records_without_probabilities_read_as_not_judged() -> None:
    ev = Evidence(text=TEXT, start=0, end=len(TEXT))
    stored = Extraction(document=Document(id="t", text=TEXT), events=[ExtractedEvent(
        type="Raid", agents=["Police"], targets=["Halvorsen Analytics"], evidence=ev)]).model_dump()
    del stored["events"][0]["argument_probabilities"]  # an extraction stored by an older release
    old = Extraction.model_validate_json(json.dumps(stored, default=str))
    assert old.events[0].probability_of("agents", "Police") is None
    assert "argument_probabilities" not in old.to_schema()["events"][0]
