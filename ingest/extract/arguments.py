"""Argument phrases of an event trigger, read from the dependency tree.

One set of functions serves every event type and voice: the agent is the subject of an active
verb, the object of a "by" phrase in the passive, the possessor or the subject of the governing
verb of a nominal trigger ("China's probe", "regulators launched a probe"); the targets are the
object, the passive subject or the "of/on/into/against" phrase ("the raid on X"). Conjoined
verbs share their object ("arrested and charged X"), participles their noun ("six people
arrested by police"), complements their governor's subject ("was ordered to halt"). Which
entity a phrase means is ``argument_entities.py``'s job; ``EntityIndex`` maps tokens to entities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ingest.extract.stage_records import Cluster
from ingest.extract.vocabulary import ordered, words

FIRMS = ("Company", "Organization")
OBJ_DEPS = ("dobj", "dative", "obj", "attr", "oprd")
TARGET_PREPS = ordered("target_preps")
QUANTITY = words("quantity")
REL_PRONOUNS = words("rel_pronouns")
PERSON_PRON = words("person_pron")
FIRM_PRON = words("firm_pron")
PLURAL_PRON = words("plural_pron")
NOMINAL_AGENT_VERBS = words("nominal_agent_verbs")
ORDERING_VERBS = words("ordering_verbs")
FINDING_VERBS = words("finding_verbs")
LAW_REFERENCES = words("law_references")
LAW_REFERENCE_MODS = words("law_reference_mods")
REPORTING = words("reporting_verbs")


@dataclass
class EntityIndex:
    """The document's entities with a token -> entity map, for argument lookups."""

    doc: Doc
    clusters: list[Cluster]
    tok: dict[int, Cluster] = field(default_factory=dict)
    starts: list[tuple[int, Cluster]] = field(default_factory=list)

    @classmethod
    def build(cls, doc: Doc, clusters: list[Cluster]) -> EntityIndex:
        idx = cls(doc, clusters)
        for c in clusters:
            for m in sorted(c.mentions, key=lambda m: m.end - m.start, reverse=True):
                for i in range(m.start, m.end):
                    idx.tok[i] = c
                if m.source != "dateline":  # the outlet filing the story is no antecedent
                    idx.starts.append((m.start, c))
        idx._law_references()
        idx.starts.sort(key=lambda x: x[0])
        return idx

    def _law_references(self) -> None:
        """"the law", "the legislation" after a law is named: that law ("Parliament approved the
        law in October"), so events and revisions find it however far back it was named."""
        laws = sorted(((m.start, c) for c in self.clusters if c.type == "Law" for m in c.mentions),
                      key=lambda x: x[0])
        if not laws:
            return
        for tok in self.doc:
            if tok.lower_ not in LAW_REFERENCES or tok.i in self.tok or tok.pos_ != "NOUN":
                continue
            kids = list(tok.children)
            if not any(k.dep_ == "det" and k.lower_ in ("the", "this", "that") for k in kids) or any(
                    k.dep_ not in ("det", "amod") or (k.dep_ == "amod" and k.lower_ not in LAW_REFERENCE_MODS)
                    for k in kids):
                continue
            before = [c for start, c in laws if start < tok.i and tok.i - start < 1500]
            if before:
                self.tok[tok.i] = before[-1]
                self.starts.append((tok.i, before[-1]))

    def at(self, tok: Token) -> Cluster | None:
        return self.tok.get(tok.i)

    def add(self, cluster: Cluster) -> None:
        """Register an entity found late (a name the NER missed but an event needs)."""
        cluster.id = len(self.clusters)
        self.clusters.append(cluster)
        for m in cluster.mentions:
            for i in range(m.start, m.end):
                self.tok[i] = cluster
            self.starts.append((m.start, cluster))
        self.starts.sort(key=lambda x: x[0])

    def preceding(self, i: int, types: tuple[str, ...], window: int = 400) -> Cluster | None:
        """The last entity of these types mentioned before token ``i``."""
        best: Cluster | None = None
        for start, c in self.starts:
            if start >= i:
                break
            if c.type in types and start >= i - window:
                best = c
        return best


def passive(tok: Token) -> bool:
    """A passive verb, or one conjoined to a passive verb ("was detained and placed under"): the
    chain of conjuncts is walked in a loop, however long it is."""
    while True:
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
            return True
        if tok.dep_ == "conj" and tok.tag_ == "VBN" and tok.head.pos_ == "VERB" and tok.head.i != tok.i and not any(
                c.dep_ in ("nsubj", "aux") for c in tok.children):
            tok = tok.head
            continue
        return _participle(tok) and tok.dep_ in ("acl", "amod", "advcl") and not any(
            c.dep_ in ("aux",) for c in tok.children)


def _participle(tok: Token) -> bool:
    """A past participle: tagged VBN, or a past tense in a reduced passive relative ("a National
    Security Law passed in July 2015": the parser tags it VBD, but a past-tense verb that modifies a
    noun, ``acl``, with no subject of its own is the participle of a passive)."""
    return tok.tag_ == "VBN" or (tok.tag_ == "VBD" and tok.dep_ == "acl" and not any(
        c.dep_ in ("nsubj", "aux") for c in tok.children))


def clause_head(tok: Token) -> Token:
    """The verb a nominal trigger hangs from ("launched a probe", "placed under arrest")."""
    t = tok
    for _ in range(3):
        if t.pos_ in ("VERB", "AUX") and t is not tok:
            return t
        if t.dep_ in ("dobj", "pobj", "prep", "nsubjpass", "attr", "compound", "conj", "appos") \
                and t.head.i != t.i:
            t = t.head
        else:
            break
    return t if t.pos_ in ("VERB", "AUX") else tok


