"""Entity typing and event arguments: datelines, law names, courts, generic actors, people."""

from __future__ import annotations

from ingest.extract.pipeline import Extractor
from ingest.extract.rule_mentions import with_home_state
from ingest.extract.stage_records import Mention
from tests.helpers import (
    events,
    run,
    typed,
)


def test_dateline_credit_is_a_news_company(extractor: Extractor) -> None:
    out = run(extractor, "OSLO (Fjordline Report) - Police raided the offices of Kestrava Minerals on Monday.\n"
                         "The company said it was cooperating.")
    assert typed(out).get("Fjordline Report") == "Company"
    raid = events(out, "Raid")
    assert raid and "Fjordline Report" not in raid[0]["targets"]


def test_dateline_credit_named_as_another_body_is_an_organisation(extractor: Extractor) -> None:
    out = run(extractor, "OSLO (Nordic Reporters Association) - Police raided the offices of Kestrava Minerals "
                         "on Monday.\nThe company said it was cooperating.")
    assert typed(out).get("Nordic Reporters Association") == "Organization"


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
    out = run(extractor, "A criminal court in Ankara fined the editor Kerem Aslan on Tuesday.")
    assert typed(out).get("criminal court in Ankara") == "GovernmentBody"


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
    t = typed(run(extractor, "Belarusian security forces searched the homes of activists, accused of "
                             "colluding with foreign forces."))
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


def test_state_media_are_government_bodies_and_wire_agencies_companies(extractor: Extractor) -> None:
    t = typed(run(extractor, "RT and Sputnik were banned on Monday, Reuters reported."))
    assert t.get("RT") == "GovernmentBody"
    assert t.get("Sputnik") == "GovernmentBody"
    assert t.get("Reuters") == "Company"


def test_embassy_of_a_state_is_a_government_body_named_with_its_seat(extractor: Extractor) -> None:
    out = run(extractor, "Protesters gathered outside the Danish embassy in Lisbon on Friday. "
                         "Hungary's embassy said it had not been told.")
    t = typed(out)
    assert t.get("Danish embassy in Lisbon") == "GovernmentBody"
    assert t.get("Hungary's embassy") == "GovernmentBody"


def test_embassy_without_a_state_is_no_name(extractor: Extractor) -> None:
    out = run(extractor, "Protesters gathered outside the embassy on Friday; several foreign embassies closed.")
    assert not any(n.casefold().endswith(("embassy", "embassies")) for n in typed(out))


def test_name_ending_in_a_state_body_noun_is_a_government_body(extractor: Extractor) -> None:
    out = run(extractor, "The Radio and Press Commission suspended two channels on Monday, and the Coastal "
                         "Strike Force seized a boat.")
    t = typed(out)
    assert t.get("Radio and Press Commission") == "GovernmentBody"
    assert t.get("Coastal Strike Force") == "GovernmentBody"


def test_outlet_naming_a_body_inside_is_no_government_body(extractor: Extractor) -> None:
    out = run(extractor, "The Kestrel Council Herald reported the arrests on Monday.")
    assert typed(out).get("Kestrel Council Herald") == "Organization"


def test_body_name_goes_on_with_of_and_its_state(extractor: Extractor) -> None:
    out = run(extractor, "The Ministry of Culture of the Republic of Moldova banned the film, and the National "
                         "Unity Party of Ecuador protested.")
    t = typed(out)
    assert t.get("Ministry of Culture of the Republic of Moldova") == "GovernmentBody"
    assert t.get("National Unity Party of Ecuador") == "Organization"


def test_body_name_stops_before_in_and_its_seat(extractor: Extractor) -> None:
    doc = extractor.nlp("The Ministry of Culture in Chisinau and the Ministry of Culture of Moldova met.")
    found = [Mention(1, 4, "Ministry of Culture", "GovernmentBody", "ner"), Mention(5, 6, "Chisinau", "Place", "ner"),
             Mention(8, 11, "Ministry of Culture", "GovernmentBody", "ner"), Mention(12, 13, "Moldova", "Place", "ner")]
    out = [m.text for m in with_home_state(doc, found)]
    assert out == ["Ministry of Culture", "Chisinau", "Ministry of Culture of Moldova", "Moldova"]


def test_name_after_the_noun_for_a_firm_is_no_person(extractor: Extractor) -> None:
    out = run(extractor, "The owners, including grid operator Voltnet, telecom company Marisa and state-owned "
                         "Kablo, have already spent millions.")
    assert typed(out).get("Marisa") == "Company"


def test_name_after_a_person_noun_stays_a_person(extractor: Extractor) -> None:
    out = run(extractor, "Her lawyer Marisa Okonkwo said the company would appeal.")
    assert typed(out).get("Marisa Okonkwo") == "Person"


def test_official_gazette_is_the_states_organ_and_a_paper_is_not(extractor: Extractor) -> None:
    out = run(extractor, "The decree appeared in the Official Gazette on Monday, the Kestrel Morning Gazette "
                         "reported.")
    t = typed(out)
    assert t.get("Official Gazette") == "GovernmentBody"
    assert t.get("Kestrel Morning Gazette") != "GovernmentBody"
