"""Entities behind argument phrases: names, pronouns, descriptions and staff of a firm.

The dependency tree gives argument *phrases* (``arguments.py``); this module decides which
entity of the document each phrase means. A name is its entity; "staff at X's office", "five of
its employees" and "the firm's licence" lead to their owner; "the firm" and "it" to the firm
named most in the last sentences; "he" and "the 22-year-old" to the person named most nearby;
"a reporter" to the person the next sentences name (or the employer of "an employee of X").
A proper name the NER missed becomes an entity when an event needs it (``unlisted_names.py``). Which state body or
court a generic agent ("officers of X", "the bureau") means is ``state_actors.py``'s part,
which is handed an ``ArgumentEntities`` to read the phrases with.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from ingest.extract.arguments import (
    FIRM_PRON,
    FIRMS,
    PERSON_PRON,
    PLURAL_PRON,
    QUANTITY,
    REL_PRONOUNS,
    REPORTING,
    EntityIndex,
    _prep_objects,
)
from ingest.extract.gazetteer import Gazetteer, load_gazetteer
from ingest.extract.ner_mentions import Rules, load_rules
from ingest.extract.stage_records import Cluster
from ingest.extract.unlisted_names import unlisted_name
from ingest.extract.vocabulary import ACTORS, words

#: How many ``entities`` calls may be open at once: deeper reference chains mean nothing.
MAX_NESTING = 12


class ArgumentEntities:
    """Turns argument head tokens into entities of the document."""

    def __init__(self, index: EntityIndex) -> None:
        self.ix = index
        self.rules: Rules = load_rules()
        self.gaz: Gazetteer = load_gazetteer()
        self.hint = "firm"  # what the current event's targets usually are: "firm" or "person"
        self._nesting = 0

    def entities(self, tok: Token, depth: int = 0) -> list[Cluster]:
        """The entities an argument head means. Reference chains ("he" -> "the reporter" ->
        "an employee of X" -> ...) can loop; ``_nesting`` bounds every path through them."""
        if self._nesting >= MAX_NESTING:
            return []
        self._nesting += 1
        try:
            return self._entities(tok, depth)
        finally:
            self._nesting -= 1

    def _entities(self, tok: Token, depth: int) -> list[Cluster]:
        out: list[Cluster] = []
        if self.ix.at(tok) is None and tok.pos_ in ("NOUN", "NUM"):
            named = [c for a in tok.children if a.dep_ == "appos" and self.ix.at(a) is not None
                     for c in self.entities(a, depth + 1) if c.type in ACTORS]
            if named:  # "one of its journalists, X", "the news site X": X, not an employer or antecedent
                if tok.lower_ in QUANTITY or tok.pos_ == "NUM" or tok.lower_ in STAFF_NOUNS:
                    named += [c for c in self._listed_after(tok) if c not in named]
                return named
        for t in [tok, *self._conjuncts(tok)]:
            for c in self._one(t, depth):
                if c not in out:
                    out.append(c)
        return out

    def _conjuncts(self, tok: Token) -> list[Token]:
        """Tokens conjoined or in apposition to ``tok``, in pre-order, walked without recursion:
        a list of a thousand names is a chain a thousand deep."""
        out: list[Token] = []
        seen = {tok.i}
        stack = list(reversed(self._linked(tok)))
        while stack:
            c = stack.pop()
            if c.i in seen:
                continue
            seen.add(c.i)
            out.append(c)
            stack.extend(reversed(self._linked(c)))
        return out

    def _linked(self, tok: Token) -> list[Token]:
        return [c for c in tok.children if c.dep_ in ("conj", "appos") and not (
            c.dep_ == "appos" and c.pos_ == "NOUN" and self.ix.at(tok) is not None)]  # "X, an analyst": X

    def _one(self, tok: Token, depth: int) -> list[Cluster]:
        if depth > 4:
            return []
        ent = self.ix.at(tok)
        if ent is not None:
            return [ent]
        if tok.pos_ == "PROPN":
            late = unlisted_name(tok, self.ix, self.gaz, self.rules, self.hint)
            if late is not None:
                return [late]
        low = tok.lower_
        if tok.dep_ == "attr" and tok.head.lemma_ in ("be", "become", "remain"):  # "X became the first jailed"
            subj = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return self.entities(subj, depth + 1)
        if tok.dep_ == "pobj" and tok.head.lower_ == "among":  # "X was among six people arrested"
            subj = next((c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return self.entities(subj, depth + 1)
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ == "include" and (
                low in GROUP_WORDS or tok.lemma_ in GROUP_WORDS):  # "those arrested included X and Y"
            objs = [c for c in tok.head.children if c.dep_ in ("dobj", "attr")]
            if objs:
                return [x for h in objs for x in self.entities(h, depth + 1) if x.type in ACTORS]
        if low in REL_PRONOUNS and tok.head.dep_ == "relcl":
            return self.entities(tok.head.head, depth + 1)
        if low == "whose":  # "the outlet, whose licence was revoked": the outlet
            rel = next((a for a in tok.ancestors if a.dep_ == "relcl"), None)
            return self.entities(rel.head, depth + 1) if rel is not None else []
        if tok.pos_ == "PRON" or low in PERSON_PRON | FIRM_PRON | PLURAL_PRON:
            return self._antecedent(tok)
        if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "dative") and any(
                c.dep_ == "nummod" and c.like_num for c in tok.children):
            # "fined Alphabet's Google 7.2 billion roubles", parsed as one object: the name in it
            left = [t for t in tok.subtree if t.i < tok.i and t.pos_ == "PROPN"]
            for owner in (False, True):  # "Alphabet's Google": Google, else the owner
                named: list[Cluster] = []
                for t in left:
                    x = self.ix.at(t)
                    if x is not None and x.type in ACTORS and x not in named and (
                            any(c.dep_ == "case" for c in t.children) or t.dep_ == "poss") == owner:
                        named.append(x)
                if named:
                    return named
        rules = self.rules
        lemma = tok.lemma_.casefold()
        home = low in rules.home_nouns or lemma in rules.home_nouns
        staff = low in STAFF_NOUNS or lemma in STAFF_NOUNS
        if low in rules.container_nouns or lemma in rules.container_nouns or low in QUANTITY \
                or tok.pos_ == "NUM" or home or staff:
            owners: list[Cluster] = []
            for c in tok.children:
                if c.dep_ == "acl" and c.lemma_ in ("belong", "own", "operate", "run", "hold", "sell", "make",
                                                    "produce", "employ", "work"):
                    c = next((p for p in c.children if p.dep_ in ("prep", "agent")), c)
                if c.dep_ in ("poss", "compound", "nmod", "amod") or (
                        c.dep_ in ("prep", "agent") and c.lower_ in ("of", "at", "for", "from", "with", "to",
                                                                     "by")):
                    heads = [c] if c.dep_ not in ("prep", "agent") else [
                        p for p in c.children if p.dep_ == "pobj"]
                    for h in heads:
                        owners.extend(x for x in self.entities(h, depth + 1) if x.type in ACTORS)
            if staff:  # "his colleagues", "her fellow activists": other people, not him or her
                owners = [o for o in owners if o.type != "Person"]
            listed = self._listed_after(tok) if staff or low in QUANTITY or tok.pos_ == "NUM" else []
            if owners or listed:
                return owners + [who for who in listed if who not in owners]
            if (low in rules.container_nouns or lemma in rules.container_nouns) and any(
                    c.lower_ in ("the", "its", "their") for c in tok.children):
                firm = self.ix.preceding(tok.i, FIRMS)
                return [firm] if firm is not None else []
        if lemma in rules.person_nouns or low in rules.person_nouns:
            inner = [self.ix.at(t) for t in tok.subtree if t.i != tok.i]
            people = [c for c in inner if c is not None and c.type == "Person"]
            if people:
                return people[:1]
            employer = self._employer_in(tok, depth)
            if employer:
                return employer
            count = next((c for c in tok.children if c.dep_ == "nummod" or c.lower_ in QUANTITY), None)
            if tok.tag_ == "NNS" and count is not None:
                # "charged three nationals. A, B and C are accused": the people named next, when
                # their number is the count; "detained 11 journalists": unnamed people
                return self._counted_people(tok, count, depth)
            definite = any(c.lower_ in ("the", "this", "that") for c in tok.children)
            nearby = self.salient_person(tok) if definite else self.nearby_person(tok, depth)
            if nearby is not None:
                return [nearby]
        if (lemma in rules.firm_nouns or low in rules.firm_nouns) and any(
                c.lower_ in ("the", "this", "that") for c in tok.children):
            firm = self.ix.preceding(tok.i, FIRMS)
            return [firm] if firm is not None else []
        return []

    def _counted_people(self, tok: Token, count: Token, depth: int = 0) -> list[Cluster]:
        """"three nationals, including A and B": A and B; "charged three nationals. A, B and C
        are accused ...": the people the next sentence opens with; else the person named
        nearby who is not a quoted speaker."""
        doc = tok.doc
        inner: list[Cluster] = []
        for t in tok.subtree:
            c = self.ix.at(t)
            if c is not None and c.type == "Person" and c not in inner:
                inner.append(c)
        if inner:
            return inner
        listed = self._listed_after(tok)
        if listed:
            return listed
        sent = tok.sent
        nxt = doc[sent.end].sent if sent.end < len(doc) else None
        subj = next((c for c in nxt.root.children if c.dep_ in ("nsubj", "nsubjpass")), None) if nxt else None
        if nxt is not None and subj is not None and subj.i - nxt.start <= 2:
            people: list[Cluster] = []
            for t in subj.subtree:
                c = self.ix.at(t)
                if c is not None and c.type == "Person" and c not in people:
                    people.append(c)
            if len(people) >= 2:
                return people
        nearby = self.nearby_person(tok, depth)
        return [nearby] if nearby is not None else []

    def _speaker(self, t: Token, c: Cluster) -> bool:
        """A person quoted as the source: "X said", "said X of Y"."""
        root = t
        while root.head.i != root.i and self.ix.at(root.head) is c:
            root = root.head
        return root.head.lemma_ in REPORTING and root.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "appos")

    def _listed_after(self, tok: Token) -> list[Cluster]:
        """"arrested five of its executives. Those arrested included X and Y": the people the
        next sentence lists for an unnamed group."""
        doc = tok.doc
        sent = tok.sent
        colon = next((t for t in doc[tok.i + 1:sent.end] if t.text == ":"), None)
        if colon is not None:  # "three of his colleagues were sentenced: A to nine years, B ..."
            people: list[Cluster] = []
            end = colon.i + 1  # to the end of the paragraph: the parser may cut the list at ";"
            while end < len(doc) and not doc[end].is_space and "\n" not in doc[end - 1].whitespace_ and (
                    doc[end - 1].text not in (".", "!", "?")):
                end += 1
            for t in doc[colon.i + 1:end]:
                c = self.ix.at(t)
                if c is not None and c.type == "Person" and c not in people and not any(
                        a.dep_ == "relcl" for a in t.ancestors):
                    people.append(c)
            return people
        if sent.end >= len(doc):
            return []
        nxt = doc[sent.end].sent
        for t in nxt:
            if t.lemma_ == "include" and t.i - nxt.start <= 4 and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in GROUP_WORDS
                    and any(a.dep_ == "acl" and a.tag_ == "VBN" for a in c.children) for c in t.children):
                subj = next(c for c in t.children if c.dep_ in ("nsubj", "nsubjpass"))
                return [c for c in self._one(subj, 3) if c.type == "Person"]
        return []

    def _employer_in(self, tok: Token, depth: int) -> list[Cluster]:
        """"The man, an employee of X, ...", "the man, described as an employee of X": an
        unnamed employee stands for the firm that employs him."""
        hint, self.hint = self.hint, "firm"  # an unlisted name employing staff is a firm
        try:
            for t in tok.subtree:
                if t.i != tok.i and t.lemma_ in EMPLOYEE_NOUNS and t.pos_ == "NOUN":
                    owners = [c for p in _prep_objects(t, ("of", "at", "with", "for"))
                              for c in self.entities(p, depth + 1) if c.type in FIRMS]
                    if owners:
                        return owners[:1]
            return []
        finally:
            self.hint = hint

    def salient_person(self, tok: Token) -> Cluster | None:
        """The person a pronoun or "the man" most likely means: a generic person noun earlier in
        the sentence, else the person mentioned most in this and the two sentences before
        (the latest on a tie). Quoted speakers count too: leaving out those of earlier sentences
        ("..., said his lawyer X. The ruling bars him") was measured and read no better
        (docs/LEARNED.md, "Twenty-second step", P35)."""
        doc = tok.doc
        sent = tok.sent
        for t in doc[sent.start:tok.i]:
            if t.pos_ == "NOUN" and t.lemma_ in self.rules.person_nouns and t.dep_ in (
                    "dobj", "nsubjpass", "nsubj"):
                c = self.nearby_person(t)
                if c is not None:
                    return c
        start = sent.start
        for _ in range(2):
            if start > 0:
                start = doc[start - 1].sent.start
        score: dict[int, tuple[int, int]] = {}
        by_id: dict[int, Cluster] = {}
        for t in doc[start:tok.i]:
            c = self.ix.at(t)
            if c is None or c.type != "Person" or (t.i > 0 and self.ix.at(doc[t.i - 1]) is c):
                continue
            n, _ = score.get(c.id, (0, 0))
            score[c.id] = (n + 1, t.i)
            by_id[c.id] = c
        if not score:
            return self.ix.preceding(tok.i, ("Person",), window=80)
        return by_id[max(score.items(), key=lambda kv: kv[1])[0]]

    def salient_firm(self, tok: Token) -> Cluster | None:
        """What "it"/"its" means: the firm or organisation named most (subjects count double) in
        this sentence and the one before, the latest on a tie."""
        doc = tok.doc
        sent = tok.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        score: dict[int, tuple[float, int]] = {}
        by_id: dict[int, Cluster] = {}
        for t in doc[start:sent.end]:
            c = self.ix.at(t)
            if c is None or c.type not in FIRMS or (t.i > 0 and self.ix.at(doc[t.i - 1]) is c) or t.i == tok.i:
                continue
            weight = 2.0 if t.dep_ in ("nsubj", "nsubjpass") or t.head.dep_ in ("nsubj", "nsubjpass") else 1.0
            if t.i > tok.i:
                weight *= 0.75
            n, _ = score.get(c.id, (0.0, 0))
            score[c.id] = (n + weight, min(t.i, tok.i))
            by_id[c.id] = c
        if not score:
            return self.ix.preceding(tok.i, FIRMS)
        return by_id[max(score.items(), key=lambda kv: kv[1])[0]]

    def _antecedent(self, tok: Token) -> list[Cluster]:
        low = tok.lower_
        if low in PERSON_PRON:
            c = self.salient_person(tok)
        elif low in FIRM_PRON:
            c = self.salient_firm(tok)
        elif low in PLURAL_PRON:
            c = self.ix.preceding(tok.i, ("Company", "Organization", "Person"))
        else:
            c = None
        return [c] if c is not None else []

    def nearby_person(self, tok: Token, depth: int = 0) -> Cluster | None:
        """The named person a generic noun ("a reporter") most likely refers to: the employer
        named as "an employee of X", else the most mentioned person in this and the next two
        sentences."""
        doc = tok.doc
        window = [tok.sent]  # this sentence and the next two, without listing every sentence
        while len(window) < 3 and window[-1].end < len(doc):
            window.append(doc[window[-1].end].sent)
        for s in window:
            for t in s:
                if t.lemma_ in ("employee", "staffer", "worker") and t.i != tok.i:
                    owners = [x for x in self.entities(t, max(depth + 1, 3)) if x.type in FIRMS]
                    if owners:
                        return owners[0]
        counts: Counter[int] = Counter()
        by_id: dict[int, Cluster] = {}
        for s in window:
            for t in s:
                c = self.ix.at(t)
                if c is not None and c.type == "Person" and (t.i == 0 or self.ix.at(doc[t.i - 1]) is not c) \
                        and not self._speaker(t, c):
                    counts[c.id] += 1
                    by_id[c.id] = c
        if not counts:
            return None
        return by_id[counts.most_common(1)[0][0]]

    def places_in(self, toks: list[Token]) -> list[Cluster]:
        out: list[Cluster] = []
        for t in toks:
            for s in t.subtree:
                c = self.ix.at(s)
                if c is not None and c.type == "Place" and c not in out:
                    out.append(c)
        return out

    def laws_in(self, toks: list[Token]) -> list[Cluster]:
        out: list[Cluster] = []
        for t in toks:
            for s in t.subtree:
                c = self.ix.at(s)
                if c is None and s.lemma_.casefold() in LAW_NOUNS and s.head.lower_ == "under" and any(
                        k.lower_ in ("same", "this", "that") for k in s.children):
                    c = self.ix.preceding(s.i, ("Law",), window=800)  # "under the same law"
                if c is not None and c.type == "Law" and c not in out:
                    out.append(c)
        return out


LAW_NOUNS = words("law_nouns")
STAFF_NOUNS = words("staff_nouns")
GROUP_WORDS = words("group_words")
EMPLOYEE_NOUNS = words("employee_nouns")
