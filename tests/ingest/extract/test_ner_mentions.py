"""NER mentions: which of the statistical NER's spans become typed names."""

from __future__ import annotations

from spacy.tokens import Span

from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.ner_mentions import load_rules, ner_mentions
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
