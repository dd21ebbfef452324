"""Name ends: brackets kept whole or left out, and clauses cut off a name (hand-built Docs)."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from ingest.extract.name_ends import (
    NAME_FUNCTION_WORDS,
    after_clause_comma,
    balanced,
    closes_quote,
    parts,
    quoted,
    without_clause,
)
from ingest.extract.ner_mentions import FRONT_DROP, NAME_FINALS, clean_bounds, load_rules

FINALS = NAME_FINALS | load_rules().legal_suffixes


def _doc(words: list[str], tags: list[str] | None = None) -> Doc:
    spaces = [w not in ("(", "-") and (i + 1 == len(words) or words[i + 1] not in (")", ",", ".", "-"))
              for i, w in enumerate(words)]
    return Doc(English().vocab, words=words, spaces=spaces, tags=tags,
               sent_starts=[i == 0 for i in range(len(words))])


def test_name_ends_an_aside_before_a_firms_last_word_is_part_of_the_name() -> None:
    """"the arm, GlaxoSmithKline (China) Investment Co., pleaded": a span that starts inside the
    bracket takes the bracket and the name before it; one that stops before it takes the aside
    and the words after it."""
    doc = _doc(["the", "arm", ",", "GlaxoSmithKline", "(", "China", ")", "Investment", "Co.", ",", "pleaded"])
    assert balanced(doc, 5, 9, FINALS, FRONT_DROP) == (3, 9)
    assert balanced(doc, 3, 4, FINALS, FRONT_DROP) == (3, 9)


def test_name_ends_an_abbreviation_in_brackets_stays_outside() -> None:
    """"the Information Commissioner's Office (ICO) fined": no name's last word follows the
    aside, so a span that runs into it stops before the bracket, one that ends before it stays
    as it is, and "ICO)" loses its stray bracket."""
    doc = _doc(["the", "Information", "Commissioner", "'s", "Office", "(", "ICO", ")", "fined", "them"])
    assert balanced(doc, 1, 7, FINALS, FRONT_DROP) == (1, 5)
    assert balanced(doc, 1, 5, FINALS, FRONT_DROP) == (1, 5)
    assert balanced(doc, 6, 8, FINALS, FRONT_DROP) == (6, 7)


def test_name_ends_a_bill_keeps_its_bracket_and_year() -> None:
    """"passed the Prevention of Electronic Crimes (Amendment) Bill, 2025 on": the NER stops
    at the bracket; the name runs on to the bill's year. A reference's bracket inside a token
    ("4(1)(c") is closed by the next token."""
    doc = _doc(["passed", "the", "Prevention", "of", "Electronic", "Crimes", "(", "Amendment", ")", "Bill", ",",
                "2025", "on", "Tuesday"])
    assert balanced(doc, 2, 6, FINALS, FRONT_DROP) == (2, 12)
    ref = _doc(["under", "Section", "4(1)(c", ")", "of", "the", "act"])
    assert balanced(ref, 1, 3, FINALS, FRONT_DROP) == (1, 4)


def test_name_ends_a_stray_closing_bracket_with_no_partner_is_left_out() -> None:
    """"Harbor) Media Holdings": no bracket opens within reach, so the name starts after it."""
    doc = _doc(["Harbor", ")", "Media", "Holdings", "said"])
    assert balanced(doc, 0, 4, FINALS, FRONT_DROP) == (2, 4)
    assert balanced(doc, 1, 4, FINALS, FRONT_DROP) == (2, 4)


def test_name_ends_a_clause_run_into_a_law_is_cut() -> None:
    """"the Federal Law on Advertising to ban the promotion" and "the Act lays down rules": the
    name ends before the clause; a verb-like word after a name's own function word ("Ligue des
    droits") or before a capitalised word ("Radyo ve Dijital") is the name's."""
    law = _doc(["the", "Federal", "Law", "on", "Advertising", "to", "ban", "the", "promotion"],
               ["DT", "NNP", "NNP", "IN", "NNP", "TO", "VB", "DT", "NN"])
    assert without_clause(law, 1, 9, NAME_FUNCTION_WORDS) == 5
    act = _doc(["the", "Act", "lays", "down", "rules"], ["DT", "NNP", "VBZ", "RP", "NNS"])
    assert without_clause(act, 1, 5, NAME_FUNCTION_WORDS) == 2
    assert clean_bounds(act, 1, 5, False, load_rules()) == (1, 2)
    ligue = _doc(["Ligue", "des", "droits", "de", "l'Homme"], ["NNP", "NNP", "VBZ", "IN", "NNP"])
    assert without_clause(ligue, 0, 5, NAME_FUNCTION_WORDS) == 5
    radyo = _doc(["Radyo", "ve", "Dijital", "Yayincilik"], ["NNP", "VBP", "NNP", "NNP"])
    assert without_clause(radyo, 0, 4, NAME_FUNCTION_WORDS) == 4


