"""The mission behind expelled staff (``ingest.extract.mission_targets``): hand-built parsed
documents for the target phrase, hand-built events for the implicit agent, and one end-to-end
expulsion whose embassy the NER tags as a building."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from ingest.extract.arguments import EntityIndex
from ingest.extract.mission_targets import is_mission, mission_agents, mission_targets
from ingest.extract.pipeline import Extractor
from ingest.extract.stage_records import Cluster, Event, Mention
from tests.helpers import events, run

VOCAB = spacy.blank("en").vocab


def _cluster(doc: Doc, start: int, end: int, type_: str = "GovernmentBody", country: str | None = None) -> Cluster:
    name = doc[start:end].text
    return Cluster(id=start, mentions=[Mention(start, end, name, type_, "ner", country=country)], type=type_,
                   name=name, country=country)


def _expulsion_doc() -> Doc:
    #        0        1         2     3         4          5  6    7         8       9   10         11
    words = ["Sweden", "expelled", "five", "Russian", "diplomats", ";", "the", "Russian", "embassy", "in", "Stockholm",
             "protested", "and", "the", "Norwegian", "embassy", "waited"]
    heads = [1, 1, 4, 4, 1, 1, 8, 8, 11, 8, 9, 1, 11, 15, 15, 16, 11]
    deps = ["nsubj", "ROOT", "nummod", "amod", "dobj", "punct", "det", "amod", "nsubj", "prep", "pobj", "conj",
            "cc", "det", "amod", "nsubj", "conj"]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps)
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 3, 4, "NORP"), Span(doc, 7, 8, "NORP"), Span(doc, 10, 11, "GPE"),
                Span(doc, 14, 15, "NORP")]
    return doc


def test_mission_targets_unnamed_diplomats_are_their_states_mission() -> None:
    doc = _expulsion_doc()
    russian = _cluster(doc, 7, 11, country="RU")
    norwegian = _cluster(doc, 14, 16, country="NO")
    index = EntityIndex.build(doc, [_cluster(doc, 0, 1, "Place", "SE"), russian, norwegian])
    assert mission_targets(index, doc[1], [doc[4]]) == [russian]  # "Russian": not the Norwegian one


def test_mission_targets_staff_named_in_the_phrase_are_the_targets() -> None:
    words = ["Latvia", "expelled", "two", "Russian", "diplomats", ",", "Ivan", "Orlov", "and", "Petr", "Kuzin",
             "of", "the", "Russian", "embassy"]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 4, 4, 1, 4, 7, 4, 7, 10, 7, 4, 14, 14, 11],
              deps=["nsubj", "ROOT", "nummod", "amod", "dobj", "punct", "compound", "appos", "cc", "compound",
                    "conj", "prep", "det", "amod", "pobj"])
    doc.ents = [Span(doc, 0, 1, "GPE"), Span(doc, 3, 4, "NORP"), Span(doc, 13, 14, "NORP")]
    people = [_cluster(doc, 6, 8, "Person"), _cluster(doc, 9, 11, "Person")]
    embassy = _cluster(doc, 13, 15, country="RU")
    assert mission_targets(EntityIndex.build(doc, [*people, embassy]), doc[1], [doc[4]]) == []


def test_mission_targets_the_mission_the_verb_names() -> None:
    """"expelling eight diplomats from the Japanese Embassy": the parser may hang "from" on the verb."""
    words = ["Moscow", "is", "expelling", "eight", "diplomats", "from", "the", "Japanese", "Embassy"]
    doc = Doc(VOCAB, words=words, heads=[2, 2, 2, 4, 2, 2, 8, 8, 5],
              deps=["nsubj", "aux", "ROOT", "nummod", "dobj", "prep", "det", "amod", "pobj"])
    japanese = _cluster(doc, 7, 9, country="JP")
    assert mission_targets(EntityIndex.build(doc, [japanese]), doc[2], [doc[4]]) == [japanese]


def test_mission_targets_no_state_and_no_mission_is_left_to_the_rules() -> None:
    words = ["Police", "expelled", "five", "officials", "of", "the", "club"]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 3, 1, 3, 6, 4],
              deps=["nsubj", "ROOT", "nummod", "dobj", "prep", "det", "pobj"])
    assert mission_targets(EntityIndex.build(doc, []), doc[1], [doc[3]]) == []


def test_mission_targets_is_mission_only_for_a_state_body_named_so() -> None:
    doc = Doc(VOCAB, words=["Mission", "Capital", "and", "the", "UN", "mission"])
    assert not is_mission(_cluster(doc, 0, 2, "Company"))
    assert is_mission(_cluster(doc, 4, 6))


def test_mission_agents_the_host_states_authorities_never_the_sender() -> None:
    doc = _expulsion_doc()
    seat = Cluster(id=1, type="GovernmentBody", name="Russian Embassy in Oslo", country="RU")
    bare = Cluster(id=2, type="GovernmentBody", name="Russian embassy", country="RU")
    russian = Cluster(id=3, type="GovernmentBody", name="Russian authorities", country="RU", synthetic=True)
    moldovan = Cluster(id=4, type="GovernmentBody", name="Moldovan authorities", country="MD", synthetic=True)
    by_seat = Event("Expulsion", doc[1], doc[0:6], targets=[seat])
    by_jurisdiction = Event("Expulsion", doc[1], doc[0:6], targets=[bare])
    sender_only = Event("Expulsion", doc[1], doc[0:6], targets=[bare])
    named = Event("Expulsion", doc[1], doc[0:6], targets=[bare], agents=[moldovan])
    mission_agents([by_seat, by_jurisdiction, sender_only, named], [],
                   {id(by_seat): moldovan, id(by_jurisdiction): moldovan, id(sender_only): russian, id(named): russian})
    assert [(a.name, a.country) for a in by_seat.agents] == [("Norwegian authorities", "NO")]  # the seat wins
    assert by_jurisdiction.agents == [moldovan]
    assert sender_only.agents == []  # Russia does not expel its own envoys
    assert named.agents == [moldovan]  # an agent chosen before stays


def test_mission_targets_end_to_end_the_embassy_the_ner_calls_a_building(extractor: Extractor) -> None:
    """The NER tags "the Japanese Embassy" FAC: the embassy is still a state body of Japan, and
    the diplomats expelled from it make it the target."""
    out = run(extractor, "MOSCOW — Russia's Foreign Ministry said on Wednesday it was expelling eight diplomats "
                         "from the Japanese Embassy in Moscow.")
    embassy = next(e for e in out["entities"] if "Japanese Embassy" in e["name"])
    assert (embassy["type"], embassy["country"]) == ("GovernmentBody", "JP")
    assert [e["targets"] for e in events(out, "Expulsion")] == [[embassy["name"]]]


def test_mission_targets_end_to_end_a_state_that_expels_acts_through_its_authorities(extractor: Extractor) -> None:
    """"Sweden expelled five Russian diplomats": the Russian embassy is the target, and the agent
    is Sweden's authorities (SCHEMA.md's implicit agent), not Russia's, whose embassy the story
    names most."""
    out = run(extractor, "STOCKHOLM — Sweden on Tuesday expelled five Russian diplomats. The Russian embassy in "
                         "Stockholm called the decision unfriendly. The Russian embassy said it would respond.")
    assert [(e["agents"], e["targets"]) for e in events(out, "Expulsion")] == [
        (["Swedish authorities"], ["Russian embassy in Stockholm"])]
