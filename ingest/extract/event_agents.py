"""Who acted: the agent stage of an event, from its subject, its sentence or the article.

An event's agent is the state body its subject names (``StateActors`` reads generic subjects
such as "tax officials" or "the bureau"); a country stands for the body the article names for
that act ("the United States sanctioned X" -> its sanctions office); bare "authorities" or
"police" become the jurisdiction's authorities ("Chinese authorities"), a synthetic entity. An
event told without an agent takes the actor of the event before it in the same sentence, the
court or prosecution the article names for these proceedings, or the authority quoted.
"""

from __future__ import annotations

from collections import Counter
from itertools import islice

from spacy.tokens import Doc

from ingest.extract.argument_entities import ArgumentEntities
from ingest.extract.arguments import ORDERING_VERBS, REPORTING, EntityIndex, _prep_objects, syntactic_agent
from ingest.extract.clause_subjects import small_clause_subjects
from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.mission_targets import is_mission
from ingest.extract.stage_records import Cluster, Event, state_body
from ingest.extract.state_actors import KIND_STEMS, NOT_ENFORCEMENT, StateActors
from ingest.extract.vocabulary import kinds, table, words

# Generic actor words and the kind of body they stand for; a body is of a kind when a word of
# its name (or alias) starts with one of the kind's stems ("Crown Prosecution Service").
ACTOR_KINDS = table("actor_kinds")
# The article's own proceedings, spoken of as known: "after the trial at X", "the verdict".
PROCEEDINGS_NOUNS = words("proceedings_nouns")
LEAD_SENTENCES = 3  # an event told this early is the article's story, whatever court it names
# The bodies through which a country performs an act, the likeliest first: "the United States
# sanctioned X" -> its sanctions office, else its treasury or foreign ministry.
ACT_BODY_WORDS = kinds("act_body_words")
COURT_EVENTS = words("court_events")
DIPLOMATIC_EVENTS = words("diplomatic_events")


def can_act(c: Cluster, etype: str) -> bool:
    """Whether a body a report is attributed to can have done the act: "..., the State Security
    Bureau said" of a detention, not "..., the foreign ministry said" or "..., the embassy
    said" (unless of an expulsion or sanction), nor a court of anything but its proceedings."""
    name = c.name.casefold()
    allowed = COURT_EVENTS if any(w in name for w in ("court", "tribunal")) else (
        DIPLOMATIC_EVENTS if any(w in name for w in ("foreign", "state department")) else None)
    if allowed is not None:
        return etype in allowed
    return not any(w in name for w in NOT_ENFORCEMENT)


def only_reports(doc: Doc, c: Cluster) -> bool:
    """A state body the story names only as the speaker of a report ("..., the Ruritanian Foreign
    Ministry said"): every mention is the subject of a reporting verb. The learned attacher never
    adds such a body as the agent of an act its kind cannot do (``can_act``)."""
    real = [m for m in c.mentions if m.end > m.start]
    if c.type != "GovernmentBody" or not real:
        return False
    roots = [doc[m.start:m.end].root for m in real]
    return all(r.dep_ == "nsubj" and r.head.lemma_.casefold() in REPORTING for r in roots)


def bodies_of_kind(clusters: list[Cluster], kind: str) -> list[Cluster]:
    """The state bodies of a kind ("police", "prosecution", "court") the article names by a
    proper name, most mentioned first: "Crown Prosecution Service", "Metropolitan Police",
    not "British prosecutors" or "national security police"."""
    stems = KIND_STEMS[kind]
    gaz = load_gazetteer()
    found = []
    for c in clusters:
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


def specific_body(clusters: list[Cluster], c: Cluster) -> Cluster:
    """"British prosecutors", "Indian police" when the article names the body: that body
    ("Crown Prosecution Service"); any other entity is itself. The rules' agents and the learned
    attacher's candidates both read a description so: one referent, one agent."""
    if c.type != "GovernmentBody":
        return c
    words = c.name.replace("’", "'").split()
    kind = ACTOR_KINDS.get(words[-1].casefold().rstrip("s")) if words else None
    if kind is None or kind == "court" or len(words) < 2 or not load_gazetteer().is_place_or_demonym(
            " ".join(words[:-1])):
        return c
    named = bodies_of_kind(clusters, kind)
    return named[0] if named else c


