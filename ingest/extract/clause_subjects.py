"""Whom a clause speaks of when its verb has no plain subject or object of its own.

A relative pronoun stands for the noun its clause modifies, a fronted participle is about the
subject of the clause it modifies, and the subject of a small clause under an ordering verb is
what that verb acts on. The trigger rules, the agent stage and the attacher's coreference read
these the same way, so they live here rather than in any one of them.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.arguments import OBJ_DEPS, ORDERING_VERBS, REL_PRONOUNS


def relative_antecedent(h: Token) -> Token | None:
    """The noun a relative pronoun stands for: "X, which a court ordered dissolved" -> X,
    "X, whose licence was revoked" -> X (the pronoun may sit a few levels below the clause)."""
    if h.lower_ not in REL_PRONOUNS and h.lower_ != "whose":
        return None
    t = h
    for _ in range(4):
        if t.dep_ == "relcl":
            return t.head
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def antecedents(tok: Token, heads: list[Token]) -> list[Token]:
    """Relative pronouns replaced by the noun their clause modifies: "the law, which the
    assembly adopted" -> "law", "the group, which a court ordered dissolved" -> "group"."""
    out = []
    for h in heads:
        if h.lower_ in REL_PRONOUNS and tok.dep_ == "relcl":
            out.append(tok.head)
        else:
            out.append(relative_antecedent(h) or h)
    return out


def participle_subjects(tok: Token) -> list[Token]:
    """"Adopted in 2014, the law is ...": a fronted passive participle is about the subject of
    the clause it modifies."""
    if tok.dep_ != "advcl" or tok.tag_ != "VBN" or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "mark") for c in tok.children):
        return []
    return [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]


def small_clause_subjects(tok: Token) -> list[Token]:
    """"ordered the newspaper closed", "ordered the agency dissolved": the subject of a verbal
    small clause under an ordering verb is what the verb acts on."""
    if tok.dep_ not in ("ccomp", "xcomp", "oprd") or any(c.dep_ in OBJ_DEPS for c in tok.children):
        return []
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and tok.head.lemma_ in ORDERING_VERBS:  # parsed as "ordered [the offices] [closed]"
        subj = [c for c in tok.head.children if c.dep_ == "dobj"]
    return subj
