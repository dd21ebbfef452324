"""Event triggers: the rules of ``data/events.yaml`` applied to a parsed document.

Candidate tokens are found by lemma with one vectorised lookup over the document's attribute
array (as fast as a spaCy ``Matcher`` with a single ``LEMMA IN`` pattern, without its per-token
overhead); each candidate is then checked against its rule's dependency
conditions (object, preposition, complement, governor, modifiers) and against the non-event
filters: negation ("did not detain"), modals ("could face"), the future ("will raid"), and
being the complement of a verb or noun that denies or hedges it ("denied detaining", "the
threat of arrest", "without detaining").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ingest.extract.arguments import (
    OBJ_DEPS,
    REPORTING,
    EntityIndex,
    clause_head,
    passive,
    syntactic_targets,
)
from ingest.extract.clause_subjects import antecedents, participle_subjects, small_clause_subjects
from ingest.extract.vocabulary import load_yaml

VERB_TAGS = ("VERB",)


@dataclass(frozen=True)
class Rule:
    """One trigger rule of ``events.yaml``."""

    event_type: str
    lemma: str
    pos: tuple[str, ...]
    conditions: dict[str, Any]
    confidence: float

    @property
    def nominal(self) -> bool:
        return "NOUN" in self.pos

    @property
    def proposer_sees(self) -> bool:
        """Whether the learned proposer's features read this rule (``proposer_blind`` in events.yaml)."""
        return not self.conditions.get("proposer_blind")


@dataclass(frozen=True)
class TriggerConfig:
    rules: tuple[Rule, ...]
    lists: dict[str, frozenset[str]]
    modals: frozenset[str]
    future: frozenset[str]
    blocking_verbs: frozenset[str]
    blocking_nouns: frozenset[str]
    blocking_marks: frozenset[str]
    effective_words: frozenset[str]
    draft_words: frozenset[str]


@cache
def load_config() -> TriggerConfig:
    raw = load_yaml("events.yaml")
    lists = {k: frozenset(str(w).casefold() for w in v) for k, v in raw["lists"].items()}
    rules = []
    for etype, specs in raw["events"].items():
        for spec in specs:
            spec = dict(spec)
            lemma = spec.pop("lemma")
            pos = tuple(spec.pop("pos", ["VERB"]))
            conf = float(spec.pop("confidence", 0.8))
            rules.append(Rule(etype, lemma, pos, spec, conf))
    return TriggerConfig(
        tuple(rules), lists, frozenset(raw["modals"]), frozenset(raw["future"]),
        frozenset(raw["blocking_verbs"]), frozenset(raw["blocking_nouns"]),
        frozenset(raw["blocking_marks"]), frozenset(raw["effective_words"]), frozenset(raw["draft_words"]),
    )


@cache
def _rules_by_lemma() -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for i, rule in enumerate(load_config().rules):
        out.setdefault(rule.lemma, []).append(i)
    return out


def _past_forms(lemma: str) -> set[str]:
    """"raided", "fined", "barred": what a trigger verb looks like when the tagger calls it a noun."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {stem + "ed", lemma + "d", lemma + lemma[-1] + "ed"}


@cache
def _lookup_hashes(vocab: Vocab) -> tuple[Any, Any]:
    """Hashes of every trigger lemma and of the past-tense forms the tagger may misread."""
    rules = load_config().rules
    lemmas = [vocab.strings.add(r.lemma) for r in rules]
    past = [vocab.strings.add(f) for r in rules if "VERB" in r.pos for f in _past_forms(r.lemma)]
    return numpy.array(sorted(set(lemmas)), dtype="uint64"), numpy.array(sorted(set(past)), dtype="uint64")


def candidate_tokens(doc: Doc) -> list[int]:
    """Indices of tokens whose lemma (or lower-case form) is a trigger word: one vectorised set
    lookup over the document's attribute array, instead of a Python visit of every token."""
    if len(doc) == 0:
        return []
    lemmas, past = _lookup_hashes(doc.vocab)
    arr = doc.to_array([LEMMA, LOWER])
    hit = numpy.isin(arr[:, 0], lemmas) | numpy.isin(arr[:, 1], past)
    return [int(i) for i in numpy.flatnonzero(hit)]


