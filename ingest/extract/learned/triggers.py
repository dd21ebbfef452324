"""Learned event triggers: events the trigger rules miss, proposed by a token classifier.

On unseen news most lost events are lost before any argument is read: the trigger word is in
the lexicon but a rule condition fails ("seized ... and sealed the office", "was remanded in
custody"), or the wording is not in the lexicon at all. This classifier reads every verb and
every lexicon word of a document and gives the probability of each event type (or none) from
the token's lemma, its dependency context, its neighbours, what the rules thought of it and the
entity types around it. A token whose best type reaches the threshold (chosen on the tune
split) and which the rules did not already fire on for that type becomes a trigger with a
synthetic rule; the rules' own argument, date and merging code then builds the event, so a
proposal without a target is dropped exactly as a rule trigger would be, and a proposal that
repeats an event already found is merged into it. Rules marked ``proposer_blind`` in events.yaml
(added after the shipped model was trained) are left out of its features: a lexicon feature it
never saw on a common lemma would move its proposals for every use of that word.

The model is a small multinomial logistic regression over hashed features
(``logreg.py``); scoring is a sum of weight rows per token, so the cost per document is a few
dozen small vector sums. Nothing here runs unless ``ingest/data/learned/triggers.npz`` exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Span, Token

from ingest.extract.arguments import EntityIndex
from ingest.extract.learned.features import DIM, hashed
from ingest.extract.learned.logreg import load_weights, save_weights
from ingest.extract.triggers import (
    Rule,
    Trigger,
    _rules_by_lemma,
    blocked,
    candidate_tokens,
    conditions_hold,
    load_config,
)

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "learned" / "triggers.npz"
NONE = "none"
FORMAT = 1
#: Parts of speech a proposed trigger may have (nouns only when the lexicon knows the lemma).
VERB_POS = ("VERB",)


def candidates(doc: Doc) -> list[Token]:
    """Tokens a trigger may sit on: every verb, and every word of the trigger lexicon."""
    lex = set(candidate_tokens(doc))
    return [t for t in doc if t.i in lex or (t.pos_ in VERB_POS and t.is_alpha)]


def _lower(tok: Token) -> str:
    return "#" if tok.like_num else tok.lower_


def sentence_features(sent: Span, index: EntityIndex) -> list[str]:
    """What a token's sentence says, the same for every candidate in it: a question, and the
    types of the entities it names."""
    f = ["question"] if sent.text.rstrip().endswith("?") else []
    ents = {e.type for e in (index.at(t) for t in sent) if e is not None}
    return f + [f"se={t}" for t in sorted(ents)]


def token_features(doc: Doc, tok: Token, index: EntityIndex, fired: set[str],
                   sentences: dict[int, list[str]] | None = None) -> list[str]:
    """What the token, its tree, its neighbours and the rules say about the event it reports.
    ``sentences`` keeps each sentence's own features (by its start) across the candidates of one
    document: they are read once per sentence, not once per candidate."""
    cfg = load_config()
    sent = tok.sent
    lemma = tok.lemma_.casefold()
    f = ["bias", f"l={lemma}", f"pos={tok.pos_}", f"tag={tok.tag_}", f"dep={tok.dep_}",
         f"l={lemma}|dep={tok.dep_}", f"hl={tok.head.lemma_.casefold()}", f"hd={tok.head.dep_}",
         f"l={lemma}|hl={tok.head.lemma_.casefold()}"]
    for k in (1, 2):
        if tok.i - k >= sent.start:
            f.append(f"L{k}={_lower(doc[tok.i - k])}")
        if tok.i + k < sent.end:
            f.append(f"R{k}={_lower(doc[tok.i + k])}")
    for c in tok.children:
        f.append(f"c={c.dep_}:{c.lemma_.casefold()}")
        f.append(f"l={lemma}|c={c.dep_}:{c.lemma_.casefold()}")
        ent = index.at(c)
        if ent is not None:
            f.append(f"ce={c.dep_}:{ent.type}")
        for g in c.children:
            if g.dep_ == "pobj":
                f.append(f"p={c.lower_}:{g.lemma_.casefold()}")
                ge = index.at(g)
                if ge is not None:
                    f.append(f"pe={c.lower_}:{ge.type}")
    for i in _rules_by_lemma().get(tok.lemma_, []):
        rule = cfg.rules[i]
        if not rule.proposer_sees:
            continue
        f.append(f"lex={rule.event_type}")
        if conditions_hold(tok, rule, cfg, index):
            f.append(f"ok={rule.event_type}")
    f += [f"fired={t}" for t in sorted(fired)]
    if blocked(tok, cfg, allow_future=False):
        f.append("blocked")
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        f.append("passive")
    if sentences is None:
        return f + sentence_features(sent, index)
    if sent.start not in sentences:
        sentences[sent.start] = sentence_features(sent, index)
    return f + sentences[sent.start]


@dataclass
class TriggerModel:
    """Weights (``DIM`` x classes), the class names and the proposal threshold."""

    weights: NDArray[np.float32]
    classes: list[str]
    threshold: float = 1.01
    meta: dict[str, Any] | None = None

    def proba(self, rows: list[list[int]]) -> NDArray[np.float32]:
        """Class probabilities of hashed feature rows, summing weight rows (no dense matrix)."""
        if not rows:
            return np.zeros((0, len(self.classes)), dtype=np.float32)
        z = np.stack([self.weights[r].sum(axis=0) for r in rows])
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        out: NDArray[np.float32] = e / e.sum(axis=1, keepdims=True)
        return out

    def scored(self, doc: Doc, index: EntityIndex, triggers: list[Trigger]) -> list[tuple[Token, str, float]]:
        """Each candidate token with its most likely event type and that type's probability,
        leaving out tokens the rules already fired on for that type."""
        fired: dict[int, set[str]] = {}
        seen: dict[int, set[str]] = {}  # what the features may say the rules fired (proposer_sees)
        for t in triggers:
            fired.setdefault(t.token.i, set()).add(t.rule.event_type)
            if t.rule.proposer_sees:
                seen.setdefault(t.token.i, set()).add(t.rule.event_type)
        toks = candidates(doc)
        sentences: dict[int, list[str]] = {}
        probs = self.proba([hashed(token_features(doc, t, index, seen.get(t.i, set()), sentences)) for t in toks])
        none = self.classes.index(NONE)
        out = []
        for tok, p in zip(toks, probs, strict=True):
            p = p.copy()
            p[none] = -1.0
            best = int(p.argmax())
            etype = self.classes[best]
            if etype not in fired.get(tok.i, set()) and reportable(tok, etype):
                out.append((tok, etype, float(p[best])))
        return out

    def propose(self, doc: Doc, index: EntityIndex, triggers: list[Trigger]) -> list[Trigger]:
        """Triggers for the tokens whose best event type reaches the threshold (the probability
        is the synthetic rule's base confidence)."""
        return proposals(self.scored(doc, index, triggers), self.threshold)

    def save(self, path: Path) -> None:
        head = {"format": FORMAT, "dim": DIM, "classes": self.classes, "threshold": self.threshold,
                "meta": self.meta or {}}
        save_weights(path, head, weights=self.weights)

    @classmethod
    def load(cls, path: Path) -> TriggerModel:
        head, w = load_weights(path, ("weights",), "trigger model", FORMAT)
        return cls(w["weights"], list(head["classes"]), float(head["threshold"]), head.get("meta", {}))


def reportable(tok: Token, etype: str) -> bool:
    """The limits every rule trigger obeys, kept for proposals too: not negated, hedged, denied or
    (but for a law) future ("will question"), and not a modifier of a noun ("detention camps",
    "the Beijing-imposed law")."""
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
        return False
    return not blocked(tok, load_config(), allow_future=etype == "LawRevision")


def proposals(scored: list[tuple[Token, str, float]], threshold: float) -> list[Trigger]:
    """Synthetic-rule triggers for scored tokens at or above ``threshold``."""
    return [Trigger(tok, Rule(etype, tok.lemma_, (tok.pos_,), {"learned": True}, round(p, 3)))
            for tok, etype, p in scored if p >= threshold]


@cache
def load_shipped(path: Path = SHIPPED) -> TriggerModel | None:
    """The shipped trigger model, or None when it has not been built."""
    return TriggerModel.load(path) if path.exists() else None
