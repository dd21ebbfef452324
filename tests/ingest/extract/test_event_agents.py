"""Agents and laws of events, on our own sentences: the conjoined verb's actor, the ordering
body of "ordered X blocked, effectively shutting it", "in the custody of" a body, "police said"
and "British prosecutors" resolved to the named body of that kind, the named prosecution service
of an agentless charge; laws reached through "on suspicion of ... under", "accused of violating"
and "X Act charges"; and no merging of one sanction by two countries.

A bare "officers"/"police"/"agents"/"investigators" is the body of
that kind the article names (also one named as "the police's X Department" or "the X Department
of the Y Police"); an agentless sentence or charge takes only a court or prosecution service named
for the same proceedings, not one of a background case; a country that sanctions or expels acts
through the body the article names for that act; a body the report is attributed to ("X said it
had detained", "..., X said in a statement") is the agent; "tax officials" are not the firm an
employee of which is quoted next."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ingest.extract.pipeline import Extractor
from ingest.records import Document
from tests.helpers import events_in_text

#: Known regression of the eleventh step (docs/LEARNED.md, "Eleventh step: what landed"): the
#: attacher retrained on the grown corpus adds a body named elsewhere in the story into an empty
#: agent role (p 0.43 for the far court, 0.52 for the directorate; the add threshold is 0.35).
#: Strict: when the behaviour comes back these cases pass and the mark must go.
#: The twelfth step's gate (``learned/episode.py``) fixes both, but is off by default (it gained less
#: on tune than its landing condition asked); ``test_learned_episode`` runs both with it on.
ATTACHER_ADDS_A_FAR_BODY = pytest.mark.xfail(strict=True, reason="attacher adds a body named elsewhere "
                                             "into an empty agent role (eleventh step; the twelfth "
                                             "step's episode gate is off)")


def events(extractor: Extractor, text: str, etype: str) -> list[dict[str, Any]]:
    doc = Document(id="t", text=text, published=dt.date(2024, 5, 15))
    return [e for e in extractor.extract(doc).to_schema()["events"] if e["type"] == etype]


@pytest.mark.parametrize(("text", "etype", "agents"), [
    pytest.param("Officers of the Harbor Revenue Bureau raided the offices of Acme Media, the country's most "
        "widely read news site, on Tuesday and detained several of its editors.",
        "Detention", ["Harbor Revenue Bureau"], id="conjoined_verb_shares_the_actor"),
    pytest.param("Acme Media is a news site. Hours later, the Information Ministry ordered the Acme Media website "
        "blocked, effectively shutting the portal down.",
        "Closure", ["Information Ministry"], id="ordering_body_of_a_participle"),
    pytest.param("The Metropolitan Police opened an inquiry in March. Tom Hill and Mary Jones were arrested on May 3 "
        "in London, police said.",
        "Arrest", ["Metropolitan Police"], id="quoted_police_is_the_named_police_body"),
])
def test_event_agents_of_the_first_event(extractor: Extractor, text: str, etype: str, agents: list[str]) -> None:
    """The conjoined verb's actor, the ordering body of a participle, "police said" as the named police."""
    found = events(extractor, text, etype)
    assert found and found[0]["agents"] == agents


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



def agents_of(extractor: Extractor, text: str, etype: str, target: str) -> list[str]:
    found = [e for e in events_in_text(extractor, text, etype) if target in e["targets"]]
    assert found, (etype, target, events_in_text(extractor, text, etype))
    return list(found[0]["agents"])


@pytest.mark.parametrize("text", [
    ("Tom Hill, a spokesman for the police's Organised Crime Department, said the inquiry was going well. "
     "Officers also searched the home of Mary Jones on Friday."),
    ("Tom Hill, a spokesman for the Organised Crime Department of the Northshire Police, said the inquiry "
     "was going well. Officers also searched the home of Mary Jones on Friday."),
])
def test_bare_officers_are_the_police_department_named(extractor: Extractor, text: str) -> None:
    agents = agents_of(extractor, text, "Raid", "Mary Jones")
    assert len(agents) == 1 and agents[0].startswith("Organised Crime Department"), agents


