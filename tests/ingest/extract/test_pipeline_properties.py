"""Properties that hold for any input text: extraction never raises, evidence is exact."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.records import Document
from tests.helpers import shared_extractor

WORDS = ["Police", "raided", "detained", "arrested", "the", "offices", "of", "Acme", "Group", "in",
         "Beijing", "on", "Monday", "March", "2023", "by", "authorities", "Ministry", "of", "State",
         "Security", "(MSS)", "fined", "its", "staff", "were", "not", "could", "be", "\n", ",", ".",
         "Chinese", "Law", "under", "Counter-Espionage", "Mr.", "Wang", "expelled", "’s", "the following month"]

def check(text: str, published: dt.date | None) -> None:
    result = shared_extractor().extract(Document(id="p", text=text, published=published))
    text = result.document.text  # offsets point into the stored text (control characters read as spaces)
    for ev in result.events:
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    for ent in result.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text
    result.to_schema()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300), st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
def test_properties_arbitrary_unicode_never_raises(text: str, published: dt.date | None) -> None:
    check(text, published)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=60),
       st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))))
def test_properties_newsy_word_salad_evidence_is_exact(words: list[str], published: dt.date | None) -> None:
    check(" ".join(words), published)


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "(", "MSS (", "2023-02-30", "Feb 30, 2023 raid"])
def test_properties_edge_texts(text: str) -> None:
    check(text, dt.date(2024, 1, 1))