@cache
def _past_to_lemma() -> dict[str, str]:
    return {f: r.lemma for r in load_config().rules if "VERB" in r.pos for f in _past_forms(r.lemma)}


def _words(cfg: TriggerConfig, ref: Any) -> frozenset[str]:
    if isinstance(ref, list):
        return frozenset(str(w).casefold() for w in ref)
    if ref == "any":
        return frozenset()
    return cfg.lists[str(ref)]


def _has_prep(tok: Token, preps: list[str], objects: frozenset[str], any_obj: bool) -> bool:
    kids = list(tok.children)
    kids += [g for c in kids if c.dep_ in ("dobj", "dative") for g in c.children]  # "stripped X of its licence"
    kids += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"  # "a case for spying against X"
             for p in c.children if p.dep_ == "pobj" for g in p.children]
    for c in kids:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps:
            for p in c.subtree:
                if p.i != c.i and (any_obj or p.lemma_.casefold() in objects or p.lower_ in objects):
                    return True
    if tok.dep_ == "xcomp" or any(c.dep_ in ("auxpass",) for c in tok.children):
        return False
    return False


def amount(tok: Token) -> bool:
    """A sum of money ("$5 million", "HK$61 million"): what it is "of" is what is meant."""
    return tok.ent_type_ == "MONEY" or tok.tag_ == "$" or tok.lemma_.casefold() in ("million", "billion")


def _designated(tok: Token, words: frozenset[str]) -> bool:
    return tok.lemma_.casefold() in words or tok.lower_ in words or any(
        c.dep_ in ("amod", "compound", "nmod") and (c.lemma_.casefold() in words or c.lower_ in words)
        for c in tok.children)


def designation_targets(tok: Token, words: frozenset[str]) -> list[Token] | None:
    """What a designating verb designates when the text says what it was designated as without
    "as": "declared X undesirable", "labelled X a foreign agent", "declared X an undesirable
    organisation", "a broadcaster that Tehran has designated a terrorist organisation". None
    when no designation complement is there; else the phrases naming the designated."""
    objs = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    for c in tok.children:
        if c.dep_ in ("ccomp", "xcomp", "oprd", "attr") and _designated(c, words):
            subj = [s for s in c.children if s.dep_ in ("nsubj", "nsubjpass")
                    or (s.dep_ == "compound" and s.pos_ == "PROPN")]  # "declared the site X undesirable"
            return subj or [o for o in objs if not _designated(o, words)] or syntactic_targets(tok)
    for o in objs:
        if any(a.dep_ == "appos" and _designated(a, words) for a in o.children):
            return [o]  # "declared the broadcaster X, an undesirable organisation"
        if _designated(o, words):
            others = [p for p in objs if p is not o]
            if others:
                return others
            if tok.dep_ == "relcl":  # "X, which Y designated a terrorist organisation"
                return [tok.head, tok.head.head] if tok.head.dep_ == "appos" else [tok.head]
            return syntactic_targets(tok) if passive(tok) else []
    return None


@lru_cache(maxsize=64)
def _sentence_words(sent: Span) -> frozenset[str]:
    return frozenset(w for t in sent for w in (t.lemma_.casefold(), t.lower_))


def _other_words(tok: Token) -> frozenset[str]:
    """The sentence's words but the trigger's own: a ``context`` list must be met by another word
    ("listed the offences" is no listing because "list" is among the listing words)."""
    return frozenset(w for t in tok.sent if t.i != tok.i for w in (t.lemma_.casefold(), t.lower_))


def _entity_allowed(spec: Any, etype: str) -> bool:
    """``or_entity``: true takes any named entity but a place; a list takes only those types
    ("banned the party" may close a named group, "banned X from" never closes a person)."""
    if isinstance(spec, list):
        return etype in spec
    return bool(spec) and etype != "Place"


