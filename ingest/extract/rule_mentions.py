"""Mentions the NER misses, found by rules, and their merge with the NER's mentions.

The small English model rarely tags generic state actors ("Chinese authorities", "Beijing
police", "internet regulator", "a criminal court in Bitlis"), law names ("the law on undesirable
organisations", "Information Technology Rules, 2021") or the outlet credited in a dateline
("SHANGHAI (Harbour Wire) -"). Matcher rules and a dateline pattern add them here, apart from
the NER typing in ``ner_mentions.py``; ``collect_mentions`` decides which reading wins where a
rule's span and the NER's overlap. The learned NER (``learned/ner.py``), when built, adds and
widens spaCy's names first, so the rules' sure readings still win over it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc

from ingest.extract.date_expressions import DATELINE_CHARS
from ingest.extract.firm_marks import TICKER_RX
from ingest.extract.gazetteer import Gazetteer, load_gazetteer
from ingest.extract.learned import ner as learned_ner
from ingest.extract.ner_mentions import (
    LAW_FINAL,
    Rules,
    classify_org_strength,
    clean_bounds,
    load_rules,
    ner_mentions,
    person_shaped,
    span_text,
)
from ingest.extract.stage_records import Mention
from ingest.extract.vocabulary import words

#: modifiers that do not make "new X law" a name ("a new such law", "the new national law")
VAGUE_LAW_WORDS = words("vague_law_words")
#: a state's mission abroad, listed with its seat ("the French embassy in Baku")
EMBASSY_WORDS = words("embassy_words")


@cache
def _matcher_for(vocab_id: int, nlp_vocab: Any) -> Matcher:
    rules = load_rules()
    m = Matcher(nlp_vocab)
    place = {"ENT_TYPE": {"IN": ["NORP", "GPE", "EG_PLACE"]}}
    funcs = {"LOWER": {"IN": sorted(rules.gov_functions)}}
    head = {"LOWER": {"IN": sorted(rules.gov_heads)}}
    m.add("GOV_PLACE", [[{**place, "OP": "+"}, {"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"},
                         {**funcs, "OP": "*"}, head]], greedy="LONGEST")
    m.add("GOV_FUNC", [[{**funcs, "OP": "+"}, head]], greedy="LONGEST")
    # "the Russian embassy in Oslo", "China's embassy", "Embassy of the Russian Federation in Warsaw":
    # a state's mission, named with the city it sits in where the text gives it
    embassy: dict[str, Any] = {"LOWER": {"IN": sorted(EMBASSY_WORDS)}}
    seat: list[dict[str, Any]] = [{"LOWER": "in"}, {**place, "OP": "+"}]
    own: list[dict[str, Any]] = [{**place, "OP": "+"}, {"ORTH": {"IN": ["'s", "’s"]}, "OP": "?"}, embassy]
    of: list[dict[str, Any]] = [{**embassy, "IS_TITLE": True}, {"LOWER": "of"}, {"LOWER": "the", "OP": "?"},
                                {**place, "OP": "+"}]
    # the NER often takes "the Japanese Embassy" for a building or an organisation: its owner is
    # then a state only where the gazetteer says so (``rule_mentions`` checks)
    tagged: list[dict[str, Any]] = [{"IS_TITLE": True, "ENT_TYPE": {"IN": ["FAC", "ORG"]}, "OP": "+"},
                                    {**embassy, "IS_TITLE": True}]
    m.add("GOV_EMBASSY", [own, own + seat, of, of + seat, tagged, tagged + seat], greedy="LONGEST")
    m.add("GOV_COURT_IN", [[{"POS": "ADJ", "IS_LOWER": True, "OP": "*"}, {"LOWER": "court"}, {"LOWER": "in"},
                             place]], greedy="LONGEST")  # "a criminal court in Bitlis"
    name_part: dict[str, Any] = {"IS_TITLE": True, "POS": {"IN": ["PROPN", "NOUN", "ADJ"]}}
    court: list[dict[str, Any]] = [name_part, {"OP": "*", "ORTH": {"REGEX": r"^([A-Z][\w’'.-]*|No\.?|\.|\d+|'s|’s)$"}},
             {"ORTH": {"IN": ["Court", "Tribunal"]}}]
    # and what its name goes on with: "County Court of Victoria", "Baku Court of Grave Crimes",
    # "District Court for the District of Columbia"
    tail: list[dict[str, Any]] = [{"LOWER": {"IN": ["of", "for"]}}, {"LOWER": "the", "OP": "?"},
                                  {**name_part, "OP": "+"}]
    m.add("GOV_COURT_NAME", [court, court + tail, court + tail + [{"LOWER": "of"}, {**name_part, "OP": "+"}]],
          greedy="LONGEST")
    topic = {"LOWER": {"REGEX": r"^(anti|counter)-?[a-z]+$|^(espionage|counterespionage|sedition|"
                                r"secrets|terrorism|counterterrorism|extremism|treason)$"}}
    m.add("LAW_TOPIC", [[{"LOWER": {"IN": ["national", "state", "data", "foreign"]}, "OP": "?"},
                         topic, {"LOWER": {"IN": ["law", "act"]}}]], greedy="LONGEST")
    m.add("LAW_TITLE", [[{"IS_TITLE": True, "POS": {"IN": ["PROPN", "NOUN", "ADJ"]}, "OP": "+"},
                         {"ORTH": {"IN": sorted(LAW_FINAL)}},
                         {"LIKE_NUM": True, "LENGTH": 4, "OP": "?"}],
                        [{"IS_TITLE": True, "POS": {"IN": ["PROPN", "NOUN", "ADJ"]}, "OP": "+"},
                         {"ORTH": {"IN": sorted(LAW_FINAL)}}, {"ORTH": ","},
                         {"LIKE_NUM": True, "LENGTH": 4}],  # "Information Technology Rules, 2021"
                        [{"ORTH": {"REGEX": "^[A-Z]"}, "OP": "+"}, {"ORTH": "Sanctions"}, {"ORTH": "Regime"}]],
          greedy="LONGEST")
    # "Executive Order 13694", "Federal Law No. 152", "Presidential Decree 81"
    m.add("LAW_NUMBERED", [[{"ORTH": {"IN": ["Executive", "Presidential", "Federal", "Royal"]}},
                            {"ORTH": {"IN": ["Order", "Decree", "Law"]}},
                            {"ORTH": {"IN": ["No", "No."]}, "OP": "?"}, {"LIKE_NUM": True}]])
    # "the law on undesirable organisations", "the so-called landing law", "its new disinformation law"
    m.add("LAW_ON", [[{"LOWER": "law"}, {"LOWER": {"IN": ["on", "against"]}},
                      {"POS": {"IN": ["ADJ", "NOUN"]}, "IS_LOWER": True, "OP": "*"},
                      {"POS": "NOUN", "IS_LOWER": True}]], greedy="LONGEST")
    named: list[dict[str, Any]] = [{"POS": {"IN": ["NOUN", "ADJ", "VERB"]}, "IS_LOWER": True,
                                    "LOWER": {"NOT_IN": sorted(VAGUE_LAW_WORDS)}},
             {"LOWER": "law"}]
    m.add("LAW_NAMED", [[{"LOWER": {"IN": ["so-called", "new"]}}, *named],
                        [{"LOWER": "so"}, {"ORTH": "-"}, {"LOWER": "called"}, *named]])
    return m


def rule_mentions(doc: Doc, gaz: Gazetteer, rules: Rules) -> list[Mention]:
    """Generic state actors and law names from Matcher rules."""
    matcher = _matcher_for(id(doc.vocab), doc.vocab)
    out: list[Mention] = []
    for match_id, start, end in matcher(doc):
        rule = doc.vocab.strings[match_id]
        if rule.startswith("LAW"):
            if rule == "LAW_NAMED":
                start = end - 2  # "the so-called landing law" -> "landing law"
            start, end = clean_bounds(doc, start, end, False, rules)
            if end - start < 2:
                continue
            out.append(Mention(start, end, span_text(doc, start, end), "Law", "law"))
            continue
        country = None
        name_start = start
        for t in doc[start:end]:
            if t.ent_type_ in ("NORP", "GPE", "EG_PLACE"):
                country = country or gaz.country_of_name(t.text) or gaz.country_of_name(
                    doc[t.i:t.i + 2].text)
            if t.text in ("'s", "’s"):
                name_start = t.i + 1  # "China's internet regulator" -> "internet regulator"
        if rule == "GOV_EMBASSY":  # the whole name, the owner's possessive included ("China's embassy")
            seat = next((t.i for t in doc[start:end] if t.lower_ == "in"), end)  # the state sends, not hosts
            country = next((c for i in range(start, seat) for n in (3, 2, 1) if i + n <= seat
                            and doc[i].lower_ not in EMBASSY_WORDS
                            and (c := gaz.country_of_name(doc[i:i + n].text)) is not None), None)
            if country is None:
                continue  # "the Ambassador Hotel Embassy": no state's mission
            start, end = clean_bounds(doc, start, end, False, rules)
            out.append(Mention(start, end, span_text(doc, start, end), "GovernmentBody", "descriptor",
                               None, country, 2.5))
            continue
        if rule == "GOV_COURT_NAME":
            start, end = clean_bounds(doc, start, end, False, rules)
            if end - start >= 2:
                out.append(Mention(start, end, span_text(doc, start, end), "GovernmentBody", "descriptor",
                                   None, gaz.country_of_name(doc[start].text), 3.0))
            continue
        head = doc[end - 1] if rule != "GOV_COURT_IN" else next(t for t in doc[start:end] if t.lower_ == "court")
        mods = {t.lower_ for t in doc[name_start:end - 1]}
        if rule == "GOV_FUNC" and head.lower_ == "forces" and "security" not in mods:
            continue  # "foreign forces" are no state body of the jurisdiction; "security forces" are
        if rule == "GOV_FUNC" and ((head.lower_ in ("court", "ministry") and not mods - {"district"})
                                   or (mods <= {"state", "security", "national", "public"}
                                   and head.lower_ not in ("police",))):
            continue
        text = span_text(doc, name_start, end)
        out.append(Mention(name_start, end, text, "GovernmentBody", "descriptor", None, country))
    return out


DATELINE_RX = re.compile(r"(?m)^[ \t]*[A-Z][A-Za-z.'’/ -]{1,40}?(?:,[ \t]*[A-Z][A-Za-z0-9.' -]{1,30})?[ \t]*"
                         r"\(([A-Z][\w.&'’ -]{1,60}?)\)[ \t]*(?:-{1,2}|—|–)[ \t]")


def dateline_mentions(doc: Doc, gaz: Gazetteer, rules: Rules) -> list[Mention]:
    """"SHANGHAI (Harbour Wire) - ...", "KYIV, Ukraine (AP) — ...": the name in brackets of a
    dateline credits the news outlet or agency that filed the story, typed as ``entities.yaml``'s
    ``dateline_credit_type`` says; as a Company only where its own words name no other kind of body
    ("... Press Alliance"). SCHEMA.md makes a news outlet acting as one an Organization; this
    corpus's gold types 38 of 45 typed dateline credits of the train split Company. Organization is
    the default: with Company, tune's entity F1 rose but validation2's fell (docs/LEARNED.md, ninth
    step)."""
    out: list[Mention] = []
    for m in DATELINE_RX.finditer(doc.text[:DATELINE_CHARS]):
        name = m.group(1).strip()
        if TICKER_RX.match(f"({name})") and len(name) <= 6 and gaz.lookup(name) is None:
            continue
        span = doc.char_span(m.start(1), m.start(1) + len(name), alignment_mode="expand")
        if span is None or gaz.is_place_or_demonym(name):
            continue
        entry = gaz.lookup(name)
        if entry is not None:
            out.append(Mention(span.start, span.end, name, entry.type, "dateline", entry.id,
                               entry.country))
        else:
            own_words = {w.casefold() for w in name.split()}
            kind = "Organization" if own_words & rules.organisation else rules.dateline_credit
            out.append(Mention(span.start, span.end, name, kind, "dateline", None, None, 3.0))
    return out


def collect_mentions(doc: Doc) -> list[Mention]:
    """Every typed mention in the document, longest first where spans overlap."""
    gaz, rules = load_gazetteer(), load_rules()
    found = ner_mentions(doc, gaz, rules)
    learned = learned_ner.active()
    if learned is not None:  # the learned NER adds and widens names before the rules' own readings
        model, how = learned
        found = learned_ner.compose(found, learned_ner.learned_mentions(doc, model.spans(doc), gaz, rules), how,
                                    lambda m: person_shaped(m.text.split(), gaz))
    for d in dateline_mentions(doc, gaz, rules):  # the outlet of a dateline beats the NER's reading
        found = [m for m in found if m.end <= d.start or m.start >= d.end] + [d]
    rule_found = rule_mentions(doc, gaz, rules)
    courts = [m for m in rule_found if m.strength == 3.0]  # full court names beat NER fragments
    for c in courts:
        found = [m for m in found if m.end <= c.start or m.start >= c.end or m.source == "gazetteer"]
    taken = {i for m in found if m.type not in ("Place",) for i in range(m.start, m.end)}
    for m in sorted(rule_found, key=lambda m: (-m.strength, m.start, m.start - m.end)):
        if m.type == "Law" and any(i in taken for i in range(m.start, m.end)):
            inside = [f for f in found if f.start < m.end and f.end > m.start]
            if not all(m.start <= f.start and f.end <= m.end and f.source == "ner" and f.type != "Person"
                       and (f.end - f.start) < (m.end - m.start) for f in inside):
                continue  # a law name the NER cut short ("Information Technology Rules, 2021") wins
            found = [f for f in found if f not in inside]
        if m.type == "GovernmentBody" and any(i in taken for i in range(m.start, m.end)):
            continue
        found.append(m)
        taken.update(range(m.start, m.end))
    found = with_home_state(doc, found)
    found = [_named_firm(doc, m, rules) for m in found]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    return found


def _named_firm(doc: Doc, m: Mention, rules: Rules) -> Mention:
    """"telecom company Elisa", "the news site Atlaszo": a name right after the noun for its
    kind of body is that body, even where a NER (spaCy's or the learned one) read a person."""
    if m.type != "Person" or m.source != "ner" or m.gaz_id or m.start == 0:
        return m
    prev = doc[m.start - 1]  # the parser often tags "company" in "telecom company Elisa" a proper noun
    if not (prev.is_lower and prev.lower_ in rules.company_context | rules.organisation_context | rules.media):
        return m
    kind, strength = classify_org_strength(doc[m.start:m.end], rules)
    return replace(m, type=kind, strength=max(strength, 2.0))


#: bodies whose name goes on with the state they belong to
STATE_OWNED = ("GovernmentBody", "Organization")


def with_home_state(doc: Doc, found: list[Mention]) -> list[Mention]:
    """"Ministry of Foreign Affairs of the Russian Federation", "United Socialist Party of
    Venezuela": a body's name followed by "of" and a place the NER read apart goes on to the
    place (the train split's gold writes such names in full 37 times, cut short twice; after "in"
    it cuts them short, 31 of 44, so "in" is left alone). The place keeps its own mention."""
    places = {m.start: m for m in found if m.type == "Place"}
    out = []
    for m in found:
        k = m.end + 1 + (m.end + 1 < len(doc) and doc[m.end + 1].lower_ == "the")
        place = places.get(k)
        if m.type in STATE_OWNED and m.source == "ner" and m.end < len(doc) and doc[m.end].lower_ == "of" \
                and place is not None and "\n" not in doc[m.start:place.end].text:
            m = replace(m, end=place.end, text=span_text(doc, m.start, place.end))
        out.append(m)
    return out
