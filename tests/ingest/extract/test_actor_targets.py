"""The last checks of an event's targets: a place is no target, and a sitting leader is one only
where the event's own sentence puts him there (``actor_targets.py``)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from ingest.extract.actor_targets import actor_targets, holds_office, outlet_key
from ingest.extract.pipeline import Extractor
from ingest.extract.stage_records import Cluster, Event, Mention
from tests.helpers import events_in_text


def _entity(doc: Doc, cid: int, name: str, etype: str = "Person") -> Cluster:
    n = len(name.split())
    mentions = [Mention(t.i, t.i + n, name, etype, "ner") for t in doc if doc[t.i:t.i + n].text == name]
    return Cluster(cid, mentions, etype, name)


def _event(doc: Doc, etype: str, word: str, targets: list[Cluster]) -> Event:
    tok = next(t for t in doc if t.text == word)
    ev = Event(etype, tok, tok.sent, targets=list(targets))
    ev.argument_probability = {("target", c.name): 0.9 for c in targets}
    return ev


def test_actor_targets_place_is_dropped_and_an_event_left_without_target_too(extractor: Extractor) -> None:
    doc = extractor.nlp("Police detained John Doe in Batignolles on Monday.")
    doe, place = _entity(doc, 1, "John Doe"), _entity(doc, 2, "Batignolles", "Place")
    both = _event(doc, "Detention", "detained", [place, doe])
    only_place = _event(doc, "Detention", "detained", [place])
    law = _event(doc, "LawRevision", "detained", [])
    assert actor_targets([both, only_place, law]) == [both, law]
    assert both.targets == [doe]
    assert both.argument_probability == {("target", "John Doe"): 0.9}


def test_actor_targets_sitting_leader_borrowed_by_a_pronoun_is_dropped(extractor: Extractor) -> None:
    doc = extractor.nlp("President Richard Roe praised the police. A court arrested him on Monday.")
    roe = _entity(doc, 1, "Richard Roe")
    assert holds_office(roe, doc[:])
    assert actor_targets([_event(doc, "Arrest", "arrested", [roe])]) == []


def test_actor_targets_leader_as_the_subject_who_orders_is_dropped(extractor: Extractor) -> None:
    doc = extractor.nlp("Prime Minister Richard Roe ordered the expulsion of Jane Doe.")
    roe, doe = _entity(doc, 1, "Richard Roe"), _entity(doc, 2, "Jane Doe")
    assert holds_office(roe, doc[:])
    ev = _event(doc, "Expulsion", "expulsion", [roe, doe])
    assert actor_targets([ev]) == [ev] and ev.targets == [doe]


def test_actor_targets_through_the_extractor_no_leader_as_arrested(extractor: Extractor) -> None:
    text = ("President Richard Roe praised the police on Monday. Officers arrested him at his home "
            "in Lisbon.")
    arrests = events_in_text(extractor, text, "Arrest", "2024-03-01")
    assert all("Richard Roe" not in ev["targets"] for ev in arrests)


def test_actor_targets_judge_who_sentences_is_no_target(extractor: Extractor) -> None:
    doc = extractor.nlp("Jane Doe was tried in Lisbon. Supreme Court judge Richard Roe sentenced her to "
                        "two years.")
    roe, doe = _entity(doc, 1, "Richard Roe"), _entity(doc, 2, "Jane Doe")
    assert holds_office(roe, doc[:])
    ev = _event(doc, "Sentence", "sentenced", [roe, doe])
    assert actor_targets([ev]) == [ev] and ev.targets == [doe]


@pytest.mark.parametrize(("text", "trigger", "etype", "office"), [
    ("Police arrested President Richard Roe at his residence on Monday.", "arrested", "Arrest", True),
    ("President Richard Roe was arrested at his residence on Monday.", "arrested", "Arrest", True),
    ("Former President Richard Roe left the country. A court charged him on Monday.", "charged", "Charge",
     False),
    ("Richard Roe praised the police. A court arrested him on Monday.", "arrested", "Arrest", False),
    ("The party's vice president Richard Roe has been held since December.", "held", "Detention", False),
    ("The company's president Richard Roe praised the staff. Police arrested him.", "arrested", "Arrest",
     False),
])
def test_actor_targets_kept_when_acted_on_or_holding_no_office(extractor: Extractor, text: str, trigger: str,
                                                               etype: str, office: bool) -> None:
    """Named as the one acted on (object, passive subject), or a former holder, a deputy, a
    firm's president, a person with no title: the target stays."""
    doc = extractor.nlp(text)
    roe = _entity(doc, 1, "Richard Roe")
    assert holds_office(roe, doc[:]) == office
    ev = _event(doc, etype, trigger, [roe])
    assert actor_targets([ev]) == [ev] and ev.targets == [roe]


def test_actor_targets_closure_of_a_person_is_dropped(extractor: Extractor) -> None:
    """A Closure closes a body (SCHEMA.md): a person borrowed as its target goes, the body stays,
    and a closure left with a person alone is no event."""
    doc = extractor.nlp("Richard Roe ran Harbor Radio until the regulator shut it down in May.")
    roe, radio = _entity(doc, 1, "Richard Roe"), _entity(doc, 2, "Harbor Radio", "Company")
    both = _event(doc, "Closure", "shut", [roe, radio])
    only_roe = _event(doc, "Closure", "shut", [roe])
    assert actor_targets([both, only_roe]) == [both]
    assert both.targets == [radio]
    assert both.argument_probability == {("target", "Harbor Radio"): 0.9}


def test_actor_targets_person_stays_target_of_other_events(extractor: Extractor) -> None:
    doc = extractor.nlp("Police detained Richard Roe and shut Harbor Radio in May.")
    roe = _entity(doc, 1, "Richard Roe")
    ev = _event(doc, "Detention", "detained", [roe])
    assert actor_targets([ev]) == [ev] and ev.targets == [roe]


@pytest.mark.parametrize(("source", "key"), [
    ("steppetribune.example", "steppetribune"), ("www.palm-wire.example.com", "palmwire"), (None, None), ("", None),
])
def test_actor_targets_outlet_key_is_the_first_label_of_the_domain(source: str | None, key: str | None) -> None:
    assert outlet_key(source) == key


def test_actor_targets_publishing_outlet_borrowed_from_the_dateline_is_dropped(extractor: Extractor) -> None:
    """The outlet that tells the story is no target of an event whose sentence does not name it;
    where the sentence names it, it stays."""
    doc = extractor.nlp("ALMATY (Steppe Tribune) - Officials spoke on Monday. Two politicians were stopped from "
                        "leaving. Police raided Steppe Tribune on Tuesday.")
    outlet = _entity(doc, 1, "Steppe Tribune", "Organization")
    roe = _entity(doc, 2, "Richard Roe")
    borrowed = _event(doc, "ExitBan", "stopped", [outlet])
    with_person = _event(doc, "ExitBan", "stopped", [outlet, roe])
    named = _event(doc, "Raid", "raided", [outlet])
    assert actor_targets([borrowed, with_person, named], "steppetribune.example") == [with_person, named]
    assert with_person.targets == [roe] and named.targets == [outlet]
    kept = _event(doc, "ExitBan", "stopped", [outlet])
    assert actor_targets([kept]) == [kept]  # no source given: nothing is known of the publisher