def conditions_hold(tok: Token, rule: Rule, cfg: TriggerConfig, index: EntityIndex) -> bool:
    cond = rule.conditions
    sent_lemmas = _sentence_words(tok.sent) if ("context" in cond or "not_context" in cond) else frozenset()
    if "context" in cond and not _other_words(tok) & _words(cfg, cond["context"]):
        return False
    if "not_context" in cond and sent_lemmas & _words(cfg, cond["not_context"]):
        return False
    if cond.get("passive_only") and not any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) \
            and tok.tag_ != "VBN":
        return False
    if cond.get("clause_only") and tok.dep_ in ("amod", "compound", "nmod"):
        return False  # "the Beijing-imposed law" names the law, it does not report the imposing
    if "particle" in cond and not any(c.dep_ == "prt" and c.lower_ in cond["particle"] for c in tok.children):
        return False
    if "prep" in cond:
        spec = cond["prep"]
        objs = _words(cfg, spec["objects"])
        if not _has_prep(tok, spec["preps"], objs, spec["objects"] == "any") and not (
                rule.nominal and tok.dep_ == "dobj"  # "opened a case on Monday against X"
                and _has_prep(tok.head, spec["preps"], objs, spec["objects"] == "any")):
            return False
    if "after" in cond and not (tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ in cond["after"]):
        return False
    if "designation" in cond and not designation_targets(tok, _words(cfg, cond["designation"])):
        return False
    if "xcomp" in cond and not any(
            c.dep_ in ("xcomp", "ccomp", "advcl") and c.lemma_ in cond["xcomp"] for c in tok.children) and not any(
            c.dep_ in ("relcl", "acl") and c.lemma_ in cond["xcomp"]  # "gave him 72 hours to leave"
            for o in tok.children if o.dep_ == "dobj" for c in o.children):
        return False
    if "governor" in cond:
        gov = clause_head(tok)
        if gov is tok or gov.lemma_ not in cond["governor"]:
            return False
    if "compound" in cond and not any(
            c.dep_ in ("compound", "amod", "nmod") and c.lemma_.casefold() in cond["compound"]
            for c in tok.children):
        return False
    if "target_in" in cond:
        allowed = _words(cfg, cond["target_in"])
        heads = antecedents(tok, syntactic_targets(tok) or small_clause_subjects(tok) or participle_subjects(tok))
        ok = False
        for h in heads:
            ent = index.at(h)
            if h.lemma_.casefold() in allowed or h.lower_ in allowed \
                    or (ent is not None and _entity_allowed(cond.get("or_entity"), ent.type)) \
                    or (cond.get("or_pronoun") and h.lower_ in ("it", "them") and h.dep_ in ("dobj", "nsubjpass")) \
                    or any(d.lemma_.casefold() in allowed for d in h.children if d.dep_ in ("compound", "amod")) \
                    or (amount(h) and any(
                        p.lemma_.casefold() in allowed or p.lower_ in allowed  # "froze $5m of its assets"
                        for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                        for p in c.children if p.dep_ == "pobj")):
                ok = True
        if not ok:
            return False
    return True


