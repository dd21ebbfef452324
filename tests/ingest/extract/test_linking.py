"""Entities: gazetteer typing, acronym and short-form aliasing, home country."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ingest.extract.linking import link_entities
from ingest.extract.pipeline import Extractor
from ingest.extract.stage_records import Mention
from ingest.records import Document
from tests.helpers import staged_types


def entities(extractor: Extractor, text: str) -> list[dict[str, Any]]:
    return extractor.extract(Document(id="t", text=text)).to_schema()["entities"]


def find(ents: list[dict[str, Any]], name: str) -> dict[str, Any]:
    for e in ents:
        if name == e["name"] or name in e["aliases"]:
            return e
    raise AssertionError(f"{name!r} not in {[(e['name'], e['aliases']) for e in ents]}")


def test_entities_acronym_in_brackets_is_alias(extractor: Extractor) -> None:
    ents = entities(extractor, "The Foreign Investment Review Office (FIRO) said on Monday that FIRO "
                               "had opened a review.")
    e = find(ents, "Foreign Investment Review Office")
    assert "FIRO" in e["aliases"]
    assert e["type"] == "GovernmentBody"


def test_entities_gazetteer_acronym_and_canonical_name(extractor: Extractor) -> None:
    ents = entities(extractor, "The Ministry of State Security said the MSS would act.")
    e = find(ents, "MSS")
    assert e["name"] == "Ministry of State Security"
    assert e["country"] == "CN"
    assert len([x for x in ents if x["type"] == "GovernmentBody"]) == 1


def test_entities_short_form_of_firm(extractor: Extractor) -> None:
    ents = entities(extractor, "Police visited Northwind Partners & Company in May. "
                               "Northwind said it would cooperate.")
    e = find(ents, "Northwind")
    assert e["name"].startswith("Northwind Partners")
    assert e["type"] == "Company"


def test_entities_surname_is_alias_of_person(extractor: Extractor) -> None:
    ents = entities(extractor, "Prosecutors charged Margaret Holloway on Friday. Holloway denies wrongdoing.")
    e = find(ents, "Margaret Holloway")
    assert "Holloway" in e["aliases"]
    assert e["type"] == "Person"


def test_entities_home_country_from_demonym(extractor: Extractor) -> None:
    ents = entities(extractor, "Regulators fined US consultancy Northwind Group on Monday.")
    assert find(ents, "Northwind Group")["country"] == "US"


def test_entities_law_from_gazetteer_alias(extractor: Extractor) -> None:
    ents = entities(extractor, "He was held under the anti-espionage law.")
    e = find(ents, "anti-espionage law")
    assert e["type"] == "Law"
    assert e["name"] == "Counter-Espionage Law"


def test_entities_places_and_demonyms(extractor: Extractor) -> None:
    ents = entities(extractor, "Chinese police in Shanghai questioned him.")
    assert find(ents, "Shanghai")["country"] == "CN"
    assert not [e for e in ents if e["name"] == "Chinese"]
    # a described body: typed by the entity stage, listed only where an event uses it (no target here)
    assert staged_types(extractor, "Chinese police in Shanghai questioned him.")["Chinese police"] == "GovernmentBody"
    assert not [e for e in ents if e["name"] == "Chinese police"]


def test_entities_ticker_in_brackets_makes_a_company(extractor: Extractor) -> None:
    ents = entities(extractor, "The ministry said Zentrix (ZTX) and Corvallo ( CRVL ) were added to the list.")
    assert find(ents, "Zentrix")["type"] == "Company"
    assert find(ents, "Corvallo")["type"] == "Company"
    assert not [e for e in ents if e["name"] in ("ZTX", "CRVL")]


def test_entities_employer_of_staff_is_a_company(extractor: Extractor) -> None:
    ents = entities(extractor, "Police arrested a Norvenna employee on Monday.")
    assert find(ents, "Norvenna")["type"] == "Company"


def test_entities_clock_time_is_no_name(extractor: Extractor) -> None:
    ents = entities(extractor, "09:30 AM EST, 05/02/2024 (Wire Service) -- Regulators fined Orion Chips.")
    assert not [e for e in ents if e["name"] in ("AM", "EST")]


def test_entities_gazetteer_gives_wikidata_ids(extractor: Extractor) -> None:
    text = "The FBI arrested two men in Boston, officials in the United States said on Monday."
    qids = {e.name: e.wikidata for e in extractor.extract(Document(id="w", text=text)).entities}
    assert qids.get("Federal Bureau of Investigation") == "Q8333"
    assert qids.get("United States") == "Q30"


def test_entities_dated_dateline_credits_the_outlet_not_a_target(extractor: Extractor) -> None:
    text = ("SAN FRANCISCO, Oct 31 (Harbour Wire) - Brightfield Robotics, a US drone maker, said on Thursday "
            "that its sales had slowed.\n\nChina's commerce ministry this month imposed sanctions on the "
            "California-based company over arms sales to Taiwan.")
    out = extractor.extract(Document(id="d", text=text, published=dt.date(2024, 10, 31))).to_schema()
    outlet = find(out["entities"], "Harbour Wire")
    assert outlet["type"] == "Organization"
    targets = [t for ev in out["events"] for t in ev["targets"]]
    assert "Harbour Wire" not in targets


def test_entities_gazetteer_name_inside_a_longer_name_is_not_linked(extractor: Extractor) -> None:
    """MI5's alias "Security Service" ends other states' bodies: the longer name is the entity."""
    ents = entities(extractor, "Earlier this month a French citizen was detained in Baku by the State Security "
                               "Service on suspicion of espionage. Britain's Security Service declined to comment.")
    names = {e["name"] for e in ents if e["type"] == "GovernmentBody"}
    assert "State Security Service" in names
    mi5 = find(ents, "MI5")
    assert mi5["country"] == "GB" and "State Security Service" not in mi5["aliases"]


def test_entities_court_name_goes_on_after_of_and_for(extractor: Extractor) -> None:
    ents = entities(extractor, "The County Court of Victoria on Thursday jailed Tom Hill. Judge Mary Jones "
                               "of the District Court for the District of Columbia sentenced Ann Lee.")
    names = {e["name"] for e in ents if e["type"] == "GovernmentBody"}
    assert {"County Court of Victoria", "District Court for the District of Columbia"} <= names
    assert "County Court" not in names


def test_linking_known_firm_is_company_under_its_fullest_name(extractor: Extractor) -> None:
    """A well-known firm is a Company whatever the NER reads; the name is the text's fullest form
    (the legal entity a gold target names), the entry's short name an alias, and no canonical id."""
    out = extractor.extract(Document(id="t", text="Regulators in Dublin fined TikTok Technology Limited on "
                                     "Friday. TikTok said it would appeal. HSBC froze the accounts."))
    ents = out.to_schema()["entities"]
    tiktok = find(ents, "TikTok")
    assert tiktok["name"] == "TikTok Technology Limited" and tiktok["type"] == "Company"
    assert [e.canonical_id for e in out.entities if e.name == "TikTok Technology Limited"] == [None]
    assert find(ents, "HSBC")["type"] == "Company"


