"""The spaCy pipeline: the configured model plus our additions.

* ``eg_newline_sents`` starts a sentence after every line break, before the parser runs, so a
  headline or dateline is never glued to the first sentence of the body (the parser keeps
  preset boundaries).
* An EntityRuler before the statistical NER, fed from the gazetteer, so known agencies and laws
  get the right label and a canonical id however the model would have tagged them; and one
  after it for places, so a place inside an organisation's name ("Beijing Municipal Bureau of
  Statistics") does not cut that name in two.
* ``eg_name_tails`` after the first ruler: a gazetteer name that is only the tail of a longer
  name ("State Security Service", "Norwegian Police Security Service" are not MI5's "Security
  Service") is left to the NER, so the longer body is found and never linked to the wrong one.

The pipeline is built once per process (``load_pipeline`` is cached); worker processes build
their own.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.errors import ModelUnavailable
from ingest.extract.gazetteer import RULER_LABELS, load_gazetteer
from ingest.extract.vocabulary import words

MAX_TEXT_CHARS = 2_000_000
#: words that end a firm's legal name ("Google LLC")
CORPORATE_SUFFIXES = words("strong_company")


@Language.component("eg_newline_sents")
def newline_sents(doc: Doc) -> Doc:
    """Mark the first token after a line break, and after a dateline ("SHANGHAI — ",
    "BEIJING -- ", "Shanghai: "), as a sentence start: a dateline parsed as part of the
    sentence becomes its subject. The starts are set in one array write: setting
    ``Token.is_sent_start`` one by one costs a pass over the document each time."""
    starts: list[int] = []
    line_start = True
    for i in range(len(doc)):
        tok = doc[i]
        if tok.is_space:
            line_start = line_start or "\n" in tok.text
            continue
        if line_start:
            if i > 0:
                starts.append(i)
            after = _dateline_end(doc, i)
            if after is not None:
                starts.append(after)
        line_start = "\n" in tok.whitespace_
    if starts:
        # one column: 1 a start, -1 inside a sentence, 0 not yet known (the parser decides)
        values: Any = doc.to_array([SENT_START]).reshape(-1, 1)
        values[starts, 0] = 1
        doc.from_array([SENT_START], values)
    return doc


DATELINE_MARKS = {"—", "--", "–", ":", "-"}


def _dateline_end(doc: Doc, i: int) -> int | None:
    """The token that starts a sentence after "CITY —" / "CITY, Country (Agency) —" at the start
    of a line, if the line opens with a dateline."""
    first = doc[i]
    for j in range(i + 2, min(i + 14, len(doc) - 1)):  # "05:14 AM EST, 02/04/2025 (Newswires) -- "
        if doc[j].is_space or doc[j].text in (".", "!", "?"):
            break
        if doc[j].text in ("—", "--", "–", "-") and doc[j - 1].text == ")" and not doc[j + 1].is_space:
            return j + 1
    if not ((first.is_upper and len(first.text) > 1) or first.is_title):
        return None
    for j in range(i + 1, min(i + 8, len(doc) - 1)):
        t = doc[j]
        if t.text in DATELINE_MARKS and (doc[i:j].text.isupper() or (t.text == ":" and j - i <= 3)):
            return j + 1 if not doc[j + 1].is_space else None
        if t.is_space or t.text in (".", "!", "?"):
            return None
    return None


def add_components(nlp: Language) -> Language:
    """Add the line-break sentencizer and the gazetteer EntityRuler to a loaded model."""
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eg_newline_sents", before="parser")
    gaz = load_gazetteer()
    before = "ner" if "ner" in nlp.pipe_names else None
    config: dict[str, Any] = {"phrase_matcher_attr": "ORTH", "overwrite_ents": False}
    bodies = nlp.add_pipe("entity_ruler", name="eg_gazetteer", before=before, config=config)
    bodies.add_patterns(gaz.ruler_patterns(places=False))  # type: ignore[attr-defined]
    nlp.add_pipe("eg_name_tails", after="eg_gazetteer")
    places = nlp.add_pipe("entity_ruler", name="eg_places", config=config)
    places.add_patterns(gaz.ruler_patterns(places=True))  # type: ignore[attr-defined]
    nlp.max_length = MAX_TEXT_CHARS
    return nlp


@Language.component("eg_name_tails")
def name_tails(doc: Doc) -> Doc:
    """Drop the gazetteer's reading of a name whose word before it, inside the sentence, is a
    capitalised name word that is no place or demonym: the name goes on to the left ("the State
    Security Service"), while "Chinese Ministry of State Security" or "United States Treasury"
    keep it. A firm's name followed by a capitalised word goes on to the right ("Apple Daily",
    "Google Ireland"): the NER reads the longer name; a corporate suffix joins the firm's name
    ("Google LLC")."""
    gaz = load_gazetteer()
    kept: list[Span] = []
    unread: list[Span] = []
    for ent in doc.ents:
        before = doc[ent.start - 1] if ent.start > 0 else None
        after = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ == RULER_LABELS["Company"] and after is not None and not after.ent_type_ \
                and after.text.rstrip(".").casefold() in CORPORATE_SUFFIXES:
            after.ent_id_ = ent.ent_id_
            ent = Span(doc, ent.start, ent.end + 1, label=ent.label, kb_id=ent.kb_id, span_id=ent.id)
            after = doc[ent.end] if ent.end < len(doc) else None
        if (before is not None and before.is_title and not before.is_sent_start
                and before.pos_ in ("PROPN", "NOUN", "ADJ") and not gaz.is_place_or_demonym(before.text)
                and not (before.i > 0 and gaz.is_place_or_demonym(doc[before.i - 1:before.i + 1].text))) \
                or (ent.label_ == RULER_LABELS["Company"] and after is not None and after.text[:1].isupper()):
            for t in ent:  # the statistical NER would read the entry's id off the tokens
                t.ent_id_ = ""
            if ent.label_ == RULER_LABELS["Company"]:
                unread.append(ent)  # left to the NER, not marked as no name
            continue
        kept.append(ent)
    if kept != list(doc.ents):
        doc.set_ents(kept, missing=unread, default="outside")
    return doc


@cache
def load_bare(model: str) -> Language:
    """The spaCy model alone, as installed (the benchmark's baseline)."""
    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelUnavailable(f"cannot load the spaCy model {model!r}: is it installed?") from exc


@cache
def load_pipeline(model: str) -> Language:
    """The model with our components (cached per process)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelUnavailable(f"cannot load the spaCy model {model!r}: is it installed?") from exc
    return add_components(nlp)