@pytest.mark.parametrize(("text", "etype", "target", "agents"), [
    pytest.param("The Northshire Constabulary opened an inquiry in March into a series of fires. "
        "On Tuesday police arrested Tom Hill at his home.",
        "Arrest", "Tom Hill", ["Northshire Constabulary"], id="bare_police_are_the_named_police_body"),
    pytest.param("The National Security Directorate has stepped up its campaign against foreign reporters. "
        "Agents detained Tom Hill in a restaurant on Monday.",
        "Detention", "Tom Hill", ["National Security Directorate"],
        id="bare_agents_are_the_named_security_service"),
    pytest.param("A court in Ruritania on Friday sentenced Tom Hill to ten years in prison for treason. "
        "Hill was convicted by the Central District Court of Ostrava of espionage. "
        "His lawyers said he would appeal. Hill has denied all wrongdoing. "
        "Supporters gathered outside the courthouse. Several diplomats attended the hearing. "
        "Mary Jones, another critic of the government, was jailed for eight years in 2019.",
        "Sentence", "Mary Jones", [], id="background_sentence_takes_no_court_named_far_away",
        marks=ATTACHER_ADDS_A_FAR_BODY),
    pytest.param("A British engineer has been sentenced to six years in prison for espionage, his family said. "
        "Tom Hill, 52, was sentenced on Monday. His family called the verdict unjust. "
        "Relatives were not allowed to attend. They plan an appeal. "
        "Diplomats spoke to reporters after the trial at the Ostrava Regional Criminal Court.",
        "Sentence", "Tom Hill", ["Ostrava Regional Criminal Court"],
        id="sentence_of_the_lead_takes_the_court_of_the_trial"),
    pytest.param("Several critics have been prosecuted this year. Opposition groups condemned the trend. "
        "Rights groups called for restraint. Observers were not admitted. "
        "On Monday Tom Hill was sentenced to four years in prison. "
        "The Ostrava Regional Criminal Court found him guilty of treason.",
        "Sentence", "Tom Hill", ["Ostrava Regional Criminal Court"],
        id="sentence_takes_the_court_of_the_adjacent_sentence"),
    pytest.param("The United States on Monday imposed sanctions on Acme Cyber Ltd, a company based in Wuhan. "
        "The U.S. Treasury Department's Office of Foreign Assets Control said the firm worked for "
        "the Chinese intelligence services. The White House welcomed the move.",
        "Sanction", "Acme Cyber Ltd", ["Office of Foreign Assets Control"],
        id="country_that_sanctions_acts_through_its_sanctions_office"),
    pytest.param("Indian tax officials were searching the offices of Acme Media in Mumbai on Wednesday. "
        "Officials told staff not to leave, an employee of Acme Media said. "
        "A spokesman for the Income Tax Department declined to comment.",
        "Raid", "Acme Media", ["Income Tax Department"], id="tax_officials_are_not_the_employer_quoted"),
    pytest.param("Tom Hill, a Freedonian diplomat, was expelled on Monday, the Ruritanian Foreign Ministry said.",
        "Expulsion", "Tom Hill", ["Ruritanian Foreign Ministry"], id="attributed_foreign_ministry_expels"),
])
def test_event_agents_the_body_the_article_names(extractor: Extractor, text: str, etype: str, target: str,
                                                 agents: list[str]) -> None:
    """A bare "police"/"agents" is the named body of that kind; a sentence takes the court of its trial
    (not one named far away); a sanctioning or expelling country acts through the office it names."""
    assert agents_of(extractor, text, etype, target) == agents


@ATTACHER_ADDS_A_FAR_BODY
def test_owned_officers_do_not_take_a_named_body(extractor: Extractor) -> None:
    text = ("The National Security Directorate has stepped up its campaign against foreign reporters. "
            "Its own officers were also questioned in March, and customs officers detained Tom Hill on Monday.")
    agents = agents_of(extractor, text, "Detention", "Tom Hill")
    assert "National Security Directorate" not in agents


def test_country_that_expels_acts_through_its_foreign_ministry(extractor: Extractor) -> None:
    text = ("Ruritania on Monday expelled Tom Hill, a diplomat at the embassy of Freedonia, the Ruritanian "
            "Ministry of Foreign Affairs said. The Ruritanian parliament debated the case.")
    agents = agents_of(extractor, text, "Expulsion", "Tom Hill")
    assert agents and "parliament" not in " ".join(agents).casefold()


@pytest.mark.parametrize("text", [
    "The State Security Bureau said on Monday that it had detained Tom Hill, a consultant.",
    "Tom Hill, a consultant, was detained on Monday, the State Security Bureau said in a statement.",
    "Tom Hill, a consultant, was detained on Monday, according to the State Security Bureau.",
])
def test_attributed_body_is_the_agent(extractor: Extractor, text: str) -> None:
    assert agents_of(extractor, text, "Detention", "Tom Hill") == ["State Security Bureau"]


#: A ministry that only reports the detention is not its agent (event_agents.only_reports; the twelfth
#: step's retrained attacher added it, docs/LEARNED.md).
def test_attributed_foreign_ministry_is_not_the_detaining_body(extractor: Extractor) -> None:
    text = "Tom Hill, a consultant, was detained on Monday, the Ruritanian Foreign Ministry said in a statement."
    assert "Ruritanian Foreign Ministry" not in agents_of(extractor, text, "Detention", "Tom Hill")


def test_attributed_foreign_ministry_is_the_expelling_body(extractor: Extractor) -> None:
    """A ministry that only reports still acts where its kind does the act (an expulsion)."""
    text = "Tom Hill, a consultant, was expelled on Monday, the Ruritanian Foreign Ministry said in a statement."
    assert agents_of(extractor, text, "Expulsion", "Tom Hill") == ["Ruritanian Foreign Ministry"]