def test_name_ends_a_spaced_slash_parts_two_names() -> None:
    """"Phnom Penh / Bangkok, 24 February" (a release's dateline with two cities) holds two names;
    "Radio Free Europe/Radio Liberty" is one."""
    doc = _doc(["Phnom", "Penh", "/", "Bangkok", ",", "24", "February"])
    assert parts(doc, 0, 4) == [(0, 2), (3, 4)]
    one = Doc(English().vocab, words=["Radio", "Free", "Europe", "/", "Radio", "Liberty"],
              spaces=[True, True, False, False, True, False])
    assert parts(one, 0, 6) == [(0, 6)]


def test_name_ends_a_quoted_title_takes_its_closing_quote() -> None:
    """'under Law "On Mass Media" in 2024': a span that stops inside the title takes the closing
    quote, one that runs past it stops there, and the quote then stays on the name."""
    doc = Doc(English().vocab, words=["under", "Law", '"', "On", "Mass", "Media", '"', "in", "2024"],
              spaces=[True, True, False, True, True, False, True, True, False])
    assert quoted(doc, 1, 6) == (1, 7)
    assert quoted(doc, 1, 9) == (1, 7)
    assert closes_quote(doc, 1, 7)
    assert clean_bounds(doc, 1, 9, False, load_rules()) == (1, 7)


def test_name_ends_a_stray_closing_quote_leaves_the_nickname_out() -> None:
    """'known as "Harry" Lu Jianwang': the NER's span starts inside the nickname's quotes."""
    words = ["known", "as", '"', "Harry", '"', "Lu", "Jianwang", "in", "May"]
    doc = Doc(English().vocab, words=words, spaces=[True, True, False, False, True, True, True, True, False])
    assert quoted(doc, 3, 7) == (5, 7)


def test_name_ends_a_clause_before_a_comma_is_left_out() -> None:
    """"Within weeks of their departure, Meydan TV was raided": the name starts after the comma;
    a title's year after a comma stays ("Regulations, 2021")."""
    doc = _doc(["Within", "weeks", "of", "their", "departure", ",", "Meydan", "TV", "was", "raided"])
    assert after_clause_comma(doc, 0, 8, NAME_FUNCTION_WORDS) == 6
    year = _doc(["Act", "and", "regulations", "20", "of", "the", "Data", "Regulations", ",", "2021"])
    assert after_clause_comma(year, 0, 10, NAME_FUNCTION_WORDS) == 0


def test_name_ends_and_with_a_verb_starts_a_clause() -> None:
    """"annulled Decree No. 668 and restore the outlets' assets": "and" with a verb ends the name;
    "and" with a noun does not ("Ministry of Culture and Tourism" is capitalised anyway)."""
    doc = _doc(["Decree", "No.", "668", "and", "restore", "the", "assets"],
               ["NNP", "NNP", "CD", "CC", "VB", "DT", "NNS"])
    assert without_clause(doc, 0, 7, NAME_FUNCTION_WORDS) == 3
    noun = _doc(["Law", "on", "fines", "and", "penalties"], ["NNP", "IN", "NNS", "CC", "NNS"])
    assert without_clause(noun, 0, 5, NAME_FUNCTION_WORDS) == 5