def _subject_token(verb: Token) -> Token | None:
    t = verb
    for _ in range(4):
        for c in t.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
        if t.dep_ in ("conj", "xcomp", "advcl") and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "pcomp" and t.head.head.pos_ == "VERB":  # "deported X after detaining him"
            t = t.head.head
        elif t.dep_ == "relcl":
            return t.head
        elif t.dep_ == "acl" and t.tag_ == "VBG" and t.head.dep_ in ("dobj", "obj") \
                and t.head.head.pos_ == "VERB":  # "X unsealed an indictment charging Y": X
            t = t.head.head
        else:
            return None
    return None


def _passive_subject(verb: Token) -> Token | None:
    t = verb
    for _ in range(3):
        for c in t.children:
            if c.dep_ == "nsubjpass":
                return c
        if t.dep_ in ("acl", "amod") and _participle(t):
            return t.head
        if t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        else:
            return None
    return None


def _by_agent(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _objects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in OBJ_DEPS]
    if not found:  # "arrested and charged X": share the object of the next conjunct
        for c in verb.children:
            if c.dep_ == "conj" and c.pos_ == "VERB":
                found = [d for d in c.children if d.dep_ in OBJ_DEPS]
                break
        if not found and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            found = [d for d in verb.head.children if d.dep_ in OBJ_DEPS and d.i > verb.i]
    return found


def _prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            out.extend(p for p in c.children if p.dep_ in ("pobj", "pcomp")
                       and p.ent_type_ not in ("DATE", "TIME", "MONEY", "CARDINAL", "PERCENT"))
    return out


def syntactic_targets(tok: Token) -> list[Token]:
    """Heads of the phrases that name what the trigger acts on."""
    if tok.pos_ in ("NOUN", "PROPN"):
        found = _prep_objects(tok, TARGET_PREPS) + [c for c in tok.children if c.dep_ == "poss"]
        if not found:  # "a criminal case for suspected espionage against X"
            found = [t for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"
                     for p in c.children if p.dep_ == "pobj" for t in _prep_objects(p, ("against",))]
        verb = clause_head(tok)
        if verb is not tok and tok.dep_ in ("dobj", "nsubjpass"):  # "imposed a fine of $1m on X"
            found += _prep_objects(verb, ("on", "against"))
        if not found and verb is not tok:
            found = _prep_objects(verb, ("on", "against", "of"))
            if not found and verb.lemma_ == "pay":  # "ordered the two firms to pay fines"
                payer = next((c for c in verb.children if c.dep_ == "nsubj"), None)
                if payer is None and verb.dep_ == "xcomp":
                    payer = next((c for c in verb.head.children if c.dep_ in OBJ_DEPS), None)
                found = [payer] if payer is not None else []
            if not found and tok.dep_ == "dobj":  # "was handed a sentence", "handed X a fine"
                ps = _passive_subject(verb) if passive(verb) else None
                found = [ps] if ps is not None else [c for c in verb.children if c.dep_ == "dative"]
            if not found and tok.dep_ == "pobj":  # "placed under arrest", "taken in for questioning"
                ps = _passive_subject(verb) if passive(verb) else None
                found = [ps] if ps is not None else [c for c in verb.children if c.dep_ in OBJ_DEPS]
                if not found and tok.head.head.lemma_ in ("remain", "be"):
                    found = [c for c in verb.children if c.dep_ == "nsubj"]
        return found
    if passive(tok):
        ps = _passive_subject(tok)
        if ps is not None:  # "X was sentenced alongside Y", "along with Y"
            return [ps, *_prep_objects(tok, ("alongside",)), *[
                p for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                and any(a.lower_ in ("along", "together") for a in c.children) for p in c.children
                if p.dep_ == "pobj"]]
    objs = _objects(tok)
    if not objs and tok.dep_ == "xcomp":  # "was ordered to halt broadcasting", "asked to leave"
        head = tok.head
        ps = _passive_subject(head) if passive(head) else None
        objs = [ps] if ps is not None else [c for c in head.children if c.dep_ in OBJ_DEPS]
    return objs


def syntactic_agent(tok: Token) -> Token | None:
    if tok.pos_ in ("NOUN", "PROPN"):
        by = _by_agent(tok)
        if by is not None:
            return by
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ not in PERSON_PRON | FIRM_PRON | PLURAL_PRON:
                return c
        verb = clause_head(tok)
        if verb is not tok and verb.lemma_ == "pay" and verb.dep_ == "xcomp" \
                and verb.head.lemma_ in ORDERING_VERBS:  # "the ministry ordered X to pay fines"
            return _subject_token(verb.head) if not passive(verb.head) else _by_agent(verb.head)
        if verb is not tok and tok.dep_ == "pobj" and tok.head.lower_ in ("after", "following") \
                and verb.lemma_ in FINDING_VERBS:  # "the ministry found after investigation that"
            return _subject_token(verb)
        if verb is tok or verb.lemma_ not in NOMINAL_AGENT_VERBS:
            return None
        if passive(verb):
            return _by_agent(verb)
        return _subject_token(verb)
    if passive(tok):
        by = _by_agent(tok)
        if by is None and tok.dep_ == "conj":
            by = _by_agent(tok.head)
        return by
    if tok.dep_ == "xcomp" and passive(tok.head):
        return _by_agent(tok.head)
    return _subject_token(tok)
