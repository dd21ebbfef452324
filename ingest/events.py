"""Enforcement events of one parsed document: triggers, arguments, dates, then deduplication.

For each trigger (``triggers.py``) the arguments come from ``arguments.py``; when the text names
no authority but says "authorities" or "police", the agent is the jurisdiction's authorities
("Chinese authorities"), taken from the event's place or the document's state bodies. The date
is the date expression of the sentence nearest the trigger in the dependency tree; failing one,
a present-perfect report ("has fined") is dated to the day of publication and a sentence
continuing a dated narrative takes the previous sentence's date. The same event reported twice
(same type, a shared target or law, compatible dates) is merged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from itertools import islice

from spacy.tokens import Doc, Token

from ingest.arguments import (
    ACTORS,
    FINDING_VERBS,
    ORDERING_VERBS,
    REPORTING,
    EntityIndex,
    _prep_objects,
    clause_head,
    passive,
    syntactic_agent,
    syntactic_targets,
)
from ingest.dates import DateMention
from ingest.dating import Q_SENTENCE, Dating, Event, merge_events
from ingest.gazetteer import load_gazetteer
from ingest.linking import Cluster
from ingest.mentions import Mention
from ingest.resolver import Resolver
from ingest.state_actors import NOT_ENFORCEMENT
from ingest.triggers import (
    Trigger,
    amount,
    antecedents,
    designation_targets,
    displaced_of,
    find_triggers,
    load_config,
    participle_subjects,
    relative_antecedent,
    small_clause_subjects,
)

#: Extra triggers for a document, given its entity index and the rules' triggers.
Proposer = Callable[[Doc, EntityIndex, list[Trigger]], list[Trigger]]
PROBE_VERBS = {"launch", "open", "begin", "start", "initiate", "announce", "order", "place", "put"}
# Generic actor words and the kind of body they stand for; a body is of a kind when a word of
# its name (or alias) starts with one of the kind's stems ("Crown Prosecution Service").
ACTOR_KINDS = {"police": "police", "policeman": "police", "policemen": "police", "officer": "police",
               "prosecutor": "prosecution", "prosecution": "prosecution", "procurator": "prosecution",
               "court": "court", "judge": "court", "tribunal": "court"}
KIND_STEMS = {"police": ("police", "policing", "constabulary", "gendarmerie"),
              "prosecution": ("prosecut", "procura"), "court": ("court", "tribunal")}
SUSPICION_NOUNS = {"suspicion", "charge", "accusation", "allegation", "count"}
VIOLATION_WORDS = {"violate", "violation", "breach", "contravene", "contravention", "break", "infringe",
                   "infringement"}
CASE_NOUNS = {"charge", "case", "sentence", "fine", "penalty", "count", "prosecution"}
# The article's own proceedings, spoken of as known: "after the trial at X", "the verdict".
PROCEEDINGS_NOUNS = {"trial", "verdict", "charge", "hearing", "conviction", "sentencing", "indictment"}
CONTEXT_TOKENS = 80  # how far back a learned trigger without a target looks for one
LEAD_SENTENCES = 3  # an event told this early is the article's story, whatever court it names
# The bodies through which a country performs an act, the likeliest first: "the United States
# sanctioned X" -> its sanctions office, else its treasury or foreign ministry.
ACT_BODY_WORDS = {
    "Sanction": ("sanction", "assets control", "asset", "treasury", "commerce", "foreign", "external affairs",
                 "global affairs", "state department"),
    "Expulsion": ("foreign", "external affairs", "global affairs", "state department", "home office",
                  "home affairs", "interior", "immigration", "migration"),
}
COURT_EVENTS = {"Sentence", "Charge", "ExitBan", "Closure", "Fine", "Detention", "Arrest"}
DIPLOMATIC_EVENTS = {"Expulsion", "Sanction"}
PERSON_EVENTS = {"Detention", "Arrest", "Questioning", "Charge", "Sentence", "ExitBan", "Expulsion"}


class EventExtractor(Dating):
    """Runs over one document; keeps the narrative anchor (last event date) as it goes."""

    def __init__(self, doc: Doc, clusters: list[Cluster], published: dt.date | None,
                 propose: Proposer | None = None) -> None:
        self.doc = doc
        self.propose = propose  # learned triggers added to the rules' (ingest/learned/triggers.py)
        self.index = EntityIndex.build(doc, clusters)
        self.resolver = Resolver(self.index)
        self.published = published
        self.anchor: str | None = None
        self.sent_dates: dict[int, list[DateMention]] = {}
        self.synthetic: dict[str, Cluster] = {}
        self.cfg = load_config()
        self.clusters = clusters
        self.last_event: Event | None = None

    # -- agents ----------------------------------------------------------------
    def jurisdiction(self, ev: Event) -> str | None:
        gaz = load_gazetteer()
        if ev.location is not None and ev.location.country:
            return ev.location.country
        votes: Counter[str] = Counter()
        for c in self.clusters:
            if c.country and c.type == "GovernmentBody":
                votes[c.country] += 2 * len(c.mentions)
            elif c.country and c.type == "Place" and c.country in gaz.country_demonym:
                votes[c.country] += len(c.mentions)
        return votes.most_common(1)[0][0] if votes else None

    def authorities(self, ev: Event, word: str, places: list[Cluster] | None = None) -> Cluster | None:
        """"authorities"/"police" without a name: the jurisdiction's ("Chinese authorities",
        "Beijing police" when the phrase says "police in Beijing")."""
        gaz = load_gazetteer()
        head = "police" if word == "police" else "authorities"
        place = places[0] if places else None
        code = place.country if place is not None and place.country else self.jurisdiction(ev)
        if code is None or code not in gaz.country_demonym:
            return None
        if place is not None and head == "police" and place.name not in gaz.country_name.values():
            name = f"{place.name} police"
        else:
            name = f"{gaz.country_demonym[code]} {head}"
        for c in self.clusters:
            if c.type == "GovernmentBody" and c.name.casefold() == name.casefold():
                return c
        if name not in self.synthetic:
            self.synthetic[name] = Cluster(id=10_000 + len(self.synthetic), type="GovernmentBody", name=name,
                                           country=code, synthetic=True,
                                           mentions=[Mention(ev.trigger.i, ev.trigger.i, name,
                                                             "GovernmentBody", "synthetic")])
        return self.synthetic[name]

    def agents_for(self, ev: Event) -> None:
        tok = ev.trigger
        subj = syntactic_agent(tok)
        clause = tok.head if tok.dep_ == "advcl" and tok.tag_ == "VBG" else tok  # "..., effectively shutting"
        if clause.dep_ in ("ccomp", "oprd") and clause.head.lemma_ in ORDERING_VERBS and small_clause_subjects(
                clause) and not any(c.dep_ in ("aux", "auxpass") for c in clause.children):  # "ordered it closed"
            subj = syntactic_agent(clause.head)
        generic: str | None = None
        if subj is None and ev.type == "Sanction":  # "added to the Commerce Ministry's entity list"
            subj = next((g for c in tok.children if c.dep_ == "prep" for p in c.children
                         for g in p.children if g.dep_ == "poss"), None)
        if subj is not None:
            ents, generic = self.resolver.agent_entities(subj)
            for ent in ents:
                body = self._specific_body(self._named_court(self._body_for_country(ent, ev.type)))
                if body not in ev.targets and body not in ev.agents:
                    ev.agents.append(body)
        if not ev.agents and generic is not None and subj is not None:
            auth = self.authorities(ev, generic, self.resolver.places_in([subj]))
            if auth is not None:
                ev.agents = [auth]
        last = self.last_event
        if not ev.agents and last is not None and last.sent.start == ev.sent.start and (
                subj is None or (generic is None and tok.dep_ == "conj")):
            # "deported X after detaining him", "raided X, the country's portal, and detained Y": same actor
            ev.agents = [c for c in last.agents if c not in ev.targets]
        if not ev.agents and subj is None and tok.pos_ == "NOUN":  # "in the custody of the X Bureau"
            ev.agents = [c for p in _prep_objects(tok, ("of",)) for c in self.resolver.entities(p)
                         if c.type == "GovernmentBody" and c not in ev.targets][:1]
        if not ev.agents and ev.type == "Sentence" and subj is None:
            # "X was sentenced to three years": the court the article names for these proceedings
            named = [k for k in self.resolver.courts() if (len(k.name.split()) > 2 or k.gaz_id)
                     and "supreme" not in k.name.casefold()]  # an appeal court is rarely the one that tried
            ev.agents = [k for k in named if self._near_event(k, ev)][:1]
        if not ev.agents and ev.type == "Charge" and subj is None:
            # "X has been charged": the prosecution service the article names for these proceedings
            ev.agents = [k for k in self._bodies_of_kind("prosecution") if self._near_event(k, ev)][:1]
        if not ev.agents and ev.type != "LawRevision":  # the authority quoted: "X said it had detained ..."
            ev.agents = self._quoted_authority(ev)

    def _near_event(self, body: Cluster, ev: Event) -> bool:
        """A body of the proceedings an agentless event belongs to: named where the event is told
        (its sentence, the next or the previous one), or, for an event of the article's lead,
        anywhere; elsewhere only beside a word for the article's proceedings ("after the trial at
        X", "the charges authorised by X"). Not a court that tried someone else years before."""
        doc = self.doc
        lead = list(islice(doc.sents, LEAD_SENTENCES))
        if not lead or ev.sent.start <= lead[-1].start:
            return True
        sents = {ev.sent.start}
        if ev.sent.start > 0:
            sents.add(doc[ev.sent.start - 1].sent.start)
        if ev.sent.end < len(doc):
            sents.add(doc[ev.sent.end].sent.start)
        for m in body.mentions:
            if m.source == "synthetic" or m.start >= len(doc):
                continue
            sent = doc[m.start].sent
            if sent.start in sents or any(
                    t.lemma_.casefold() in PROCEEDINGS_NOUNS and any(
                        k.lower_ in ("the", "this") for k in t.children) for t in sent):
                return True
        return False

    def _quoted_authority(self, ev: Event) -> list[Cluster]:
        """The state body a sentence is attributed to: "..., the FSB said", "according to
        prosecutors", "police said" (the police body the article names, if any)."""
        for t in ev.sent:
            quoted = (t.head.lemma_ in REPORTING and t.dep_ in ("nsubj", "nsubjpass")) or (
                t.dep_ == "pobj" and (t.head.head.lemma_ in REPORTING or (
                    t.head.lower_ == "to" and any(a.lower_ == "according" for a in t.head.lefts))
                    or t.head.head.lower_ == "according"))
            if not quoted:
                continue
            c = self.index.at(t)
            if c is not None:
                if c.type == "GovernmentBody" and c not in ev.targets and self._can_act(c, ev.type):
                    return [self._specific_body(c)]
                continue
            kind = ACTOR_KINDS.get(t.lemma_.casefold())
            if kind is not None and t.tag_ in ("NNS", "NN") and not any(
                    k.dep_ in ("det", "poss") and k.lower_ not in ("the",) for k in t.children):
                named = self._bodies_of_kind(kind)
                if named:
                    return named[:1]
        return []

    @staticmethod
    def _can_act(c: Cluster, etype: str) -> bool:
        """Whether a body a report is attributed to can have done the act: "..., the State Security
        Bureau said" of a detention, not "..., the foreign ministry said" or "..., the embassy
        said" (unless of an expulsion or sanction), nor a court of anything but its proceedings."""
        name = c.name.casefold()
        allowed = COURT_EVENTS if any(w in name for w in ("court", "tribunal")) else (
            DIPLOMATIC_EVENTS if any(w in name for w in ("foreign", "state department")) else None)
        if allowed is not None:
            return etype in allowed
        return not any(w in name for w in NOT_ENFORCEMENT)

    def _bodies_of_kind(self, kind: str) -> list[Cluster]:
        """The state bodies of a kind ("police", "prosecution", "court") the article names by a
        proper name, most mentioned first: "Crown Prosecution Service", "Metropolitan Police",
        not "British prosecutors" or "national security police"."""
        stems = KIND_STEMS[kind]
        gaz = load_gazetteer()
        found = []
        for c in self.clusters:
            if c.type != "GovernmentBody" or c.synthetic:
                continue
            names = [c.name, *c.aliases]
            if not any(w.casefold().startswith(stems) for n in names for w in n.split()):
                continue
            words = c.name.replace("’", "'").split()
            if not all(w[:1].isupper() or not w[:1].isalpha() or w in ("of", "for", "and", "the", "on")
                       for w in words):
                continue  # a description, not a name
            rest = [w for w in words if not w.casefold().startswith(stems)]
            if not rest or gaz.is_place_or_demonym(" ".join(rest)):
                continue  # "Shenzhen police", "Russian court": named only by a place
            found.append(c)
        return sorted(found, key=lambda c: (-len(c.mentions), c.first))

    def _specific_body(self, c: Cluster) -> Cluster:
        """"British prosecutors", "Indian police" when the article names the body: that body
        ("Crown Prosecution Service")."""
        if c.type != "GovernmentBody":
            return c
        words = c.name.replace("’", "'").split()
        kind = ACTOR_KINDS.get(words[-1].casefold().rstrip("s")) if words else None
        if kind is None or kind == "court" or len(words) < 2 or not load_gazetteer().is_place_or_demonym(
                " ".join(words[:-1])):
            return c
        named = self._bodies_of_kind(kind)
        return named[0] if named else c

    def _named_court(self, c: Cluster) -> Cluster:
        """"A Russian court sentenced": the court the article names, when it names one."""
        if c.type == "GovernmentBody" and c.gaz_id is None and c.name.casefold().split()[-1:] == ["court"] \
                and len(c.name.split()) <= 2:
            named = [k for k in self.resolver.courts() if k is not c and len(k.name.split()) > 2]
            if named:
                return named[0]
        return c

    def _body_for_country(self, c: Cluster, etype: str | None = None) -> Cluster:
        """"China has fined X", "Beijing has fined X": the state body of that country the article
        names most, if any. A country that sanctions or expels ("The United States and Britain
        imposed sanctions") acts through the body the article names for that act (its sanctions
        office, treasury or foreign ministry), if it names one."""
        if c.type != "Place" or c.country is None:
            return c
        bodies = [b for b in self.clusters if b.type == "GovernmentBody" and b.country == c.country
                  and not b.synthetic]
        words = ACT_BODY_WORDS.get(etype or "")
        if words is not None:
            ranked = [(next(i for i, w in enumerate(words) if w in n), b) for b in bodies
                      if (n := " ".join([b.name, *b.aliases]).casefold()) and any(w in n for w in words)]
            if ranked:
                return min(ranked, key=lambda x: (x[0], -len(x[1].mentions), x[1].first))[1]
        if not bodies:
            return c
        generic = [b for b in bodies if b.name.casefold().endswith(("authorities", "government"))]
        return max(generic or bodies, key=lambda b: (len(b.mentions), -b.first))

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
        if ev.type == "LawRevision":
            ev.laws = self.laws_for_revision(tok, heads)
            if not ev.laws:
                return None
        else:
            ev.targets = self._targets(res, heads, ev.type)
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
            if not ev.targets:
                return None
            ev.laws = res.laws_in(law_phrases(tok))
        places = res.places_in([c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "at")]
                               + heads)
        countries = set(load_gazetteer().country_name.values())
        cities = [p for p in places if p.name not in countries]
        ev.location = (cities or places)[0] if places else None
        self.agents_for(ev)
        ev.targets = [c for c in ev.targets if c not in ev.agents]
        if not ev.targets and ev.type != "LawRevision":
            return None
        self.date_for(ev)
        ev.confidence = min(0.95, ev.confidence + (0.1 if ev.agents else 0) + (0.05 if ev.date else 0))
        return ev

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
        ents = self.resolver.agent_entities(subj)[0] if subj.pos_ == "PRON" else self.resolver.entities(subj)
        return any(c.type in ("Company", "Organization") for c in ents)

    @staticmethod
    def _targets(res: Resolver, heads: list[Token], etype: str) -> list[Cluster]:
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
                self.anchor = ev.date
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