def presupposed(tok: Token) -> bool:
    """A definite event noun with its target named ("the arrest of X", "X's detention", "the
    June 1 arrest of X") refers to an event that happened, whatever the verb above it says:
    "would not say whether the cases were linked to the arrest of X"."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return False
    definite = False
    named = False
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ in ("the", "this", "that"):
            definite = True
        elif c.dep_ == "poss":
            definite = named = True
        elif c.dep_ == "prep" and c.lower_ == "of" and any(
                p.dep_ == "pobj" and p.pos_ == "PROPN" for p in c.children):
            named = True
    named = named or any(p.pos_ == "PROPN" for p in displaced_of(tok))
    return definite and named


def displaced_of(tok: Token) -> list[Token]:
    """"the arrest in Vancouver of X": the parser hangs "of X" on the place; it belongs to the
    event noun."""
    return [o for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
            for p in c.children if p.dep_ == "pobj" and p.ent_type_ in ("GPE", "LOC", "FAC")
            for q in p.children if q.dep_ == "prep" and q.lower_ == "of"
            for o in q.children if o.dep_ == "pobj"]


def blocked(tok: Token, cfg: TriggerConfig, allow_future: bool) -> bool:
    """True when the mention is negated, hedged, future or denied rather than reported."""
    t = tok
    given = presupposed(tok)
    for step in range(5):
        if given and step > 0:  # only a denying/hedging word above can still undo the event
            if (t.lemma_ in cfg.blocking_verbs and t.pos_ == "VERB") or (
                    t.pos_ == "NOUN" and t.lemma_ in cfg.blocking_nouns):
                return True
            if t.dep_ == "ROOT" or t.head.i == t.i:
                break
            t = t.head
            continue
        for c in t.children:
            if c.dep_ == "neg":
                return True
            if c.dep_ in ("aux", "auxpass") and c.lower_ in cfg.modals:
                return True
            if c.dep_ == "aux" and c.lower_ in cfg.future and not allow_future:
                return True
            if c.dep_ == "mark" and c.lower_ in cfg.blocking_marks:
                return True
        if step > 0 and t.pos_ == "VERB" and t.lemma_ in cfg.blocking_verbs:
            return True
        if step > 0 and t.pos_ == "NOUN" and t.lemma_ in cfg.blocking_nouns:
            return True
        if t.pos_ == "ADP" and t.lower_ in cfg.blocking_marks:
            return True
        if t.dep_ in ("ROOT",) or t.head.i == t.i:
            break
        if t.dep_ in ("relcl", "appos", "parataxis") or (t.dep_ == "conj" and t.head.pos_ == "NOUN"):
            break
        if allow_future and t.dep_ == "acl" and t.tag_ == "VBN":  # "the law, signed in July, ..." is history
            break
        if t.dep_ == "ccomp" and t.head.lemma_ in REPORTING:
            t = t.head
            continue
        t = t.head
    return False


@dataclass(frozen=True)
class Trigger:
    token: Token
    rule: Rule


def find_triggers(doc: Doc, index: EntityIndex) -> list[Trigger]:
    """Every trigger token whose rule conditions hold and which reports a real event."""
    cfg = load_config()
    seen: set[tuple[int, str]] = set()
    out: list[Trigger] = []
    by_lemma = _rules_by_lemma()
    past = _past_to_lemma()
    for start in candidate_tokens(doc):
        tok = doc[start]
        pos = tok.pos_
        candidates = by_lemma.get(tok.lemma_, [])
        if not candidates and tok.lower_ in past:
            candidates = by_lemma.get(past[tok.lower_], [])
            pos = "VERB"
        for idx in candidates:
            rule = cfg.rules[idx]
            ok_pos = pos in rule.pos or ("VERB" in rule.pos and (
                (pos == "ADJ" and tok.tag_ in ("VBN", "VBD")) or tok.tag_ in ("VBN", "VBD")))
            if not ok_pos or (tok.i, rule.event_type) in seen:
                continue
            if not conditions_hold(tok, rule, cfg, index):
                continue
            if blocked(tok, cfg, allow_future=rule.event_type == "LawRevision"):
                continue
            if rule.nominal and pos == "NOUN" and tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
                continue  # "detention camps", "arrest warrant": a modifier, not an event
            if rule.event_type == "LawRevision" and rule.nominal and any(
                    c.dep_ in ("amod", "compound") and c.lower_ in cfg.draft_words for c in tok.children):
                continue  # "a draft revision of the law" is not yet a change of it
            seen.add((tok.i, rule.event_type))
            out.append(Trigger(tok, rule))
    out.sort(key=lambda t: t.token.i)
    return out


def has_object(tok: Token) -> bool:
    return any(c.dep_ in OBJ_DEPS for c in tok.children)
