"""Enforcement events of one parsed document: the stages from triggers to merged events.

The document's entities (``linking.py``) and its triggers (``triggers.py``) go in; for each
trigger the target phrases come from ``arguments.py`` and are read as entities by
``ArgumentEntities``, the agent is found by ``EventAgents`` (``event_agents.py``) and the date by
``EventDater`` (``event_dates.py``), each handed what it needs. The same action told twice in
one sentence is one event, and ``merge_events`` folds the document's repeated reports of one
event (same type, a shared target or law, compatible dates) into one.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ingest.extract.argument_entities import ArgumentEntities
from ingest.extract.arguments import (
    FINDING_VERBS,
    EntityIndex,
    _prep_objects,
    clause_head,
    passive,
    syntactic_agent,
    syntactic_targets,
)
from ingest.extract.clause_subjects import antecedents, participle_subjects, relative_antecedent, small_clause_subjects
from ingest.extract.event_agents import EventAgents
from ingest.extract.event_dates import EventDater, merge_events
from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.mission_targets import MISSION_EVENTS, mission_targets
from ingest.extract.stage_records import Q_SENTENCE, Cluster, Event
from ingest.extract.state_actors import StateActors
from ingest.extract.triggers import (
    Trigger,
    amount,
    designation_targets,
    displaced_of,
    find_triggers,
    load_config,
)
from ingest.extract.vocabulary import ACTORS, words

PROBE_VERBS = words("probe_verbs")
SUSPICION_NOUNS = words("suspicion_nouns")
VIOLATION_WORDS = words("violation_words")
CASE_NOUNS = words("case_nouns")
PERSON_EVENTS = words("person_events")
#: A trigger that modifies a noun names no act of its own when it has no target either ("an
#: investigating judge", "sanctioned users", "house detention").
NOUN_MODIFIER = ("compound", "amod", "nmod")
CONTEXT_TOKENS = 80  # how far back a learned trigger without a target looks for one
#: Extra triggers for a document, given its entity index and the rules' triggers.
Proposer = Callable[[Doc, EntityIndex, list[Trigger]], list[Trigger]]


@dataclass
class _Mark:
    """The document's entity index and synthetic agents as they were (``EventExtractor._mark``)."""

    clusters: int
    tok: dict[int, Cluster]
    starts: list[tuple[int, Cluster]]
    synthetic: dict[str, Cluster]


