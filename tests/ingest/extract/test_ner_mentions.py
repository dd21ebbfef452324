"""NER mentions: which of the statistical NER's spans become typed names."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc, Span

from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.ner_mentions import clean_bounds, load_rules, ner_mentions
from ingest.extract.pipeline import Extractor


def test_ner_mentions_stop_names_are_no_names(extractor: Extractor) -> None:
    """"in absentia" read as a place, "Media" (a press-contact heading) read as an organisation:
    the stop list keeps them out; a real name in the same text stays."""
    doc = extractor.nlp("Media\nThe court sentenced Anna Petrova in absentia.")
    doc.ents = [Span(doc, 0, 1, label="ORG"), Span(doc, 5, 7, label="PERSON"), Span(doc, 8, 9, label="GPE")]
    assert doc[8].text == "absentia" and doc[5:7].text == "Anna Petrova"
    names = {m.text for m in ner_mentions(doc, load_gazetteer(), load_rules())}
    assert names == {"Anna Petrova"}


def test_ner_mentions_sum_run_into_a_name_is_cut(extractor: Extractor) -> None:
    """"fined Harbor Television N5 million": the NER span runs on into the sum; the name ends
    before it. A number that is part of a name ("Unit 8200") stays."""
    doc = extractor.nlp("The board fined Harbor Television N5 million and X Corp A$610,500, and named Unit 8200.")
    tokens = [t.text for t in doc]
    first, second, third = tokens.index("Harbor"), tokens.index("X"), tokens.index("Unit")
    doc.ents = [Span(doc, first, first + 4, label="ORG"), Span(doc, second, tokens.index(",", second), label="ORG"),
                Span(doc, third, third + 2, label="ORG")]
    assert doc[first:first + 4].text == "Harbor Television N5 million"
    names = {m.text for m in ner_mentions(doc, load_gazetteer(), load_rules())}
    assert names == {"Harbor Television", "X Corp", "Unit 8200"}


def _typed(extractor: Extractor, text: str, spans: list[tuple[str, str]]) -> dict[str, str]:
    """The schema type ``ner_mentions`` gives each of ``spans`` (name, spaCy label) in ``text``."""
    doc = extractor.nlp(text)
    ents = []
    for name, label in spans:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label=label)
        assert span is not None, name
        ents.append(span)
    doc.ents = ents
    return {m.text: m.type for m in ner_mentions(doc, load_gazetteer(), load_rules())}


def test_ner_mentions_outlet_noun_ending_a_name_makes_an_outlet(extractor: Extractor) -> None:
    """"Tessel Courier", "Varna Review": an outlet's noun in last place types the name an
    Organization even where the NER read a person; the same word opening a name decides nothing."""
    text = "The Tessel Courier and the Varna Review quoted Standard Kordel, a bank, on the fine."
    types = _typed(extractor, text, [("Tessel Courier", "PERSON"), ("Varna Review", "ORG"),
                                     ("Standard Kordel", "ORG")])
    assert types["Tessel Courier"] == "Organization"
    assert types["Varna Review"] == "Organization"
    assert types["Standard Kordel"] == "Company"  # "a bank": the noun beside it decides


def test_ner_mentions_legal_form_ending_a_name_makes_a_company(extractor: Extractor) -> None:
    """"Brannock Media Limited": the legal entity behind an outlet is a firm, whatever its media
    word; a broadcaster's "Corporation" is no legal form of a firm here."""
    text = "Regulators fined Brannock Media Limited and the Osmar Broadcasting Corporation last week."
    types = _typed(extractor, text, [("Brannock Media Limited", "ORG"),
                                     ("Osmar Broadcasting Corporation", "ORG")])
    assert types == {"Brannock Media Limited": "Company", "Osmar Broadcasting Corporation": "Organization"}


