"""A proper name the NER missed, named when an event needs it as an argument.

The statistical NER misses names it has not seen ("Orion Chips" as the object of "fined"), and
the gazetteer's place names can split a body's name so that the NER finds nothing ("The
Istanbul Chief Public Prosecutor's Office opened ..."). When an argument phrase's head is a
proper noun that no entity covers, this reads the name from the dependency tree: the head with
the proper nouns compounded onto it, and a title-case office-holder before a possessive
("Prosecutor's Office"). Kept apart from ``argument_entities.py``, which decides which entity an
argument phrase means and calls this for the phrases that mean none yet.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.arguments import EntityIndex
from ingest.extract.firm_marks import is_ticker
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.ner_mentions import Rules, classify_org
from ingest.extract.stage_records import Cluster, Mention
from ingest.extract.vocabulary import words

MONTH_AND_DAY_WORDS = words("month_and_day_words")


def is_month_or_day(text: str) -> bool:
    return text.casefold().rstrip(".") in MONTH_AND_DAY_WORDS


def unlisted_name(tok: Token, ix: EntityIndex, gaz: Gazetteer, rules: Rules, hint: str) -> Cluster | None:
    """An entity for a proper name the NER missed ("Orion Chips" as an object of "fined")."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ in ("compound", "nmod") \
            and ix.at(doc[start - 1]) is None and doc[start - 1].head.i in range(start, tok.i + 1):
        start -= 1
    if start == tok.i and start > 1 and doc[start - 1].tag_ == "POS" and _titled_possessor(doc[start - 2], tok) \
            and ix.at(doc[start - 2]) is None:  # "Prosecutor's Office": an office-holder's office
        start -= 2
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
                and doc[start - 1].dep_ == "compound" and ix.at(doc[start - 1]) is None:
            start -= 1
    span = doc[start:tok.i + 1]
    text = span.text
    if not any(t.is_title or t.is_upper for t in span) or gaz.is_place_or_demonym(text) \
            or is_ticker(doc, start, tok.i + 1) \
            or text.casefold() in rules.stop_names or is_month_or_day(text):
        return None
    span_words = {t.lower_ for t in span}
    org_words = rules.company | rules.government | rules.media | rules.organisation
    if span_words & org_words:
        etype = classify_org(span, rules)
    elif hint == "person" and 2 <= len(span) <= 3 and all(t.is_title for t in span):
        etype = "Person"
    else:
        etype = classify_org(span, rules)
        if etype == "Organization" and hint == "firm":
            etype = "Company"
    cluster = Cluster(id=-1, type=etype, name=text,
                      mentions=[Mention(start, tok.i + 1, text, etype, "ner")])
    ix.add(cluster)
    return cluster


def _titled_possessor(owner: Token, tok: Token) -> bool:
    """A title-case owner of a title-case name ("Prosecutor" of "Prosecutor's Office"): one name, not an
    owner and the thing owned ("Mintz's Beijing office" has a lower-case head)."""
    return owner.dep_ == "poss" and owner.head.i == tok.i and owner.is_title and tok.is_title \
        and owner.pos_ in ("PROPN", "NOUN")