class EventExtractor:
    """Runs over one document: triggers to events, each dated by ``EventDater`` as it is built."""

    def __init__(self, doc: Doc, clusters: list[Cluster], published: dt.date | None,
                 propose: Proposer | None = None) -> None:
        self.doc = doc
        self.propose = propose  # learned triggers added to the rules' (learned/triggers.py)
        self.index = EntityIndex.build(doc, clusters)
        self.resolver = ArgumentEntities(self.index)
        self.state_actors = StateActors(self.resolver)
        self.agents = EventAgents(doc, clusters, self.index, self.resolver, self.state_actors)
        self.published = published
        self.cfg = load_config()
        self.dater = EventDater(doc, self.index, published, self.cfg)
        self.clusters = clusters
        self.last_event: Event | None = None
        #: triggers whose phrases name no target: kept aside, outside the rules' events, for the
        #: learned attacher to complete from the whole document (or leave out)
        self.pending: list[Event] = []

    # -- the event -------------------------------------------------------------
    def build(self, trig: Trigger) -> Event | None:
        tok = trig.token
        ev = Event(trig.rule.event_type, tok, tok.sent, confidence=trig.rule.confidence)
        if ev.type == "Investigation" and tok.pos_ == "NOUN" and tok.dep_ in ("compound", "amod") \
                and tok.head.pos_ in ("NOUN", "PROPN"):  # "a corporate-investigations firm"
            return None
        heads = syntactic_targets(tok) or small_clause_subjects(tok) or self._governing_heads(tok)
        if "designation" in trig.rule.conditions:
            heads = designation_targets(tok, self.cfg.lists[trig.rule.conditions["designation"]]) or heads
        if tok.pos_ == "NOUN":
            heads = displaced_of(tok) + [h for h in heads if h.ent_type_ not in ("GPE", "LOC", "FAC")] or heads
        heads = self._owners(antecedents(tok, heads))
        if ev.type == "Raid" and not any(self.index.at(h) for h in heads):  # "seized devices from X's office"
            heads += self._owners([p for p in _prep_objects(tok, ("from", "at", "in"))
                                   if p.lemma_.casefold() in self.cfg.lists["premises"]], only=True)
        res = self.resolver
        res.hint = "person" if ev.type in PERSON_EVENTS else "firm"
        mark: _Mark | None = None
        if ev.type == "LawRevision":
            ev.laws = self.laws_for_revision(tok, heads)
            if not ev.laws:
                return None
        else:
            ev.targets = (mission_targets(self.index, tok, heads) if ev.type in MISSION_EVENTS else []
                          ) or self._targets(res, heads, ev.type)
            if not ev.targets and tok.pos_ == "NOUN" and tok.dep_ == "pobj" \
                    and tok.head.head.lemma_ in ("be", "remain"):  # "X was in the custody of Y", "remains under"
                ev.targets = self._targets(res, [c for c in tok.head.head.children if c.dep_ == "nsubj"], ev.type)
            if not ev.targets and tok.dep_ == "xcomp":  # "X was ordered to halt broadcasting"
                ev.targets = self._targets(res, syntactic_targets(tok.head), ev.type)
            if not ev.targets and any(h.lemma_.casefold() in res.rules.container_nouns or h.pos_ == "NUM"
                                      for h in heads):  # "... while detaining five employees"
                ev.targets = self._firm_in_context(tok)
            if not ev.targets and not heads and tok.pos_ == "NOUN" and self.last_event is not None and (
                    tok.sent.start - self.last_event.sent.start < 120) and not self._firm_acts(tok) \
                    and (ev.type != "Investigation" or self._opened_probe(tok)):
                ev.targets = list(self.last_event.targets)
                ev.confidence -= 0.15
            if not ev.targets and trig.rule.conditions.get("learned"):
                ev.targets = self._context_targets(tok, ev.type)
            mark = None if ev.targets else self._mark()
            ev.laws = res.laws_in(law_phrases(tok))
        places = res.places_in([c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
                               + heads)
        countries = set(load_gazetteer().country_name.values())
        cities = [p for p in places if p.name not in countries]
        ev.location = (cities or places)[0] if places else None
        self.agents.agents_for(ev, self.last_event)
        ev.targets = [c for c in ev.targets if c not in ev.agents]
        anchor = self.dater.anchor
        self.dater.date_for(ev)
        if not ev.targets and ev.type != "LawRevision":  # pending: the attacher may find its target
            self.dater.anchor = anchor  # an event without a target sets no date for the ones after
            if self._may_be_pending(tok, ev.type):
                self.pending.append(ev)
            if mark is not None:
                self._rollback(mark, ev)
            return None
        ev.confidence = min(0.95, ev.confidence + (0.1 if ev.agents else 0) + (0.05 if ev.date else 0))
        return ev

    def _mark(self) -> _Mark:
        """What reading a pending event's other arguments may add to the document: names found
        late, the synthetic "X authorities"."""
        ix = self.index
        return _Mark(len(ix.clusters), dict(ix.tok), list(ix.starts), dict(self.agents.synthetic))

    def _rollback(self, mark: _Mark, ev: Event) -> None:
        """Leave the document's entities as the rules alone would: a pending event adds none (its
        arguments that named one it added are dropped; the attacher may choose them again)."""
        ix = self.index
        added = {id(c) for c in ix.clusters[mark.clusters:]} | {
            id(c) for k, c in self.agents.synthetic.items() if k not in mark.synthetic}
        del ix.clusters[mark.clusters:]
        ix.tok, ix.starts, self.agents.synthetic = mark.tok, mark.starts, mark.synthetic
        ev.agents = [c for c in ev.agents if id(c) not in added]
        ev.laws = [c for c in ev.laws if id(c) not in added]
        if ev.location is not None and id(ev.location) in added:
            ev.location = None

    def _may_be_pending(self, tok: Token, etype: str) -> bool:
        """Whether a trigger without a target may still tell an event (the attacher then looks
        for its target): not a modifier of a noun ("an investigating judge", "house detention"),
        and a noun only where the rules would take it for a re-mention ("the raid", not "the
        firm carried out investigations", nor "such investigations")."""
        if tok.dep_ in NOUN_MODIFIER and tok.head.pos_ in ("NOUN", "PROPN"):
            return False
        if tok.pos_ != "NOUN":
            return True
        return not self._firm_acts(tok) and (etype != "Investigation" or self._opened_probe(tok))

    def _context_targets(self, tok: Token, etype: str) -> list[Cluster]:
        """A learned trigger whose own phrases name no target: the targets of the event told just
        before, else the person (or firm) named last before it, close by."""
        last = self.last_event
        if last is not None and tok.sent.start - last.sent.start < CONTEXT_TOKENS and last.targets:
            return list(last.targets)
        kinds = ("Person",) if etype in PERSON_EVENTS else ("Company", "Organization")
        found = self.index.preceding(tok.i, kinds, window=CONTEXT_TOKENS)
        return [found] if found is not None else []

    @staticmethod
    def _governing_heads(tok: Token) -> list[Token]:
        """Targets of a trigger that names none of its own, read from the clause it serves:
        "took him away for questioning" (the object of "took"), "were taken in for
        questioning" (its passive subject), "X spent years in prison after being convicted"
        (the subject of the clause a subjectless passive hangs from)."""
        if tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "for" and tok.head.head.pos_ == "VERB":
            return syntactic_targets(tok.head.head)
        if tok.dep_ in ("pcomp", "advcl") and tok.tag_ == "VBN" and passive(tok) and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            verb = tok.head.head if tok.dep_ == "pcomp" else tok.head
            if verb.pos_ in ("VERB", "AUX"):
                return [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return []

    def _owners(self, heads: list[Token], only: bool = False) -> list[Token]:
        """Premises and licences lead to their holder: "the home of X", "X's bureau", "the
        newsroom of X", "whose registration" (the noun the relative clause is about)."""
        words = self.cfg.lists["premises"] | self.cfg.lists["licence"]
        out: list[Token] = []
        for h in heads:
            if amount(h):  # "froze $5m of X's assets"
                held = [p for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                        for p in c.children if p.dep_ == "pobj"]
                if held:
                    out.extend(held)
                    continue
            if not only:
                out.append(h)
            if h.lemma_.casefold() not in words and h.lower_ not in words:
                continue
            for c in h.children:
                if c.dep_ == "poss":
                    out.append(relative_antecedent(c) or c)
                elif c.dep_ == "prep" and c.lower_ in ("of", "at", "for"):
                    out.extend(p for p in c.children if p.dep_ == "pobj")
                elif c.dep_ == "compound" and self.index.at(c) is not None:
                    out.append(c)
        return out

    @staticmethod
    def _opened_probe(tok: Token) -> bool:
        """"launched an investigation" (one probe, opened by someone) rather than "a highly
        significant investigation for us" or "firms that conduct such investigations"."""
        verb = clause_head(tok)
        if tok.tag_ != "NN" or any(c.lower_ == "such" for c in tok.children):
            return False
        if any(c.dep_ == "acl" and c.lemma_ in PROBE_VERBS for c in tok.children):
            return True  # "after an investigation launched in December"
        if tok.dep_ == "pobj" and tok.head.lower_ in ("after", "following") and verb.lemma_ in FINDING_VERBS:
            return True  # "the ministry found after investigation that ..."
        return verb is not tok and verb.lemma_ in PROBE_VERBS

    def _firm_acts(self, tok: Token) -> bool:
        """"The firm carried out investigations": a firm, not an authority, does the thing."""
        subj = syntactic_agent(tok) or next(
            (c for c in tok.head.children if c.dep_ == "nsubj"), None) if tok.dep_ == "dobj" else syntactic_agent(tok)
        if subj is None:
            return False
        # "the regulator said it had found after an investigation": "it" is the regulator
        ents = self.state_actors.agent_entities(subj)[0] if subj.pos_ == "PRON" else self.resolver.entities(subj)
        return any(c.type in ("Company", "Organization") for c in ents)

    @staticmethod
    def _targets(res: ArgumentEntities, heads: list[Token], etype: str) -> list[Cluster]:
        out: list[Cluster] = []
        for h in heads:
            for c in res.entities(h):
                if c.type in ACTORS and c not in out and (c.type != "GovernmentBody" or etype == "Sanction"):
                    out.append(c)
        return out

    def _firm_in_context(self, tok: Token) -> list[Cluster]:
        """The firm whose unnamed staff are meant: one targeted in the same sentence, else the
        last firm named shortly before."""
        last = self.last_event
        if last is not None and last.sent.start == tok.sent.start:
            firms = [c for c in last.targets if c.type in ("Company", "Organization")]
            if firms:
                return firms
        firm = self.index.preceding(tok.i, ("Company", "Organization"), window=200)
        return [firm] if firm is not None else []

    def laws_for_revision(self, tok: Token, heads: list[Token]) -> list[Cluster]:
        heads = antecedents(tok, heads)
        laws = self.resolver.laws_in(heads + [c for c in tok.children if c.dep_ == "prep"])
        if tok.dep_ == "amod":
            laws = laws or self.resolver.laws_in([tok.head])
        if not laws and tok.pos_ == "VERB":  # "the law took effect", "the Act, which received assent"
            laws = self.resolver.laws_in(antecedents(tok, [c for c in tok.children if c.dep_ == "nsubj"]))
            if not laws and tok.dep_ in ("acl", "relcl"):  # "the law, adopted in 2015"
                laws = self.resolver.laws_in([t for t in [tok.head] if t.i < tok.i])
            if not laws:  # "Adopted in 2014, the law is"
                laws = self.resolver.laws_in(participle_subjects(tok))
        if laws:
            return laws
        words = self.cfg.lists["law_words"]
        if any(h.lemma_.casefold() in words or h.lower_ in words for h in heads) or tok.dep_ in (
                "advcl", "acl", "amod"):
            in_sent = self.resolver.laws_in([tok.sent.root])
            if in_sent:
                return in_sent[:1]
            before = self.index.preceding(tok.i, ("Law",), window=120)
            return [before] if before is not None else []
        return []

    def run(self) -> list[Event]:
        events: list[Event] = []
        triggers = find_triggers(self.doc, self.index)
        if self.propose is not None:
            triggers = sorted([*triggers, *self.propose(self.doc, self.index, triggers)], key=lambda t: t.token.i)
        for trig in triggers:
            ev = self.build(trig)
            if ev is None:
                continue
            outer = _enclosing(ev, events)
            if outer is not None:  # "raided X's offices, breaking the door to enter Y's flat": one raid
                outer.targets.extend(c for c in ev.targets if c not in outer.targets and c not in outer.agents)
                continue
            events.append(ev)
            if ev.type != "LawRevision":
                self.last_event = ev
            if ev.date and ev.date_quality >= Q_SENTENCE:
                self.dater.anchor = ev.date
        _share_when_agents(events)
        return merge_events(events)




def law_phrases(tok: Token) -> list[Token]:
    """Phrases of a trigger that name the law it was taken under: "under the X Law", "for/with
    ... under section 3 of the X Act", "on suspicion of colluding ... under the X Law", "accused
    of violating the X Law", "brought X Act charges", "an X Law case"."""
    out: list[Token] = []
    for c in tok.children:
        if c.dep_ != "prep":
            continue
        objs = [p for p in c.children if p.dep_ in ("pobj", "pcomp")]
        words = {"on": SUSPICION_NOUNS, "of": VIOLATION_WORDS}.get(c.lower_)
        if c.lower_ in ("under", "for", "with") or (
                words is not None and any(p.lemma_.casefold() in words for p in objs)):
            out.append(c)
    nouns = [tok] if tok.pos_ == "NOUN" else [
        c for c in tok.children if c.dep_ in ("dobj", "nsubjpass") and c.lemma_.casefold() in CASE_NOUNS]
    out.extend(c for n in nouns for c in n.children if c.dep_ == "compound")
    return out


def _enclosing(ev: Event, events: list[Event]) -> Event | None:
    """An event of the same type whose trigger governs this one's clause: the same action told
    twice in one sentence ("raided the offices, breaking the door to enter the flat of X")."""
    if ev.type == "LawRevision" or ev.trigger.pos_ != "VERB":
        return None
    for other in reversed(events):
        t = other.trigger
        if other.sent.start != ev.sent.start:
            break
        if other.type == ev.type and t.pos_ == "VERB" and t.i < ev.trigger.i \
                and ev.trigger.dep_ in ("advcl", "xcomp") and any(a.i == t.i for a in ev.trigger.ancestors):
            return other
    return None


def _share_when_agents(events: list[Event]) -> None:
    """"X was detained in May, when officers of the Y bureau raided its office": the actor of a
    "when" clause is the actor of the agentless events of its sentence that come before it."""
    for ev in events:
        if ev.agents or ev.type == "LawRevision":
            continue
        for other in events:
            t = other.trigger
            if other is ev or not other.agents or other.sent.start != ev.sent.start or t.i < ev.trigger.i:
                continue
            if any(c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in t.children):
                ev.agents = [c for c in other.agents if c not in ev.targets]
                break
