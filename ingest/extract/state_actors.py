"""Which state body or court a generic agent means: "authorities", "tax officials", "the bureau".

An enforcement event's agent is read differently from its targets: the subject is often no
name but a function ("customs officers"), a kind of body ("the ministry") or a court named only
by its country ("a court in Belarus"), and it means a state body the document names elsewhere,
found by the words of its name, recency or specificity. Kept apart from ``argument_entities.py``, which
reads names, pronouns and people; ``StateActors`` is handed that reader and asks it what a
phrase names before it looks for the state body behind it.
"""

from __future__ import annotations

from spacy.tokens import Token

from ingest.extract.argument_entities import ArgumentEntities
from ingest.extract.arguments import FIRM_PRON, PLURAL_PRON, REPORTING, EntityIndex, _prep_objects
from ingest.extract.gazetteer import Gazetteer
from ingest.extract.ner_mentions import Rules
from ingest.extract.stage_records import Cluster
from ingest.extract.vocabulary import ACTORS, kinds, ordered, words


class StateActors:
    """Agent lookups: the state bodies and courts among the document's entities that a subject means."""

    def __init__(self, phrases: ArgumentEntities) -> None:
        self.phrases = phrases
        self.ix: EntityIndex = phrases.ix
        self.rules: Rules = phrases.rules
        self.gaz: Gazetteer = phrases.gaz

    def agent_entities(self, tok: Token, depth: int = 0) -> tuple[list[Cluster], str | None]:
        """Agents for a subject token, or a demonym-less generic ("authorities") to resolve."""
        if tok.lower_ in FIRM_PRON | PLURAL_PRON and tok.head.dep_ == "ccomp" \
                and tok.head.head.lemma_ in REPORTING and depth < 8:  # "the FSB said it had detained"
            speaker = next((c for c in tok.head.head.children if c.dep_ == "nsubj"), None)
            if speaker is not None:
                return self.agent_entities(speaker, depth + 1)
        if tok.lower_ in FIRM_PRON | PLURAL_PRON:  # an authority is speaking: "It said it had ..."
            body = self.salient_body(tok)
            if body is not None:
                return [body], None
        generic_actor = tok.lemma_.casefold() in self.rules.bare_authorities | ACTOR_PEOPLE
        ents = [c for c in self.phrases.entities(tok) if c.type in ACTORS or c.type == "Place"]
        if generic_actor and tok.tag_ == "NNS":  # "tax officials searched": not the person quoted next,
            own = self.ix.at(tok)  # nor the employer of one, unless the name is the phrase's own
            ents = [c for c in ents if c.type in ("GovernmentBody", "Place") or (c is own and c.type != "Person")]
        if len(ents) == 1 and self._generic_court(ents[0]) and tok.tag_ != "NNS":
            ents = [self.specific_court(tok, ents[0])]
        if not ents and generic_actor:
            body = self.body_by_function(tok)  # "tax officials" -> the Income Tax Department named
            ents = [body] if body is not None else []
        if not ents and generic_actor:
            # "Officers of the Suzhou State Security Bureau", "agents from the FSB"
            ents = [c for p in _prep_objects(tok, ("of", "from", "with")) for c in self.phrases.entities(p)
                    if c.type == "GovernmentBody" or (c.type == "Organization" and _enforcer_named(c))]
        if not ents and any(c.lower_ in ("the", "this") for c in tok.children) and tok.pos_ == "NOUN":
            # "the bureau", "the ministry": the last state body of that kind
            ents = [c for c in [self.salient_body(tok, tok.lemma_.casefold())] if c is not None]
        if not ents:  # "Russia's FSB security service": the named body inside the phrase
            ents = [c for t in tok.children if t.dep_ in ("compound", "nmod", "poss")
                    for c in self.phrases.entities(t) if c.type == "GovernmentBody"]
        if not ents and tok.lemma_ in ("judge", "court", "magistrate", "tribunal"):
            ents = self.courts()[:1]
        if not ents and generic_actor and tok.tag_ == "NNS" and any(c.lower_ == "the" for c in tok.children):
            # "the officers also questioned": the enforcement body named just before
            ents = [c for c in [self.salient_body(tok, enforcement=True)] if c is not None]
        if not ents and generic_actor:
            # "Officers also searched", "police said": the body of that kind the article names
            ents = [c for c in [self.body_of_kind(tok)] if c is not None]
        if ents:
            return ents, None
        if tok.lemma_.casefold() in self.rules.bare_authorities or tok.lower_ in self.rules.bare_authorities:
            return [], tok.lower_
        return [], None

    def _generic_court(self, c: Cluster) -> bool:
        """"a court in Belarus", "an Iranian court", "Russian courts": a court named only by
        its country."""
        if c.type != "GovernmentBody" or c.gaz_id is not None:
            return False
        words = c.name.replace("’", "'").replace("'s", "").split()
        if not any(w.casefold() in ("court", "courts") for w in words):
            return False
        rest = " ".join(w for w in words if w.casefold() not in ("court", "courts", "in", "a", "an", "the"))
        if not rest:
            return False
        entry = self.gaz.lookup(rest)
        return rest.casefold() in self.gaz.demonyms or (
            entry is not None and entry.type == "Place" and entry.id.count(":") == 1)

    def specific_court(self, tok: Token, generic: Cluster) -> Cluster:
        """The court the article names for "a court in Belarus": the first court named more
        specifically (by its own name or its city) after the phrase, else the last one before."""
        if not self._generic_court(generic):
            return generic
        after: Cluster | None = None
        before: Cluster | None = None
        for start, c in self.ix.starts:
            if c is generic or c.type != "GovernmentBody" or not any(
                    w in c.name.casefold() for w in ("court", "tribunal")) or self._generic_court(c):
                continue
            if "supreme" in c.name.casefold():  # an appeal court is rarely the one that tried
                continue
            if start > tok.i and after is None and start - tok.i < 400:
                after = c
            elif start < tok.i:
                before = c
        return after or before or generic

    def body_by_function(self, tok: Token) -> Cluster | None:
        """"Indian tax officials", "customs officers": the state body named in the document whose
        name has the modifier's word ("Income Tax Department")."""
        mods = [c.lower_ for c in tok.children if c.dep_ in ("compound", "amod") and c.is_lower
                and c.lower_ not in ("senior", "local", "top", "former", "state", "government", "other")]
        if not mods:
            return None
        best: Cluster | None = None
        for c in self.ix.clusters:
            if c.type == "GovernmentBody" and not c.synthetic and any(
                    m in c.name.casefold().split() for m in mods) and (
                    best is None or len(c.mentions) > len(best.mentions)):
                best = c
        return best

    def salient_body(self, tok: Token, word: str | None = None, enforcement: bool = False) -> Cluster | None:
        """The state body named last before ``tok`` (within a few sentences); with ``word``,
        one whose name contains it ("the bureau"); with ``enforcement``, one that can act on
        the ground (not a court, legislature or foreign ministry)."""
        best = None
        for start, c in self.ix.starts:
            if start >= tok.i:
                break
            if c.type == "GovernmentBody" and start >= tok.i - 150 and (
                    word is None or word in c.name.casefold()) and not (
                    enforcement and (c.synthetic or any(w in c.name.casefold() for w in NOT_ENFORCEMENT))):
                best = c
        return best

    def body_of_kind(self, tok: Token) -> Cluster | None:
        """"Officers", "the police", "agents", "investigators" alone: the body of that kind the
        article names ("Counter Terrorism Policing", "the police's National Security Department"),
        the one named last before ``tok``, else the first named after it; None for a phrase that
        says whose they are ("Chinese police", "its officers")."""
        kinds = BARE_KINDS.get(tok.lemma_.casefold()) or BARE_KINDS.get(tok.lower_)
        if kinds is None or (tok.tag_ != "NNS" and tok.lower_ != "police") or any(
                c.dep_ in ("det", "poss", "compound", "amod", "nmod", "nummod") and c.lower_ != "the"
                for c in tok.children):
            return None
        for kind in kinds:
            before: Cluster | None = None
            after: Cluster | None = None
            for start, c in self.ix.starts:
                if c.type != "GovernmentBody" or c.synthetic or not self._of_kind(c, kind):
                    continue
                if start < tok.i:
                    before = c
                elif after is None and start > tok.i:
                    after = c
            if before is not None or after is not None:
                return before or after
        return None

    def _of_kind(self, c: Cluster, kind: str) -> bool:
        """A body of a kind by the words of its name ("Federal Security Service"), or for police
        by where it is named: "the police's X Department", "the X Department of the Y Police"."""
        stems = KIND_STEMS[kind]
        if any(w.casefold().startswith(stems) for n in [c.name, *c.aliases] for w in n.split()) and not any(
                w in c.name.casefold() for w in NOT_ENFORCEMENT):
            return True
        if kind != "police":
            return False
        doc = self.ix.doc
        for m in c.mentions:
            if m.source == "synthetic" or m.end > len(doc):
                continue
            near = [t.lower_ for t in doc[max(0, m.start - 3):m.start]]
            if any(w.startswith(stems) for w in near) and any(w in ("'s", "’s", "’") for w in near):
                return True
            after = doc[m.end:min(len(doc), m.end + 6)]
            if after[:1] and after[0].lower_ == "of" and any(
                    t.lower_.startswith(stems) for t in after[1:]):
                return True
        return False

    def courts(self) -> list[Cluster]:
        """The document's courts, most mentioned first."""
        found = [c for c in self.ix.clusters if c.type == "GovernmentBody" and any(
            w in c.name.casefold() for w in ("court", "tribunal"))]
        return sorted(found, key=lambda c: -len(c.mentions))


NOT_ENFORCEMENT = ordered("not_enforcement")
#: Words for the people of a body ("officers", "agents"): their subject acts for the body.
ACTOR_PEOPLE = words("actor_people")

KIND_STEMS = kinds("kind_stems")

# The kinds of body a bare actor word stands for, most likely first.
BARE_KINDS = kinds("bare_kinds")


#: The stems of the kinds of body that police, investigate or prosecute.
ENFORCER_STEMS = tuple(s for kind in ("police", "security", "investigation", "prosecution") for s in KIND_STEMS[kind])


def _enforcer_named(c: Cluster) -> bool:
    """An organisation whose name says it polices, investigates or prosecutes ("Financial Crimes
    Investigation Division"): the entity typer, which runs after the rules, types such a body the
    NER read as an organisation as a state body, so "officers of" it act for it."""
    return any(w.casefold().startswith(ENFORCER_STEMS) for w in c.name.split())
