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
