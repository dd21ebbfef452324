"""The extraction records: argument probabilities and date bases in the output, and extractions stored before them."""

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


def test_records_output_says_how_each_date_was_found(extractor: Extractor) -> None:
    text = ("Police in Beijing raided the office of Halvorsen Analytics on 12 May 2024. The firm advises "
            "foreign investors on Chinese suppliers. Its manager Ole Berg was detained by state security officers.")
    result = extractor.extract(Document(id="t", text=text))
    events = {e["type"]: e for e in result.to_schema()["events"]}
    assert (events["Raid"]["date"], events["Raid"]["date_basis"]) == ("2024-05-12", "sentence")
    # the detention's sentence gives no date: the story's raid lends its own, marked as a guess
    assert (events["Detention"]["date"], events["Detention"]["date_basis"]) == ("2024-05-12", "story")
    again = Extraction.model_validate_json(result.model_dump_json())
    assert [e.date_basis for e in again.events] == [e.date_basis for e in result.events]


def test_records_without_a_date_basis_read_as_unknown() -> None:
    ev = Evidence(text=TEXT, start=0, end=len(TEXT))
    stored = Extraction(document=Document(id="t", text=TEXT), events=[ExtractedEvent(
        type="Raid", date="2024-05", targets=["Halvorsen Analytics"], evidence=ev)]).model_dump()
    del stored["events"][0]["date_basis"]  # an extraction stored by an older release
    old = Extraction.model_validate_json(json.dumps(stored, default=str))
    assert old.events[0].date_basis is None and "date_basis" not in old.to_schema()["events"][0]
