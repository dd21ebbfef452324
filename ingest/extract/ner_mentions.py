"""Entity mentions of one parsed document: spaCy NER and gazetteer spans, typed to the schema.

spaCy's small English model finds names well but types them loosely (firms as PERSON or GPE,
outlets as ORG). Each span is cleaned ("the", possessive "'s", a dangling "(", a sum of money
the NER ran into the name) and given a schema type from gazetteer ids, the words in the name, and
the nouns around it, using the word lists in ``data/entities.yaml``. Generic state actors
("Chinese authorities", "Beijing police", "internet regulator"), law names the model misses and
dateline credits are added by the rules in ``rule_mentions.py``, which also merges both into the
document's mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from spacy.tokens import Doc, Span, Token

from ingest.extract.firm_marks import has_ticker, is_ticker
from ingest.extract.gazetteer import LABEL_TYPES, Gazetteer, name_key
from ingest.extract.name_ends import closes_quote, parts, trimmed
from ingest.extract.stage_records import Mention
from ingest.extract.vocabulary import load_yaml, words

FRONT_DROP = words("front_drop")
BACK_DROP = words("back_drop")
POSSESSIVE = words("possessive")
LAW_FINAL = words("law_final")
STRONG_COMPANY = words("strong_company")
STATE_FIRST = words("state_first")
#: words that end a law's or a firm's name, after a bracket inside it ("(Amendment) Bill")
NAME_FINALS = frozenset(w.casefold() for w in LAW_FINAL) | STRONG_COMPANY


#: words that make the NER's LAW label believable
LAW_WORDS = {w.casefold() for w in LAW_FINAL} | {"act", "code", "constitution", "article", "section", "treaty",
                                                "convention", "directive", "order", "charter", "statute",
                                                "amendment", "regime", "ordinance", "law", "laws", "acts"}
SCALE_WORDS = words("scale_words")
CURRENCY_SIGNS = frozenset("".join(words("currency_signs")))


@dataclass(frozen=True)
class Rules:
    label_types: dict[str, str]
    media: frozenset[str]
    #: nouns that make a name an outlet when they end it ("Sindh Courier")
    outlet_final: frozenset[str]
    #: a firm's legal form ending its name ("... Limited", "... GmbH")
    legal_suffixes: frozenset[str]
    #: the words that end a law's or a firm's name (``NAME_FINALS`` and ``legal_suffixes``)
    name_finals: frozenset[str]
    #: two-word phrases naming a state's monetary authority ("central bank")
    state_banks: frozenset[str]
    government: frozenset[str]
    company: frozenset[str]
    organisation: frozenset[str]
    company_context: frozenset[str]
    employer_context: frozenset[str]
    organisation_context: frozenset[str]
    gov_heads: frozenset[str]
    gov_functions: frozenset[str]
    bare_authorities: frozenset[str]
    stop_names: frozenset[str]
    person_titles: frozenset[str]
    container_nouns: frozenset[str]
    firm_nouns: frozenset[str]
    person_nouns: frozenset[str]
    home_nouns: frozenset[str]
    #: the type of the outlet a dateline credits (``dateline_credit_type``; see ``rule_mentions``)
    dateline_credit: str


@cache
def load_rules() -> Rules:
    raw: dict[str, Any] = load_yaml("entities.yaml")
    credit = str(raw["dateline_credit_type"])
    if credit not in ("Company", "Organization"):
        raise ValueError(f"entities.yaml: dateline_credit_type must be Company or Organization, not {credit!r}")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in raw[key])

    return Rules(
        label_types=dict(raw["label_types"]), media=words("media_words"),
        outlet_final=words("outlet_final"), legal_suffixes=words("legal_suffixes"),
        name_finals=NAME_FINALS | words("legal_suffixes"),
        state_banks=words("state_banks"),
        government=words("government_words"), company=words("company_words"),
        organisation=words("organisation_words"), company_context=words("company_context"),
        employer_context=words("employer_context"),
        organisation_context=words("organisation_context"), gov_heads=words("gov_heads"),
        gov_functions=words("gov_functions"), bare_authorities=words("bare_authorities"),
        stop_names=words("stop_names"), person_titles=words("person_titles"),
        container_nouns=words("container_nouns"), firm_nouns=words("firm_nouns"),
        person_nouns=words("person_nouns"), home_nouns=words("home_nouns"), dateline_credit=credit,
    )


def clean_bounds(doc: Doc, start: int, end: int, person: bool, rules: Rules) -> tuple[int, int]:
    """Trim determiners, titles, possessives, punctuation, line breaks, a clause and a sum of money
    run into the name; keep its brackets and quotes whole (``name_ends``)."""
    for i in range(end - 1, start, -1):  # a name never runs across a sentence's end ("Criminal Code. The X Court")
        if doc[i - 1].text in (".", "!", "?") and doc[i].is_sent_start:
            start = i
            break
    for i in range(start, end):  # cut at a line break, or an owner's possessive ("Mintz's Beijing")
        if doc[i].is_space or (i > start and "\n" in doc[i - 1].whitespace_) or (
                start < i == end - 2 and doc[i].text in ("'s", "’s")
                and doc[end - 1].lower_ not in rules.government | rules.organisation | rules.company):
            end = i
            break
    start, end = trimmed(doc, start, end, rules.name_finals, FRONT_DROP)
    while start < end and (doc[start].lower_ in FRONT_DROP or doc[start].is_punct):
        start += 1
    if person:
        while end - start > 1 and doc[start].lower_.rstrip(".") in {t.rstrip(".") for t in rules.person_titles}:
            start += 1
    while end > start and (doc[end - 1].text in POSSESSIVE or (doc[end - 1].is_punct and doc[end - 1].text not in
                           {".", ")"} and not closes_quote(doc, start, end)) or _dangling(doc, start, end)):
        end -= 1
    if end > start and doc[end - 1].text == "." and end - start == 1:
        end = start
    return start, without_sum(doc, start, end)


def _dangling(doc: Doc, start: int, end: int) -> bool:
    """The span ends in a function word of its own ("Criminal Code of"), not in part of a
    hyphenated name ("Fernando Chui Sai-on")."""
    return end - start > 1 and doc[end - 1].lower_ in BACK_DROP and bool(doc[end - 2].whitespace_)


def without_sum(doc: Doc, start: int, end: int) -> int:
    """The end of a name the NER ran on into the sum after it ("fined Channels Television N5
    million", "fined X Corp A$610,500"): a trailing run of figures is cut when it holds a
    currency sign or a scale word, so "Unit 8200" or "Channel 4" keep their number."""
    cut = end
    while cut > start and (doc[cut - 1].like_num or doc[cut - 1].lower_ in SCALE_WORDS
                           or any(ch.isdigit() or ch in CURRENCY_SIGNS for ch in doc[cut - 1].text)):
        cut -= 1
    run = doc[cut:end]
    money = any(t.lower_ in SCALE_WORDS or any(ch in CURRENCY_SIGNS for ch in t.text) for t in run)
    if cut == end or not money or not any(t.is_alpha for t in doc[start:cut]):
        return end
    return cut


def span_text(doc: Doc, start: int, end: int) -> str:
    text = doc[start:end].text
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(" \t\n-–—,;:")


def _context_words(span: Span) -> set[str]:
    """Nouns close to a name: 3 tokens before, an appositive after a comma, the head it modifies."""
    doc = span.doc
    out: set[str] = set()
    for t in doc[max(span.sent.start, span.start - 4):span.start]:
        if t.is_punct and t.text not in ("-", "'", "’"):  # "a firm, state broadcaster X": the broadcaster
            out.clear()
        else:
            out.add(t.lower_)
    after = doc[span.end:min(span.sent.end, span.end + 8)]
    if len(after) and after[0].text == ",":
        for t in after[1:]:
            if t.is_punct or t.tag_ in ("VBD", "VBZ", "VBP", "MD"):  # "X, said Y remains the maker"
                break
            out.add(t.lower_)
    root = span.root
    if root.dep_ in ("compound", "poss", "nmod") and root.head.i >= span.end:
        out.add(root.head.lower_)
    for child in root.children:
        if child.dep_ == "appos":
            out.update(t.lower_ for t in child.subtree)
    return out


def is_outlet_name(span: Span, rules: Rules) -> bool:
    """A media word in the name ("Harbour Wire", "Daily Post") or an outlet's noun ending it
    ("Sindh Courier", "Levant Review")."""
    return bool({t.lower_ for t in span} & rules.media) or span[-1].lower_ in rules.outlet_final


def has_legal_form(span: Span, rules: Rules) -> bool:
    """"Colorcon Limited", "Compact-Magazin GmbH": a firm's legal form ends the name."""
    return len(span) > 1 and span[-1].lower_ in rules.legal_suffixes


def _has_phrase(span: Span, phrases: frozenset[str]) -> bool:
    """Two consecutive words of the name form one of ``phrases`` ("Central Bank of Egypt")."""
    return any(f"{a.lower_} {b.lower_}" in phrases for a, b in pairwise(span))


def classify_org(span: Span, rules: Rules) -> str:
    """Company, GovernmentBody or Organization for an organisation-like name."""
    return classify_org_strength(span, rules)[0]


def classify_org_strength(span: Span, rules: Rules) -> tuple[str, float]:
    """The type and how sure: words of the name (3), nouns around it (2), the default (0.5).
    A name ending in a state body's noun is that body whatever it regulates ("National
    Broadcasting Commission", "Communications and Media Commission": a regulator, no outlet)."""
    words = {t.lower_ for t in span}
    if has_legal_form(span, rules):  # the legal entity, whatever it publishes or makes
        return "Company", 3.0
    if span[-1].lower_ in rules.government or _has_phrase(span, rules.state_banks):
        return "GovernmentBody", 3.0
    outlet = is_outlet_name(span, rules)
    if outlet and span[0].lower_ in STATE_FIRST:  # "Official Gazette": the state's organ
        return "GovernmentBody", 3.0
    if outlet:
        return "Organization", 3.0
    if words & rules.government:
        return "GovernmentBody", 3.0
    if words & STRONG_COMPANY:
        return "Company", 3.0
    ctx = _context_words(span)
    if ctx & rules.company_context:
        return "Company", 2.0
    if ctx & rules.organisation_context:
        return "Organization", 2.0
    if words & rules.company:
        return "Company", 2.5
    if words & rules.organisation:
        return "Organization", 2.5
    if ctx & rules.employer_context or has_ticker(span):
        return "Company", 2.0
    return "Organization", 0.5


def _type_for(span: Span, label: str, gaz: Gazetteer, rules: Rules) -> str | None:
    text = span.text
    if label in LABEL_TYPES:
        return LABEL_TYPES[label]
    if gaz.is_place_or_demonym(text):
        return "Place" if label in ("GPE", "LOC") or name_key(text) in gaz.place_country else None
    if len(span) > 1 and span[-1].text in LAW_FINAL and label in ("ORG", "NORP", "GPE", "LOC"):
        return "Law"  # "Exit and Entry Administration Law": a law, whatever body its name mentions
    words = {t.lower_ for t in span}
    if label in ("PERSON", "ORG", "NORP") and has_ticker(span):  # "Zentrix (ZTX)": a listed firm
        return "Company"
    if label in ("PERSON", "GPE", "LOC") and _named_by_kind(span, rules, label != "PERSON"):
        return classify_org(span, rules)  # "the rights group Memorial", "Japanese bank Nomura"
    if label == "PERSON":
        if words & (rules.media | rules.company | rules.government | rules.organisation) \
                or is_outlet_name(span, rules) or has_legal_form(span, rules):
            return classify_org(span, rules)
        return "Person"
    if label == "ORG":
        return classify_org(span, rules)
    if label in ("GPE", "LOC"):
        if has_ticker(span):  # "Illumina (ILMN)": a listed firm the model took for a place
            return "Company"
        if "." in text and " " not in text:  # "Tut.by": a web outlet, not a place
            return "Organization"
        return "Place"
    if label == "NORP":  # usually a nationality, religion or group ("Sikh", "Asian"): dropped
        if len(span) > 1 and all(t.is_title for t in span) and not words & rules.company:
            return "Person"  # the model's NORP on an unfamiliar two-word name
        if words & (rules.company | rules.organisation | rules.media) or (
                len(span) == 1 and span[0].is_upper and len(span[0]) >= 3):
            return classify_org(span, rules)
        return None
    if label == "LAW":
        return "Law"
    return None


def _named_by_kind(span: Span, rules: Rules, appositive: bool = True) -> bool:
    """A name right after the noun for its kind of body ("the rights group X", "smartphone maker
    X", "the X human rights centre"): an organisation or firm, whatever the NER took it for."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > span.sent.start else None
    kinds = rules.company_context | rules.organisation_context | rules.media
    if prev is not None and prev.is_lower and prev.pos_ == "NOUN" and prev.lower_ in kinds \
            and span.root.dep_ in ("appos", "compound", "dobj", "pobj", "nsubj", "nsubjpass", "conj", "npadvmod"):
        return True
    if appositive and any(c.dep_ == "appos" and c.i >= span.end and c.lower_ in kinds and c.is_lower
                          for c in span.root.children):
        return True  # "X, a consulting firm" (a person's appositive is too often misattached)
    nxt = doc[span.end] if span.end < span.sent.end else None
    return nxt is not None and span.root.dep_ in ("compound", "nmod") and span.root.head.i >= span.end \
        and span.root.head.lower_ in (rules.organisation | rules.company | rules.media) \
        and span.root.head.is_lower


def _person_context(span: Span, rules: Rules) -> bool:
    """A name the NER took for a body or place that the sentence shows to be a person: "X, who
    ...", "her lawyer, X,", "X, one of the country's best-known writers", a title in front
    ("Bishop X"), or a list of people ("A, B and X")."""
    words = {t.lower_ for t in span}
    if words & (rules.media | rules.government | rules.company | rules.organisation) or has_ticker(span) \
            or is_outlet_name(span, rules) or has_legal_form(span, rules):
        return False
    if not all(t.is_title or t.is_punct for t in span):
        return False
    doc = span.doc
    if len(span) >= 3 and span[0].lower_ in rules.person_titles and all(t.pos_ == "PROPN" for t in span[1:]):
        return True
    nxt = doc[span.end:span.end + 2]
    if len(nxt) == 2 and nxt[0].text == "," and nxt[1].lower_ == "who":
        return True
    root = span.root

    def person_noun(t: Token, depth: int = 0) -> bool:
        if t.lemma_.casefold() in rules.person_nouns or t.lower_ in rules.person_nouns:
            return True
        return depth < 4 and t.lower_ in QUANTITY_ONE and any(  # "one of Vietnam's best-known writers"
            p.dep_ == "pobj" and person_noun(p, depth + 1)
            for c in t.children if c.dep_ == "prep" for p in c.children)

    if root.dep_ == "appos" and person_noun(root.head) and root.head.i < span.start:
        return True  # "her lawyer, X"
    if any(c.dep_ == "appos" and person_noun(c) for c in root.children):
        return True  # "X, a former diplomat"
    kin = [root.head] if root.dep_ == "conj" else []
    kin += [c for c in root.children if c.dep_ == "conj"]
    return len(span) >= 2 and any(k.ent_type_ == "PERSON" for k in kin)


QUANTITY_ONE = words("quantity_one")


@cache
def _body_words() -> frozenset[str]:
    """The words that name a kind of body (media, state, firm, organisation, state function)."""
    rules = load_rules()
    return frozenset(rules.media | rules.government | rules.company | rules.organisation | rules.gov_functions
                     | rules.outlet_final | rules.legal_suffixes)


def person_shaped(name_words: list[str], gaz: Gazetteer) -> bool:
    """Two or three capitalised words none of which names a kind of body, a place or a demonym:
    the shape of a person's name ("Tural Mustafayev"), not of a firm's ("Jin Semiconductor")."""
    kinds = _body_words()
    return 2 <= len(name_words) <= 3 and all(
        w[:1].isupper() and not w.isupper() and w.casefold() not in kinds and not gaz.is_place_or_demonym(w)
        for w in name_words)


def ner_mentions(doc: Doc, gaz: Gazetteer, rules: Rules) -> list[Mention]:
    out: list[Mention] = []
    for ent, (first, last) in ((e, p) for e in doc.ents for p in parts(doc, e.start, e.end)):
        label = ent.label_
        if label not in LABEL_TYPES and label not in ("PERSON", "ORG", "GPE", "LOC", "NORP", "LAW", "FAC"):
            continue
        person = label in ("PERSON", "EG_PERSON")
        start, end = clean_bounds(doc, first, last, person, rules)
        if label == "LAW" and not any(t.lower_ in LAW_WORDS for t in doc[start:end]):
            # "fined Alphabet's Google 7.2 billion roubles": a name and a sum, not a law
            while end > start and (doc[end - 1].like_num or doc[end - 1].lower_ in SCALE_WORDS):
                end -= 1
            if end == last or not doc[start].is_title:
                continue
            label = "ORG"
        if start >= end:
            continue
        span = doc[start:end]
        text = span_text(doc, start, end)
        if is_ticker(doc, start, end):
            continue
        if not text or name_key(text) in rules.stop_names or not any(c.isalpha() for c in text):
            continue
        if label == "FAC":
            entry = gaz.lookup(text)
            if entry is None:
                continue
            label = "EG_" + {"GovernmentBody": "GOV"}.get(entry.type, "ORG")
        ent_type = _type_for(span, label, gaz, rules)
        if ent_type is None:
            continue
        if ent_type in ("Organization", "Company", "Place") and label in ("ORG", "GPE", "LOC", "NORP") \
                and gaz.lookup(text) is None and _person_context(span, rules):
            if doc[start].lower_ in rules.person_titles:  # "Bishop Rolando Álvarez"
                start += 1
                span, text = doc[start:end], span_text(doc, start, end)
            ent_type = "Person"
        entry = gaz.entries.get(ent.ent_id_) if ent.ent_id_ else None
        if entry is None and label not in LABEL_TYPES:
            found = gaz.lookup(text)
            if found is not None and (found.type == ent_type or ent_type != "Person"):
                entry = found
                ent_type = found.type
        strength = 1.0
        if ent_type in ("Company", "Organization", "GovernmentBody") and entry is None:
            strength = classify_org_strength(span, rules)[1]
        out.append(Mention(start, end, text, entry.type if entry else ent_type,
                           "gazetteer" if entry else "ner", entry.id if entry else None,
                           entry.country if entry else None, strength))
    return out


def token_mention_index(mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> the longest mention covering it."""
    out: dict[int, Mention] = {}
    for m in sorted(mentions, key=lambda m: m.end - m.start):
        for i in range(m.start, m.end):
            out[i] = m
    return out


def is_title_token(tok: Token, rules: Rules) -> bool:
    return tok.lower_.rstrip(".") in {t.rstrip(".") for t in rules.person_titles}