def test_linking_known_firm_opening_a_longer_name_is_not_the_firm(extractor: Extractor) -> None:
    """"Apple Daily" is a newspaper, not Apple; "Google LLC" is Google under its legal name."""
    ents = entities(extractor, "Police raided the offices of Apple Daily in Hong Kong. Separately, a court "
                               "fined Google LLC in Moscow.")
    assert not any(e["name"] == "Apple" or "Apple" in e["aliases"] for e in ents)
    assert find(ents, "Google LLC")["type"] == "Company"


def test_linking_known_state_bodies_are_government_bodies(extractor: Extractor) -> None:
    ents = entities(extractor, "The GRU and Roscosmos were named. The Joint Chiefs of Staff met, and the "
                               "Bundestag voted. The IRGC denied it.")
    for name in ("GRU", "Roscosmos", "Joint Chiefs of Staff", "Bundestag", "Islamic Revolutionary Guard Corps"):
        assert find(ents, name)["type"] == "GovernmentBody", name
    assert find(ents, "IRGC")["name"] == "Islamic Revolutionary Guard Corps"


def _linked(extractor: Extractor, text: str, spans: list[tuple[str, str]]) -> list[list[str]]:
    """The entities ``link_entities`` makes of the given (text, type) NER mentions of ``text``."""
    doc = extractor.nlp(text)
    mentions = []
    for name, typ in spans:
        start = next(t.i for t in doc if doc[t.i:t.i + len(name.split())].text == name
                     and all(t.i >= m.end or t.i + len(name.split()) <= m.start for m in mentions))
        mentions.append(Mention(start, start + len(name.split()), name, typ, "ner"))
    return sorted(sorted(m.text for m in c.mentions) for c in link_entities(doc, mentions))


def test_linking_surname_joins_a_person_shaped_name_read_as_a_body(extractor: Extractor) -> None:
    """The NER read both "Tural Mustafayev" and "Mustafayev" as organisations: one entity."""
    text = "Tural Mustafayev was questioned on Monday. Mustafayev denied the charges."
    assert _linked(extractor, text, [("Tural Mustafayev", "Organization"), ("Mustafayev", "Organization")]) \
        == [["Mustafayev", "Tural Mustafayev"]]


def test_linking_last_word_of_a_firm_name_stays_apart(extractor: Extractor) -> None:
    """A name with a kind-of-body word, a place or another type is no person's: no surname link."""
    text = "Jin Holdings and Kazan Semiconductor were fined. Holdings fell; Semiconductor rose; Lee Park met Park."
    assert _linked(extractor, text, [("Jin Holdings", "Company"), ("Holdings", "Company"),
                                     ("Kazan Semiconductor", "Company"), ("Semiconductor", "Company"),
                                     ("Lee Park", "Organization"), ("Park", "Company")]) \
        == [["Holdings"], ["Jin Holdings"], ["Kazan Semiconductor"], ["Lee Park"], ["Park"], ["Semiconductor"]]
