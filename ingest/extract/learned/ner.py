"""The learned NER (a spaCy pipeline trained with ``spacy train``), composed with the rule mentions.

spaCy's small English model knows OntoNotes' labels, not ours: it finds "ORG" and the rules
then guess Company, Organization or GovernmentBody from word lists, and its boundaries cut
names our gold writes whole. A ``ner`` component fine-tuned on our train split
(``train_ner.py``) reads the six schema types directly. It does not replace the rules: the
gazetteer, the law and court rules and datelines keep what they are sure of, and the learned
spans only do what ``Compose`` allows:

* ``add`` — a learned name that overlaps no rule mention becomes a mention (names the rules
  never found: a firm the small model missed, a ministry in a long title);
* ``bounds`` — a learned name that strictly contains a mention found by spaCy's NER (not the
  gazetteer) replaces it ("Hikvision Digital Technology Co." for "Hikvision Digital");
* ``replace`` — spaCy's NER mentions are dropped and the learned names take their place (the
  gazetteer's stay);
* ``retype`` — a NER mention whose type came from the word lists' default (strength below 2.5)
  takes the learned type when the learned span has the same boundaries;
* ``person`` — narrower than ``retype``: a NER mention the word lists typed an organisation by
  their bare default (no word in or around it names a kind of body) takes the learned Person
  reading of the same span when it has a person's shape ("Lilian Darii", spaCy's ORG).

Where the learned name widens a shorter one and both readings are sure (the word lists' own
words), the whole name's reading wins ("Official Gazette", not the outlet "Gazette" alone).

A learned name's own type yields to what the word lists are sure of (``sure_type``): a body's
own words and a name that employs staff, so those hold whatever a retrained model reads.

The model runs on a copy of the parsed document's words (its own vocabulary), so the main
pipeline and its parse are untouched. Nothing here runs unless the model folder
``ingest/extract/data/learned/ner/`` exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ingest.extract.firm_marks import employs, is_ticker
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.name_ends import parts
from ingest.extract.ner_mentions import (
    Rules,
    classify_org_strength,
    clean_bounds,
    has_legal_form,
    is_outlet_name,
    span_text,
)
from ingest.extract.stage_records import Mention
from ontology import load as load_ontology

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "learned" / "ner"
TYPES = frozenset(load_ontology().entity_types())
#: The types the word lists choose among for an organisation's name.
ORGANISATIONS = frozenset({"Organization", "Company", "GovernmentBody"})
#: the strengths below this are the word lists' default type (``classify_org_strength``: 0.5)
DEFAULT_STRENGTH = 1.0


@dataclass(frozen=True)
class Compose:
    """Which parts of the composition run (chosen on the tune split, ``bench/compare_ner.py``)."""

    add: bool = True
    bounds: bool = True
    retype: bool = False
    #: the learned names replace spaCy's (the gazetteer's names stay; then ``add`` as above)
    replace: bool = False
    #: a rule type at least this sure is kept by ``retype`` (word lists 2.5-3, gazetteer always)
    sure: float = 2.5
    #: a NER name the word lists typed by their default alone (no cue in or around it) takes the
    #: learned Person reading of the same span when it has a person's shape (``person_like``:
    #: "Lilian Darii", spaCy's ORG with no body's word in or around it)
    person: bool = True


#: The shipped composition.
SHIPPED_COMPOSE = Compose()


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str


class LearnedNER:
    """The trained spaCy pipeline (one ``ner`` component with its own CNN tok2vec)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    @classmethod
    def load(cls, path: Path) -> LearnedNER:
        return cls(spacy.load(path))

    def spans(self, doc: Doc) -> list[Span]:
        """The learned entities of ``doc``, as token ranges of ``doc`` with schema types: the ones
        ``annotate`` kept on it for this model, else read now."""
        kept = doc.user_data.pop(_KEPT, None)  # read once: nothing of ours stays on the document
        if kept is not None and kept[0] == id(self):
            return list(kept[1])
        copy = self._copy(doc)
        for _, proc in self.nlp.pipeline:
            copy = proc(copy)
        return _typed(copy)

    def annotate(self, docs: list[Doc]) -> None:
        """Read the learned entities of several documents in one batch and keep them on each
        (``spans`` returns them). The model's network and its transition system run on the whole
        batch at once, which costs about a sixth less than one document at a time on the sample
        corpus; the spans are the same (checked by the tests)."""
        copies = self.nlp.pipe([self._copy(d) for d in docs], batch_size=max(1, len(docs)))
        for doc, copy in zip(docs, copies, strict=True):
            doc.user_data[_KEPT] = (id(self), tuple(_typed(copy)))

    def _copy(self, doc: Doc) -> Doc:
        return Doc(self.nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


#: Where ``annotate`` keeps a document's learned spans until ``spans`` reads them (with the id of the
#: model that read them).
_KEPT = "enforcegraph.learned_ner_spans"


def _typed(copy: Doc) -> list[Span]:
    return [Span(e.start, e.end, e.label_) for e in copy.ents if e.label_ in TYPES]


def annotate(docs: list[Doc]) -> None:
    """Batch the active model's reading of these documents (nothing when no model is active)."""
    learned = active()
    if learned is not None and docs:
        learned[0].annotate(docs)


def is_name(span: SpacySpan) -> bool:
    """A proper name by the parse: a proper noun or an acronym in it. The model tags some
    references too ("police", "Prosecutors" opening a sentence, "Russian government"); the
    gold lists those only where they name a body, which the rules decide."""
    return any(t.pos_ == "PROPN" or (t.is_upper and len(t) > 1 and t.is_alpha) for t in span)


def learned_mentions(doc: Doc, spans: list[Span], gaz: Gazetteer, rules: Rules) -> list[Mention]:
    """Cleaned mentions of the learned spans (the same trimming as spaCy's entities get)."""
    out = []
    for sp, (first, last) in ((s, p) for s in spans for p in parts(doc, s.start, s.end)):
        start, end = clean_bounds(doc, first, last, sp.type == "Person", rules)
        if start >= end or is_ticker(doc, start, end):
            continue
        text = span_text(doc, start, end)
        if not text or not any(c.isalpha() for c in text) or not is_name(doc[start:end]):
            continue
        entry = gaz.lookup(text)
        if entry is not None and entry.type == sp.type:
            out.append(Mention(start, end, text, entry.type, "gazetteer", entry.id, entry.country))
        else:
            kind, strength = sure_type(doc[start:end], sp.type, rules)
            out.append(Mention(start, end, text, kind, "ner", strength=strength))
    return out


def sure_type(span: SpacySpan, learned: str, rules: Rules) -> tuple[str, float]:
    """The learned type, unless a rule the word lists are sure of says otherwise: a body's own
    words ("Coastal Strike Force": a state's force, "X Broadcasting Commission") type an
    organisation whatever the model read, and a name that employs staff ("a Norvenna
    employee", "Norvenna's executives") is a firm, not the place the model took it for. These
    are the rules' judgement, not the model's, so they hold whatever a retrained model reads."""
    if learned in ORGANISATIONS:
        kind, strength = classify_org_strength(span, rules)
        if strength >= 3.0:
            return kind, strength
    elif learned == "Place" and employs(span, rules.employer_context):
        return "Company", 2.0
    elif learned in ("Person", "Place") and (is_outlet_name(span, rules) or has_legal_form(span, rules)):
        return classify_org_strength(span, rules)  # "Sindh Courier": an outlet; "X Limited": a firm
    return learned, 1.0


def compose(found: list[Mention], learned: list[Mention], how: Compose,
            person_like: Callable[[Mention], bool] | None = None) -> list[Mention]:
    """The rule mentions with the learned ones added, widened or retyped as ``how`` allows.

    Mentions sit in slots (a removed one leaves None) indexed by the tokens they cover, so a
    document with thousands of names costs one pass, not one scan of all mentions per name."""
    kept_found = [f for f in found if f.source != "ner"] if how.replace else list(found)
    slots: list[Mention | None] = list(kept_found)
    cover: dict[int, set[int]] = {}
    for k, f in enumerate(kept_found):
        _cover(cover, k, f)
    for m in learned:
        ks = sorted({k for i in range(m.start, m.end) for k in cover.get(i, ())})
        inside = [(k, g) for k in ks if (g := slots[k]) is not None]
        if not inside:
            if how.add:
                slots.append(m)
                _cover(cover, len(slots) - 1, m)
            continue
        same = [(k, f) for k, f in inside if (f.start, f.end) == (m.start, m.end)]
        if same:
            for k, f in same:
                if how.retype:
                    slots[k] = _retyped(f, m, how)
                elif how.person and m.type == "Person" and f.source == "ner" and not f.gaz_id \
                        and f.strength < DEFAULT_STRENGTH and f.type in ORGANISATIONS \
                        and person_like is not None and person_like(f):
                    slots[k] = replace(f, type="Person", strength=1.0)
            continue
        widens = all(m.start <= f.start and f.end <= m.end and f.source == "ner" for _, f in inside)
        if how.bounds and widens:
            strong = max((f for _, f in inside), key=lambda f: f.strength)
            # a sure reading of the whole name beats one of its fragment ("Official Gazette" is
            # the state's organ though "Gazette" alone reads as an outlet)
            kept = strong.type if strong.strength >= how.sure and m.strength < how.sure else m.type
            for k, f in inside:
                slots[k] = None
                for i in range(f.start, f.end):
                    cover[i].discard(k)
            slots.append(Mention(m.start, m.end, m.text, kept, m.source, m.gaz_id, m.country,
                                 max(strong.strength, 1.0) if kept == strong.type else max(m.strength, 1.0)))
            _cover(cover, len(slots) - 1, m)
    out = [f for f in slots if f is not None]
    out.sort(key=lambda m: (m.start, -(m.end - m.start)))
    return out


def _cover(cover: dict[int, set[int]], k: int, m: Mention) -> None:
    for i in range(m.start, m.end):
        cover.setdefault(i, set()).add(k)


def _retyped(rule: Mention, learned: Mention, how: Compose) -> Mention:
    if rule.source != "ner" or rule.gaz_id or rule.strength >= how.sure or rule.type == learned.type:
        return rule
    return Mention(rule.start, rule.end, rule.text, learned.type, rule.source, None, rule.country, 1.0)


@cache
def load_shipped(path: Path = SHIPPED) -> LearnedNER | None:
    """The shipped NER, or None when it has not been built (the rules then work alone)."""
    return LearnedNER.load(path) if (path / "config.cfg").exists() else None


_OVERRIDE: list[tuple[LearnedNER | None, Compose]] = []


def use(model: LearnedNER | None, how: Compose = SHIPPED_COMPOSE) -> None:
    """Use this model (None: no learned NER) and composition in this process instead of the
    shipped ones: for the learner comparison and for tests."""
    _OVERRIDE[:] = [(model, how)]


def active() -> tuple[LearnedNER, Compose] | None:
    """The model and composition the extraction uses now, or None (the rules alone)."""
    model, how = _OVERRIDE[0] if _OVERRIDE else (load_shipped(), SHIPPED_COMPOSE)
    return None if model is None else (model, how)
