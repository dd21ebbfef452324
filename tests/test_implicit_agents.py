"""Document-level arguments (issue 11): agents an event's own sentence does not name, read from
the rest of the story per SCHEMA.md, and targets a following sentence lists. Our own sentences."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from enforcegraph.settings import DEFAULT_SPACY_MODEL
from ingest.pipeline import Extractor
from ingest.records import Document


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(DEFAULT_SPACY_MODEL)


def extract(extractor: Extractor, text: str) -> dict[str, Any]:
    return extractor.extract(Document(id="t", text=text, published=dt.date(2023, 5, 9))).to_schema()


def of_type(out: dict[str, Any], etype: str) -> list[dict[str, Any]]:
    return [e for e in out["events"] if e["type"] == etype]


def test_implicit_agents_acting_state_authorities(extractor: Extractor) -> None:
    out = extract(extractor, "Belarusian journalist Ihar Losik was detained in Minsk in June 2020.")
    found = of_type(out, "Detention")
    assert found and found[0]["agents"] == ["Belarusian authorities"]
    body = next(e for e in out["entities"] if e["name"] == "Belarusian authorities")
    assert body["type"] == "GovernmentBody" and body["country"] == "BY"


def test_implicit_agents_lent_by_another_event_on_the_target(extractor: Extractor) -> None:
    text = ("Officers of the State Security Bureau searched the office of Harbor Analytics on 4 May. "
            "Harbor Analytics was later fined 2 million yuan.")
    fine = of_type(extract(extractor, text), "Fine")
    assert fine and fine[0]["agents"] == ["State Security Bureau"]


def test_implicit_agents_story_enforcer(extractor: Extractor) -> None:
    text = ("Investigators of the State Security Bureau detained Lin Wei on 3 May. "
            "The bureau also searched the office of Harbor Analytics on 4 May. "
            "Harbor Analytics was later fined 2 million yuan.")
    detention = of_type(extract(extractor, text), "Detention")
    assert detention and detention[0]["agents"] == ["State Security Bureau"]


def test_implicit_agents_no_state_no_agent(extractor: Extractor) -> None:
    """Where the text makes no state clear, nothing is invented."""
    out = extract(extractor, "Anna Petrova was detained on Monday.")
    found = of_type(out, "Detention")
    assert found and found[0]["agents"] == []


def test_implicit_agents_court_not_lent_to_an_arrest(extractor: Extractor) -> None:
    text = ("The Minsk Regional Court sentenced Maria Kalesnikava to 11 years on Monday. "
            "Kalesnikava was arrested in Minsk in September 2020.")
    arrest = of_type(extract(extractor, text), "Arrest")
    assert arrest and arrest[0]["agents"] == ["Belarusian authorities"]


@pytest.mark.parametrize("listing", ["They are Anna Petrova, Ivan Sokolov and Maria Lebedeva.",
                                     "Those held are Anna Petrova, Ivan Sokolov and Maria Lebedeva."])
def test_implicit_agents_targets_listed_in_next_sentence(extractor: Extractor, listing: str) -> None:
    text = f"Police in Minsk detained three journalists on Monday. {listing}"
    found = of_type(extract(extractor, text), "Detention")
    assert found and found[0]["targets"] == ["Anna Petrova", "Ivan Sokolov", "Maria Lebedeva"]


def test_implicit_agents_they_without_a_list_is_not_a_list(extractor: Extractor) -> None:
    text = "Police in Minsk detained three journalists from Belsat on Monday. They were released later."
    found = of_type(extract(extractor, text), "Detention")
    assert all(t not in ("Police", "Minsk") for e in found for t in e["targets"])


def test_implicit_agents_many_events_stay_linear(extractor: Extractor) -> None:
    """Thousands of agentless events on one target: bounded work per event."""
    line = "Harbor Analytics was fined in Minsk on Monday. "
    start = time.perf_counter()
    out = extract(extractor, line * 1500)
    assert time.perf_counter() - start < 60
    assert of_type(out, "Fine")


def test_implicit_agents_surname_the_ner_missed(extractor: Extractor) -> None:
    """A lone surname after the full name is that person, not a new entity."""
    text = ("Ivan Petrov, a reporter for Dozhd, was questioned in Moscow on Friday. "
            "Petrov was arrested on Saturday.")
    out = extract(extractor, text)
    arrest = of_type(out, "Arrest")
    assert arrest and arrest[0]["targets"] == ["Ivan Petrov"]
    assert "Petrov" not in [e["name"] for e in out["entities"]]