def name_bodies(events: list[Event], clusters: list[Cluster]) -> None:
    """An agent the learned attacher added as a description of a body the article names ("British
    prosecutors" where it names the Crown Prosecution Service) becomes that body, with the
    description's probability, as the rules' agents do (``event_agents.specific_body``): one
    referent, one agent. The attacher calls it after its decisions, so its training and thresholds read as before."""
    for ev in events:
        named: list[Cluster] = []
        for a in ev.agents:
            body = specific_body(clusters, a)
            p = ev.argument_probability.pop(("agent", a.name), None) if body is not a else None
            if body in named or (body is not a and body in ev.targets):
                continue
            named.append(body)
            if p is not None:
                ev.argument_probability[("agent", body.name)] = p
        ev.agents[:] = named


class EventAgents:
    """The agent stage for one document; keeps the synthetic "X authorities" it had to make."""

    def __init__(self, doc: Doc, clusters: list[Cluster], index: EntityIndex, phrases: ArgumentEntities,
                 state_actors: StateActors) -> None:
        self.doc = doc
        self.clusters = clusters
        self.index = index
        self.phrases = phrases
        self.state_actors = state_actors
        self.synthetic: dict[str, Cluster] = {}

    def jurisdiction(self, ev: Event) -> str | None:
        gaz = load_gazetteer()
        if ev.location is not None and ev.location.country:
            return ev.location.country
        votes: Counter[str] = Counter()
        sending = {t.country for t in ev.targets if is_mission(t)}  # a state does not expel its own envoys
        for c in self.clusters:
            if is_mission(c) or c.country in sending:
                continue  # a state's embassy sits in another state: it tells not where the story acts
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
        return state_body(name, code, self.clusters, self.synthetic, 10_000, ev.trigger.i)

    def agents_for(self, ev: Event, last: Event | None) -> None:
        """Fill ``ev.agents``; ``last`` is the event told before it (which may share its actor)."""
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
            ents, generic = self.state_actors.agent_entities(subj)
            for ent in ents:
                body = specific_body(self.clusters, self._named_court(self._body_for_country(ent, ev.type)))
                if body.type == "Place":  # "Sweden expelled ...", no Swedish body named: its authorities
                    body = self.authorities(ev, "authorities", [body]) or body
                if body not in ev.targets and body not in ev.agents:
                    ev.agents.append(body)
        if not ev.agents and generic is not None and subj is not None:
            auth = self.authorities(ev, generic, self.phrases.places_in([subj]))
            if auth is not None:
                ev.agents = [auth]
        if not ev.agents and last is not None and last.sent.start == ev.sent.start and (
                subj is None or (generic is None and tok.dep_ == "conj")):
            # "deported X after detaining him", "raided X, the country's portal, and detained Y": same actor
            ev.agents = [c for c in last.agents if c not in ev.targets]
        if not ev.agents and subj is None and tok.pos_ == "NOUN":  # "in the custody of the X Bureau"
            ev.agents = [c for p in _prep_objects(tok, ("of",)) for c in self.phrases.entities(p)
                         if c.type == "GovernmentBody" and c not in ev.targets][:1]
        if not ev.agents and ev.type == "Sentence" and subj is None:
            # "X was sentenced to three years": the court the article names for these proceedings
            named = [k for k in self.state_actors.courts() if (len(k.name.split()) > 2 or k.gaz_id)
                     and "supreme" not in k.name.casefold()]  # an appeal court is rarely the one that tried
            ev.agents = [k for k in named if self._near_event(k, ev)][:1]
        if not ev.agents and ev.type == "Charge" and subj is None:
            # "X has been charged": the prosecution service the article names for these proceedings
            ev.agents = [k for k in bodies_of_kind(self.clusters, "prosecution") if self._near_event(k, ev)][:1]
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
                if c.type == "GovernmentBody" and c not in ev.targets and can_act(c, ev.type):
                    return [specific_body(self.clusters, c)]
                continue
            kind = ACTOR_KINDS.get(t.lemma_.casefold())
            if kind is not None and t.tag_ in ("NNS", "NN") and not any(
                    k.dep_ in ("det", "poss") and k.lower_ not in ("the",) for k in t.children):
                named = bodies_of_kind(self.clusters, kind)
                if named:
                    return named[:1]
        return []

    def _named_court(self, c: Cluster) -> Cluster:
        """"A Russian court sentenced": the court the article names, when it names one."""
        if c.type == "GovernmentBody" and c.gaz_id is None and c.name.casefold().split()[-1:] == ["court"] \
                and len(c.name.split()) <= 2:
            named = [k for k in self.state_actors.courts() if k is not c and len(k.name.split()) > 2]
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
                  and not b.synthetic and not is_mission(b)]
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
