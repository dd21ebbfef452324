"""Entity typing and event arguments: datelines, law names, courts, generic actors, people."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ingest.extract import rule_mentions
from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.ner_mentions import load_rules
from ingest.extract.pipeline import Extractor
from ingest.extract.rule_mentions import with_home_state
from ingest.extract.stage_records import Mention
from tests.helpers import (
    events,
    run,
    staged_types,
    typed,
)


def test_dateline_country_is_not_linked_to_the_agency_acronym(extractor: Extractor) -> None:
    out = run(extractor, "MINSK, Belarus (AP) — Authorities detained three editors on Tuesday.")
    ents = {e["name"]: e for e in out["entities"]}
    assert "AP" not in ents["Belarus"]["aliases"]
    assert typed(out).get("AP") == "Organization"


def test_law_names_beyond_law_and_act(extractor: Extractor) -> None:
    out = run(extractor, "The ministry acted under the Online Safety Rules, 2022 and Executive Order 14001. "
                         "Critics said the so-called gateway law and the law on foreign broadcasters were vague.")
    t = typed(out)
    assert t.get("Online Safety Rules, 2022") == "Law"
    assert t.get("Executive Order 14001") == "Law"
    assert t.get("gateway law") == "Law"
    assert t.get("law on foreign broadcasters") == "Law"


def test_law_named_after_a_body_is_still_a_law(extractor: Extractor) -> None:
    out = run(extractor, "She was stopped under the Border Control Administration Law, her lawyer said.")
    assert typed(out).get("Border Control Administration Law") == "Law"


def test_under_the_same_law_refers_back(extractor: Extractor) -> None:
    out = run(extractor, "Police arrested Tomas Verhoek under the Official Secrets Act on Monday. "
                         "A week later officers arrested Ilse Maartens under the same law.")
    arrests = [e for e in events(out, "Arrest") if "Ilse Maartens" in e["targets"]]
    assert arrests and arrests[0]["laws"] == ["Official Secrets Act"]


def test_court_named_by_country_is_the_court_named_later(extractor: Extractor) -> None:
    out = run(extractor, "A court in Belarus sentenced the activist Ihar Lapko to six years in prison on Friday. "
                         "Lapko was convicted by the Kastrychnitski District Court in Minsk of tax evasion.")
    sentence = events(out, "Sentence")
    assert sentence and sentence[0]["agents"] == ["Kastrychnitski District Court"]


def test_court_modifier_and_city_kept(extractor: Extractor) -> None:
    t = staged_types(extractor, "A criminal court in Ankara fined the editor Kerem Aslan on Tuesday.")
    assert t.get("criminal court in Ankara") == "GovernmentBody"


def test_plural_courts_stay_plural(extractor: Extractor) -> None:
    out = run(extractor, "Russian courts fined Veltrana repeatedly this year. In May the Meshchansky District "
                         "Court fined it again.")
    fines = [e for e in events(out, "Fine") if e["agents"] == ["Russian courts"]]
    assert fines


def test_function_officials_are_the_body_with_that_function(extractor: Extractor) -> None:
    out = run(extractor, "The Income Tax Department declined to comment. Indian tax officials searched the "
                         "offices of Norsala Media in Mumbai on Tuesday, said Priya Menon, a lawyer.")
    raid = events(out, "Raid")
    assert raid and raid[0]["agents"] == ["Income Tax Department"]


def test_the_officers_are_the_body_named_before(extractor: Extractor) -> None:
    out = run(extractor, "Officers of the Hangzhou State Security Bureau searched the office of Quillmere "
                         "Advisory on Monday. The officers also questioned four employees of the firm.")
    q = events(out, "Questioning")
    assert q and q[0]["agents"] == ["Hangzhou State Security Bureau"]


def test_agent_of_verb_governing_a_participle_trigger(extractor: Extractor) -> None:
    out = run(extractor, "The Justice Department unsealed an indictment charging Lin Hao with fraud.")
    charge = events(out, "Charge")
    assert charge and charge[0]["agents"] == ["Department of Justice"]


def test_security_forces_are_a_state_body_but_foreign_forces_are_not(extractor: Extractor) -> None:
    t = staged_types(extractor, "Belarusian security forces searched the homes of activists, accused of "
                                "colluding with foreign forces.")
    assert t.get("Belarusian security forces") == "GovernmentBody"
    assert "foreign forces" not in t


def test_people_recognised_from_context(extractor: Extractor) -> None:
    t = typed(run(extractor, "Her lawyer, Nguyen Van Thanh, said she would appeal. Tran Thi Hoa, who "
                             "founded the group, was jailed. Bishop Esteban Morales was sentenced in May."))
    assert t.get("Nguyen Van Thanh") == "Person"
    assert t.get("Tran Thi Hoa") == "Person"
    assert t.get("Esteban Morales") == "Person"


def test_eu_is_a_union_of_states_and_its_institutions_government_bodies(extractor: Extractor) -> None:
    t = typed(run(extractor, "The European Union imposed sanctions after the European Commission proposed "
                             "them, and the House of Commons debated them."))
    assert t.get("European Union") == "Organization"
    assert t.get("European Commission") == "GovernmentBody"
    assert t.get("House of Commons") == "GovernmentBody"



def test_embassy_without_a_state_is_no_name(extractor: Extractor) -> None:
    out = run(extractor, "Protesters gathered outside the embassy on Friday; several foreign embassies closed.")
    assert not any(n.casefold().endswith(("embassy", "embassies")) for n in typed(out))





def test_body_name_stops_before_in_and_its_seat(extractor: Extractor) -> None:
    doc = extractor.nlp("The Ministry of Culture in Chisinau and the Ministry of Culture of Moldova met.")
    found = [Mention(1, 4, "Ministry of Culture", "GovernmentBody", "ner"), Mention(5, 6, "Chisinau", "Place", "ner"),
             Mention(8, 11, "Ministry of Culture", "GovernmentBody", "ner"), Mention(12, 13, "Moldova", "Place", "ner")]
    out = [m.text for m in with_home_state(doc, found)]
    assert out == ["Ministry of Culture", "Chisinau", "Ministry of Culture of Moldova", "Moldova"]


#: (text, name, type): entity types read from a name's own words and the words around it
TYPED = [
    # a dateline's credited outlet: an Organization by default (dateline_credit_type)
    ("OSLO (Fjordline Report) - Police raided the offices of Kestrava Minerals on Monday.\n"
     "The company said it was cooperating.", "Fjordline Report", "Organization"),
    # a state's embassy, named with its seat
    ("Protesters gathered outside the Danish embassy in Lisbon on Friday.", "Danish embassy in Lisbon",
     "GovernmentBody"),
    ("Hungary's embassy said it had not been told.", "Hungary's embassy", "GovernmentBody"),
    # a name ending in a state body's noun is that body, whatever it regulates; an outlet is not
    ("The Radio and Press Commission suspended two channels on Monday.", "Radio and Press Commission",
     "GovernmentBody"),
    # the name's own words ("Force"), whatever the learned NER reads (learned.ner.sure_type)
    ("The Coastal Strike Force seized a boat on Monday.", "Coastal Strike Force", "GovernmentBody"),
    ("The Kestrel Council Herald reported the arrests on Monday.", "Kestrel Council Herald", "Organization"),
    # "of" and the body's state belong to its name
    ("The Ministry of Culture of the Republic of Moldova banned the film.",
     "Ministry of Culture of the Republic of Moldova", "GovernmentBody"),
    ("The National Unity Party of Ecuador protested on Monday.", "National Unity Party of Ecuador", "Organization"),
    # the noun for a kind of body right before a name the NER read as a person; a person noun
    ("The owners, including grid operator Voltnet, telecom company Marisa and state-owned Kablo, have "
     "already spent millions.", "Marisa", "Company"),
    ("Her lawyer Marisa Okonkwo said the company would appeal.", "Marisa Okonkwo", "Person"),
    # the state's own organ; a private paper
    ("The decree appeared in the Official Gazette on Monday.", "Official Gazette", "GovernmentBody"),
    # gazetteer: state media, a commercial wire
    ("RT and Sputnik were banned on Monday, Reuters reported.", "RT", "GovernmentBody"),
    ("RT and Sputnik were banned on Monday, Reuters reported.", "Sputnik", "GovernmentBody"),
]


@pytest.mark.parametrize(("text", "name", "kind"), TYPED, ids=[f"{n}-{k}" for _, n, k in TYPED])
def test_entity_type_from_name_and_context(extractor: Extractor, text: str, name: str, kind: str) -> None:
    # the type the entity stage gives; a body the text only describes is listed where it acts
    assert staged_types(extractor, text).get(name) == kind


def test_dateline_credit_as_a_company_unless_named_as_another_body(extractor: Extractor) -> None:
    """With ``dateline_credit_type: Company`` a credited wire is a firm, a credited association not."""
    gaz, rules = load_gazetteer(), replace(load_rules(), dateline_credit="Company")
    for credit, kind in (("Fjordline Report", "Company"), ("Nordic Reporters Association", "Organization")):
        doc = extractor.nlp(f"OSLO ({credit}) - Police raided the offices of Kestrava Minerals on Monday.")
        assert [(m.text, m.type) for m in rule_mentions.dateline_mentions(doc, gaz, rules)] == [(credit, kind)]
