"""The fuller names a government body's context spells (``ingest.extract.body_forms``), on
hand-built documents and clusters: seat, possessive place, ordinal, the possessive-free proper
name; never a form naming another state, never a bare common noun."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from ingest.extract.body_forms import add_body_forms
from ingest.extract.stage_records import Cluster, Mention

VOCAB = spacy.blank("en").vocab


def _doc(text: str) -> Doc:
    return Doc(VOCAB, words=text.split(" "))


def _cluster(doc: Doc, i: int, words: str, type_: str = "GovernmentBody", country: str | None = None) -> Cluster:
    n = len(words.split(" "))
    assert doc[i:i + n].text == words
    return Cluster(id=i, mentions=[Mention(i, i + n, words, type_, "ner", country=country)], type=type_,
                   name=words, country=country)


def test_body_forms_seat_and_realm_after_the_name() -> None:
    doc = _doc("the Higher Regional Court in Stuttgart and the Investigative Committee of Russia acted")
    court, stuttgart = _cluster(doc, 1, "Higher Regional Court"), _cluster(doc, 5, "Stuttgart", "Place")
    committee = _cluster(doc, 8, "Investigative Committee")  # "Russia": a place the gazetteer lists
    add_body_forms(doc, [court, stuttgart, committee])
    assert court.aliases == ["Higher Regional Court in Stuttgart"]
    assert committee.aliases == ["Investigative Committee of Russia"]
    assert court.name == "Higher Regional Court"  # the name, and so the entity's id, stay
    assert stuttgart.forms == []  # places get no forms


def test_body_forms_possessive_and_ordinal_places_in_front() -> None:
    doc = _doc("Moscow 's Meshchansky District Court and the Istanbul 24th High Criminal Court ruled")
    district = _cluster(doc, 2, "Meshchansky District Court", country="RU")
    criminal = _cluster(doc, 9, "High Criminal Court", country="TR")
    add_body_forms(doc, [district, criminal])
    assert district.aliases == ["Moscow's Meshchansky District Court"]
    assert criminal.aliases == ["24th High Criminal Court", "Istanbul 24th High Criminal Court"]


def test_body_forms_the_proper_name_without_its_possessive_place() -> None:
    doc = _doc("Thailand 's Constitutional Court and Turkmenistan 's embassy")
    court = _cluster(doc, 0, "Thailand 's Constitutional Court")
    embassy = _cluster(doc, 5, "Turkmenistan 's embassy")
    add_body_forms(doc, [court, embassy])
    assert court.forms == ["Constitutional Court"]
    assert embassy.forms == []  # "embassy" alone names no body


def test_body_forms_no_form_names_another_state() -> None:
    """Linking joined the words "foreign ministry" after "Niger's" to a French ministry: the
    possessive names another state, so it is no form of that ministry."""
    doc = _doc("the French foreign ministry said Niger 's foreign ministry replied")
    french = _cluster(doc, 1, "French foreign ministry", country="FR")
    french.mentions.append(Mention(7, 9, "foreign ministry", "GovernmentBody", "ner"))
    assert doc[7:9].text == "foreign ministry"
    add_body_forms(doc, [french])
    assert french.forms == []


def test_body_forms_a_place_right_in_front_of_the_name() -> None:
    """The place names split "Istanbul Chief Public Prosecutor's Office" from its place."""
    doc = _doc("the Istanbul Chief Public Prosecutor 's Office opened a case")
    office = _cluster(doc, 2, "Chief Public Prosecutor 's Office", country="TR")
    istanbul = _cluster(doc, 1, "Istanbul", "Place", country="TR")
    add_body_forms(doc, [office, istanbul])
    assert office.forms == ["Istanbul Chief Public Prosecutor 's Office"]
