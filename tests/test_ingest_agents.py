"""Agents and laws of events, on our own sentences: the conjoined verb's actor, the ordering
body of "ordered X blocked, effectively shutting it", "in the custody of" a body, "police said"
and "British prosecutors" resolved to the named body of that kind, the named prosecution service
of an agentless charge; laws reached through "on suspicion of ... under", "accused of violating"
and "X Act charges"; and no merging of one sanction by two countries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.extract.pipeline import Extractor
from ingest.records import Document


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(DEFAULT_SPACY_MODEL)


def events(extractor: Extractor, text: str, etype: str) -> list[dict[str, Any]]:
    doc = Document(id="t", text=text, published=dt.date(2024, 5, 15))
    return [e for e in extractor.extract(doc).to_schema()["events"] if e["type"] == etype]


def test_conjoined_verb_shares_the_actor(extractor: Extractor) -> None:
    text = ("Officers of the Harbor Revenue Bureau raided the offices of Acme Media, the country's most "
            "widely read news site, on Tuesday and detained several of its editors.")
    found = events(extractor, text, "Detention")
    assert found and found[0]["agents"] == ["Harbor Revenue Bureau"]


def test_ordering_body_of_a_participle(extractor: Extractor) -> None:
    text = ("Acme Media is a news site. Hours later, the Information Ministry ordered the Acme Media website "
            "blocked, effectively shutting the portal down.")
    found = events(extractor, text, "Closure")
    assert found and found[0]["agents"] == ["Information Ministry"]


def test_quoted_police_is_the_named_police_body(extractor: Extractor) -> None:
    text = ("The Metropolitan Police opened an inquiry in March. Tom Hill and Mary Jones were arrested on May 3 "
            "in London, police said.")
    found = events(extractor, text, "Arrest")
    assert found and found[0]["agents"] == ["Metropolitan Police"]


def test_demonym_prosecutors_become_the_named_service(extractor: Extractor) -> None:
    text = ("British prosecutors have brought National Security Act charges against Tom Hill, the Crown "
            "Prosecution Service said on Saturday.")
    found = events(extractor, text, "Charge")
    assert found and found[0]["agents"] == ["Crown Prosecution Service"]
    assert found[0]["laws"] == ["National Security Act"]


def test_agentless_charge_takes_the_named_prosecution_service(extractor: Extractor) -> None:
    text = ("Tom Hill has been charged with arson. The charges were authorised by the Crown Prosecution "
            "Service last week.")
    found = [e for e in events(extractor, text, "Charge") if "Tom Hill" in e["targets"]]
    assert found and found[0]["agents"] == ["Crown Prosecution Service"]


def test_quoted_source_does_not_pass_a_law(extractor: Extractor) -> None:
    text = "According to the Ministry of State Security, the revised Counter-Espionage Law was adopted last month."
    found = events(extractor, text, "LawRevision")
    assert found and found[0]["agents"] == []


@pytest.mark.parametrize(("text", "etype"), [
    ("Police arrested Tom Hill on suspicion of inciting secession under the National Security Law.", "Arrest"),
    ("Tom Hill was charged with two offences under section 3 of the National Security Law on Friday.", "Charge"),
])
def test_laws_reached_through_the_charge(extractor: Extractor, text: str, etype: str) -> None:
    found = events(extractor, text, etype)
    assert found and found[0]["laws"] == ["National Security Law"], text


def test_one_person_sanctioned_by_two_countries_is_two_events(extractor: Extractor) -> None:
    text = ("Canada's foreign ministry sanctioned Tom Hill on Monday. Separately, the US Treasury Department "
            "sanctioned Tom Hill on Monday.")
    found = events(extractor, text, "Sanction")
    assert len(found) == 2, found
