"""The signature question on the sample corpus as `enforcegraph ingest` builds it: real extraction,
resolution and merging, then the API over HTTP - what `make demo` prints."""

from __future__ import annotations

import neo4j
import pytest

from enforcegraph.settings import Settings
from ingest.graph.writer import GraphWriter
from queries import run
from tests.helpers import READ, started
from tests.sample_graph import SAMPLE_CORPUS, ingested_extractions

pytestmark = [pytest.mark.neo4j,
              pytest.mark.skipif(not any(SAMPLE_CORPUS.glob("*.json")), reason="no sample corpus")]


def test_api_end_to_end_signature_question_on_the_ingested_corpus(clean_graph: neo4j.Driver,
                                                                  neo4j_settings: Settings) -> None:
    db = neo4j_settings.neo4j_database
    assert GraphWriter(clean_graph, database=db).write(list(ingested_extractions())).failed == []
    with started(neo4j_settings) as client:
        def firms(basis: str) -> set[str]:
            resp = client.get("/questions/targeted-after-law", headers=READ,
                              params={"law": "Counter-Espionage Law", "event_type": "Raid", "basis": basis})
            assert resp.status_code == 200, resp.text
            return {i["firm"]["name"] for i in resp.json()["items"]}

        assert firms("adopted") == {"Thistlecombe Risk Partners", "Sakuragawa Research Partners",
                                    "Falkenried Consulting"}
        assert firms("effective") == {"Sakuragawa Research Partners", "Falkenried Consulting"}
    run(clean_graph, "graph-clear", database=db)


def test_api_end_to_end_search_folds_accents_in_stored_names(clean_graph: neo4j.Driver,
                                                             neo4j_settings: Settings) -> None:
    import datetime as dt

    from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction

    text = "Tax inspectors searched the offices of Öztürkoğlu Danışmanlık in Izmir."
    ex = Extraction(
        document=Document(id="folding", text=text, published=dt.date(2024, 2, 1)),
        entities=[ExtractedEntity(name="Öztürkoğlu Danışmanlık", type="Company", country="TR")],
        events=[ExtractedEvent(type="Raid", targets=["Öztürkoğlu Danışmanlık"],
                               evidence=Evidence(text=text, start=0, end=len(text)))])
    GraphWriter(clean_graph, database=neo4j_settings.neo4j_database).write([ex])
    with started(neo4j_settings) as client:
        resp = client.get("/entities", headers=READ, params={"q": "ozturkoglu danismanlik"})
    assert resp.status_code == 200, resp.text
    assert [i["name"] for i in resp.json()["items"]][:1] == ["Öztürkoğlu Danışmanlık"]
