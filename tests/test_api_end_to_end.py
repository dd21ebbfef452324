"""The signature question on the sample corpus as `enforcegraph ingest` builds it: real extraction,
resolution and merging, then the API over HTTP - what `make demo` prints."""

from __future__ import annotations

import neo4j
import pytest

from enforcegraph.settings import Settings
from ingest.graph_writer import GraphWriter
from queries import run
from tests.api_sample import READ, started
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