def test_ner_mentions_central_bank_is_a_state_body(extractor: Extractor) -> None:
    """"Central Bank of Veltria": a state's monetary authority, not a firm."""
    text = "The Central Bank of Veltria froze the accounts held at Kordel Bank."
    types = _typed(extractor, text, [("Central Bank of Veltria", "ORG"), ("Kordel Bank", "ORG")])
    assert types == {"Central Bank of Veltria": "GovernmentBody", "Kordel Bank": "Company"}


def test_ner_mentions_ngo_words_make_an_organisation(extractor: Extractor) -> None:
    """"Harbor Aid", "Lowland Initiative": a charity's or campaign's word in the name types it an
    Organization, so a person's reading of the learned NER does not replace it."""
    text = "Harbor Aid and the Lowland Initiative were closed."
    types = _typed(extractor, text, [("Harbor Aid", "ORG"), ("Lowland Initiative", "ORG")])
    assert types == {"Harbor Aid": "Organization", "Lowland Initiative": "Organization"}


def test_ner_mentions_a_name_does_not_end_in_a_function_word(extractor: Extractor) -> None:
    """"under the Criminal Code of\\nRuritania": the NER span stops before the line break and
    keeps the dangling "of"; the name ends at "Code". A name whose own words include "of" keeps them."""
    text = "He was charged under the Criminal Code of\nRuritania by the Court of Appeal."
    doc = extractor.nlp(text)
    code, court = text.index("Criminal Code of"), text.index("Court of Appeal")
    spans = [doc.char_span(code, code + len("Criminal Code of"), label="LAW"),
             doc.char_span(court, court + len("Court of Appeal"), label="ORG")]
    assert all(s is not None for s in spans)
    doc.ents = [s for s in spans if s is not None]
    names = {m.text for m in ner_mentions(doc, load_gazetteer(), load_rules())}
    assert names == {"Criminal Code", "Court of Appeal"}


def test_ner_mentions_a_hyphenated_name_keeps_its_last_part(extractor: Extractor) -> None:
    """"Fernando Chui Sai-on": "on" is part of the name, joined to the word before it by a hyphen."""
    text = "Macau's chief executive Fernando Chui Sai-on met Kelvin Sze-to on Monday."
    doc = extractor.nlp(text)
    spans = [doc.char_span(text.index(n), text.index(n) + len(n), label="PERSON")
             for n in ("Fernando Chui Sai-on", "Kelvin Sze-to")]
    assert all(s is not None for s in spans)
    doc.ents = [s for s in spans if s is not None]
    names = {m.text for m in ner_mentions(doc, load_gazetteer(), load_rules())}
    assert names == {"Fernando Chui Sai-on", "Kelvin Sze-to"}


def test_ner_mentions_a_name_never_runs_across_a_sentence_end() -> None:
    """"... under the Criminal Code. The Sovetsky District Court jailed her": a span (here the
    court pattern's, which allows a "." inside a court's name) that starts in the sentence before
    keeps the part in the sentence of its last word; an abbreviation's period is no sentence end."""
    words = ["under", "the", "Criminal", "Code", ".", "The", "Sovetsky", "District", "Court", "jailed", "her",
             "at", "St.", "Petersburg", "City", "Court"]
    doc = Doc(English().vocab, words=words, sent_starts=[i in (0, 5) for i in range(len(words))])
    assert clean_bounds(doc, 2, 9, False, load_rules()) == (6, 9)
    assert clean_bounds(doc, 12, 16, False, load_rules()) == (12, 16)


def test_ner_mentions_a_dateline_of_two_cities_gives_two_places(extractor: Extractor) -> None:
    """The NER reads "Phnom Penh / Bangkok" (a release's dateline) as one span; it holds two
    places, each typed on its own."""
    text = "Phnom Penh / Bangkok, 24 February 2015 - The group condemned the expulsion."
    doc = extractor.nlp(text)
    span = doc.char_span(0, len("Phnom Penh / Bangkok"), label="ORG")
    assert span is not None
    doc.ents = [span]
    found = {(m.text, m.type) for m in ner_mentions(doc, load_gazetteer(), load_rules())}
    assert found == {("Phnom Penh", "Place"), ("Bangkok", "Place")}
