"""Learned argument attachment: which of the document's entities are an event's agents and targets.

With the gold triggers, event F1 on the tune split stays near 0.56: an event only counts when
its targets (and, for agent F1, its agents) are the ones the gold names, and the gold reads them
from the whole document ("the firm", "it", an agent named two paragraphs earlier, the acting
state's authorities). The rules read arguments from the trigger's own phrases. This model scores
every (event, entity, role) pair the document offers: the entities named in the trigger's
sentence and the sentences on either side, the rules' own choices, every state body of the
document, and the jurisdiction's "X authorities" (SCHEMA.md's convention for an agent the text
leaves implicit). Features are hashed strings (``features.hashed``): role, entity type,
dependency path from trigger to mention, distance, sentence offset, whether the rules chose it,
trigger lemma and event type, gazetteer and country, mentions and first position in the document,
and the candidate's role in the story per SCHEMA.md: a court (named, or "a court in X"), whether
the story names a court or any body of the acting state, how the mention stands to the trigger's
clause (its subject, "by" X, the owner of the trigger noun); for an agent, the story's actor (the
agent of the event told before, or of another event of the same target; how often the body acts in
the document; how far away it is named). The acting state's unnamed police
or prosecutors ("Tunisian police") are candidates where the trigger's sentence speaks of them.

The rules' choices are candidates and features, not verdicts. Decisions use thresholds chosen
on the tune split (``train_arguments.py``): drop a rule argument whose probability is below
``drop`` (0 = never); then add the best candidate of a role left empty (or, where tune says so,
one beside the kept ones) when its probability reaches ``add``. A trigger whose phrases named no
target ("Both were detained in September", "fined him") is pending (``EventExtractor.pending``):
its candidates are the persons and firms named before it or in the next sentence, weighed by the
co-reference features of ``coreference.py``; it becomes an event when its best target reaches
``add["pending"]`` and the event scorer keeps it. Then the same real event told twice (same
type, a shared target, compatible dates) becomes one (``complete``). Each argument's
probability is kept on the event (``Event.argument_probability``, only for arguments a candidate
judged) and written beside the SCHEMA.md fields as ``argument_probabilities``. Nothing here runs
unless ``arguments.npz`` exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Token

from ingest.extract.arguments import REPORTING
from ingest.extract.courts import court_named, unnamed_body
from ingest.extract.event_agents import can_act, name_bodies, only_reports
from ingest.extract.event_dates import merge_events
from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.learned import episode
from ingest.extract.learned.coreference import KINDS, TargetContext, acts, story_agents, target_slot
from ingest.extract.learned.coreference import bucket as _bucket
from ingest.extract.learned.features import DIM, event_features, hashed
from ingest.extract.learned.logreg import load_weights, save_weights
from ingest.extract.learned.model import LearnedModel
from ingest.extract.stage_records import Cluster, Event, state_body
from ingest.extract.state_actors import NOT_ENFORCEMENT
from ingest.extract.vocabulary import ACTORS, table, words

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "learned" / "arguments.npz"
FORMAT = 1
ROLES = ("agent", "target")
#: Entity types that may fill each role (a rule's own choice is scored whatever its type): a
#: state body acts; any other actor is acted on (a state body too, in a Sanction).
AGENT_TYPES = ("GovernmentBody",)
TARGET_TYPES = tuple(sorted(ACTORS - set(AGENT_TYPES)))
#: Events whose target may be a state body: a sanctioned ministry, an embassy whose diplomats are
#: expelled, a consulate closed.
STATE_TARGETS = words("state_target_events")
#: Longest dependency path (in arcs) spelled out as a feature; longer ones are "long".
MAX_PATH = 4
#: A word of the trigger's sentence (lemma) -> the acting state's unnamed body it stands for.
STATE_WORDS = table("unnamed_state_bodies")


@dataclass
class Candidate:
    """One (event, entity, role) pair with its features."""

    event: int
    cluster: Cluster
    role: str
    chosen: bool
    features: list[str] = field(default_factory=list)
    pending: bool = False
    #: never added: an agent named outside the event's sentence and not tied to the event's
    #: episode (``episode.py``; only while ``episode.GATE`` is on), or a body that only reports
    #: and cannot do this act (``event_agents.only_reports``)
    outside: bool = False


@dataclass
class Decisions:
    """Thresholds chosen on tune, per role: add the best unchosen candidate at ``add`` or above
    (1.01 never adds); drop a rule argument below ``drop`` (0.0 never drops). ``add["pending"]``
    is the threshold for the target of a pending event (a trigger whose phrases named none)."""

    add: dict[str, float] = field(default_factory=lambda: {r: 1.01 for r in (*ROLES, "pending")})
    drop: dict[str, float] = field(default_factory=lambda: {r: 0.0 for r in ROLES})
    #: per role: add only where the rules (after any drop) left the role empty
    only_empty: dict[str, bool] = field(default_factory=lambda: {r: True for r in ROLES})


def dep_path(a: Token, b: Token) -> str:
    """The dependency arcs from ``a`` up to the lowest common head and down to ``b``."""
    up = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(up)}
    down: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in pos:
            rise = [x.dep_ for x in up[:pos[t.i]]]
            fall = [x.dep_ for x in reversed(down)]
            if len(rise) + len(fall) > MAX_PATH:
                return "long"
            return "^".join(rise) + "|" + "v".join(fall)
        down.append(t)
    return "none"


class Attacher:
    """Candidates and features of one document's events."""

    def __init__(self, doc: Doc, clusters: list[Cluster]) -> None:
        self.doc = doc
        self.clusters = clusters
        self.sents = list(doc.sents)
        self.sent_of: dict[int, int] = {}
        for k, s in enumerate(self.sents):
            for i in range(s.start, s.end):
                self.sent_of[i] = k
        ranked = sorted((c for c in clusters if c.type == "GovernmentBody"), key=lambda c: -len(c.mentions))
        self.body_rank = {c.id: r for r, c in enumerate(ranked)}
        #: a court the story names (SCHEMA.md: it acts in the story's sentences and convictions)
        self.named_court = any(court_named(c) and not unnamed_body(self.doc, c) for c in ranked)
        #: countries of the state bodies the story names (is "X authorities" the acting state's?)
        self.body_countries = {c.country for c in ranked if c.country and not c.synthetic}
        #: the unnamed state bodies made for this document (``stage_records.state_body``), and the
        #: names of all offered as candidates, made or already known
        self.state_bodies: dict[str, Cluster] = {}
        self.offered: set[str] = set()
        self.coref = TargetContext(clusters, self.sent_of)
        #: per body, how many of its mentions act (the subject of a verb, the "by" of a passive):
        #: the story's actors, wherever the event that names none is told
        self.acting = {c.id: sum(1 for m in c.mentions if m.end > m.start and acts(doc[m.start:m.end].root))
                       for c in ranked}

    def candidates(self, events: list[Event], authorities: list[Cluster | None],
                   pending_from: int | None = None) -> list[Candidate]:
        """Every (event, entity, role) pair worth scoring; ``authorities`` holds, per event, the
        jurisdiction's "X authorities" entity (or None); events from ``pending_from`` on are
        pending (their phrases named no target; their candidates reach further back)."""
        first_pending = len(events) if pending_from is None else pending_from
        elsewhere = [{(r, c.name.casefold()) for o in events if o is not ev
                                 for r, args in (("agent", o.agents), ("target", o.targets)) for c in args}
                                for ev in events]
        story = story_agents(events[:first_pending], events)
        episodes = episode.Episodes(self.clusters, events, self.sent_of) if episode.GATE else None
        out: list[Candidate] = []
        for e, ev in enumerate(events):
            here = self.sent_of.get(ev.trigger.i, 0)
            pending = e >= first_pending
            slot = target_slot(ev)
            # a pending trigger may be no event at all (background, a re-mention): what the event
            # scorer reads of an event, for its candidates to carry
            told = [f"pe:{x}" for x in event_features(self.doc, [*events[:first_pending], ev])[-1]] if pending else []
            for role in ROLES:
                if role == "target" and ev.type == "LawRevision":
                    continue
                chosen = ev.agents if role == "agent" else ev.targets
                other = ev.targets if role == "agent" else ev.agents
                seen: set[str] = set()
                pool = list(chosen) + [c for c in self.clusters if self._eligible(c, role, ev, here, pending)]
                auth = authorities[e] if role == "agent" else None
                if auth is not None:
                    pool += [auth, *self._state_bodies(ev, auth)]
                for c in pool:
                    key = c.name.casefold()
                    if key in seen or (c in other and c not in chosen):
                        continue
                    seen.add(key)
                    picked = any(x.name.casefold() == key for x in chosen)
                    f = self.features(ev, c, role, picked, chosen, auth)
                    f += [f"elsewhere={r}|{role}" for r in ROLES if (r, key) in elsewhere[e]]
                    if role == "agent":
                        f += [f"story={k}|{ev.type}" for k in ("prev", "target") if key in story[e][k]]
                    if role == "target":
                        f += self.coref.features(ev, c, slot, pending) + told
                    outside = role == "agent" and not picked and (
                        (episodes is not None and not episodes.tied(ev, c))
                        or (only_reports(self.doc, c) and not can_act(c, ev.type)))
                    out.append(Candidate(e, c, role, picked, f, pending, outside))
        return out

    def _state_bodies(self, ev: Event, auth: Cluster) -> list[Cluster]:
        """The acting state's unnamed police or prosecutors ("Tunisian police"), when the
        trigger's sentence speaks of them: the gold names them so (SCHEMA.md, implicit agents)."""
        demonym = load_gazetteer().country_demonym.get(auth.country or "")
        if not demonym:
            return []
        lemmas = {t.lemma_.casefold() for t in ev.sent}
        out = []
        for lemma, word in STATE_WORDS.items():
            if lemma not in lemmas:
                continue
            name = f"{demonym} {word}"
            self.offered.add(name.casefold())
            out.append(state_body(name, auth.country, self.clusters, self.state_bodies, 20_000, ev.trigger.i))
        return out

    def _role_in_clause(self, ev: Event, root: Token) -> str | None:
        """How the mention stands to the trigger's clause: its subject, the "by" agent of a
        passive, the owner of the trigger noun, the subject of the verb the trigger hangs from."""
        trig = ev.trigger
        if root.head.i == trig.i and root.dep_ in ("nsubj", "poss", "compound"):
            return root.dep_
        if root.dep_ == "pobj" and root.head.dep_ == "agent" and root.head.head.i == trig.i:
            return "by"
        if root.dep_ == "nsubj" and trig.head.i == root.head.i and trig.i != root.head.i:
            return "subj_of_head"
        return None

    def _eligible(self, c: Cluster, role: str, ev: Event, here: int, pending: bool = False) -> bool:
        types = AGENT_TYPES if role == "agent" else TARGET_TYPES + (AGENT_TYPES if ev.type in STATE_TARGETS else ())
        if c.type not in types:
            return False
        if role == "agent":
            return True  # a state body anywhere in the document may act (SCHEMA.md)
        real = [m for m in c.mentions if m.end > m.start]
        if pending:  # "the entrepreneur was detained": anyone named before, or in the next sentence (a
            # lead that names its subject after); a name later in the trigger's own sentence that the
            # rules did not attach is another clause's ("searched the building without detaining X")
            return c.type in KINDS and any(m.start < ev.trigger.i or self.sent_of.get(m.start, -99) == here + 1
                                           for m in real)
        return any(abs(self.sent_of.get(m.start, -99) - here) <= 1 for m in real)

    def features(self, ev: Event, c: Cluster, role: str, picked: bool, chosen: list[Cluster],
                 auth: Cluster | None) -> list[str]:
        trig = ev.trigger
        lemma = trig.lemma_.casefold()
        t = f"{role}|{c.type}"
        f = ["bias", f"role={role}", f"t={t}", f"ev={ev.type}|{t}", f"lemma={lemma}|{role}",
             f"picked={picked}|{role}", f"picked={picked}|{t}", f"n_chosen={min(len(chosen), 2)}|{role}",
             f"n_chosen={min(len(chosen), 2)}|picked={picked}|{role}"]
        if c.gaz_id:
            f.append(f"gaz|{role}")
        if c.synthetic:
            f.append(f"synthetic|{role}|{ev.type}")
        if c.synthetic and c.name.casefold() in self.offered:
            f.append(f"state_body={c.name.split()[-1]}|{ev.type}|n_chosen={min(len(chosen), 1)}")
        if c is auth or (auth is not None and c.name.casefold() == auth.name.casefold()):
            f.append(f"authorities|{role}|n_chosen={min(len(chosen), 1)}")
        if c.country:
            f.append(f"country|{t}")
            if auth is not None:
                f.append(f"home={c.country == auth.country}|{t}")
        words = c.name.casefold().split()
        if words:
            f += [f"last={words[-1]}|{role}", f"last={words[-1]}|{ev.type}|{role}"]
            f += [f"w={w}|{ev.type}|{role}" for w in words[:6] if w.isalpha()]
        f.append(f"mentions={_bucket(len(c.mentions))}|{t}")
        if c.type == "GovernmentBody":
            f.append(f"body_rank={min(self.body_rank.get(c.id, 9), 3)}|{role}")
            f.append(f"acting={_bucket(self.acting.get(c.id, 0))}|{role}")
            court = court_named(c)
            generic = unnamed_body(self.doc, c)
            f += [f"court={court}|generic={generic}|{ev.type}|{role}", f"generic={generic}|{role}"]
            ground = not any(w in c.name.casefold() for w in NOT_ENFORCEMENT)  # not a court, ministry abroad
            f.append(f"ground={ground}|{ev.type}|{role}")
            if c.synthetic:
                f += [f"named_court={self.named_court}|{ev.type}|{role}",
                      f"state_named={c.country in self.body_countries}|{role}"]
        real = [m for m in c.mentions if m.end > m.start]
        if not real:
            return [*f, f"nomention|{t}"]
        first = self.sent_of.get(real[0].start, 0)
        f.append(f"first_sent={_bucket(first)}|{t}")
        here = self.sent_of.get(trig.i, 0)
        m = min(real, key=lambda m: (abs(self.sent_of.get(m.start, 0) - here), abs(m.start - trig.i)))
        offset = self.sent_of.get(m.start, 0) - here
        near = "same" if offset == 0 else "prev" if offset == -1 else "next" if offset == 1 else (
            "before" if offset < 0 else "after")
        f += [f"sent={near}|{t}", f"sent={near}|{ev.type}|{role}", f"sent={near}|picked={picked}|{role}"]
        if near in ("before", "after"):
            f.append(f"gap={_bucket(abs(offset))}|{near}|{t}")
        dist = abs(m.start - trig.i)
        f.append(f"dist={_bucket(dist)}|{'L' if m.start < trig.i else 'R'}|{role}")
        root = self.doc[m.start:m.end].root
        f += [f"mdep={root.dep_}|{role}", f"mhead={root.head.lemma_.casefold()}|{role}"]
        if root.dep_ == "nsubj" and root.head.lemma_.casefold() in REPORTING:
            f += [f"speaker|{t}", f"speaker|{ev.type}|{role}", f"speaker|sent={near}|{role}"]
            if c.type == "GovernmentBody":
                f.append(f"speaker|ground={ground}|{ev.type}|{role}")
        clause = self._role_in_clause(ev, root) if near == "same" else None
        if clause:
            f += [f"clause={clause}|{t}", f"clause={clause}|{ev.type}|{role}", f"clause={clause}|picked={picked}"]
        if near == "same":
            path = dep_path(trig, root)
            f += [f"path={path}|{role}", f"path={path}|{t}", f"path={path}|{lemma}|{role}"]
            if root.head.i == trig.i:
                f.append(f"child={root.dep_}|{role}")
        if c.type == "GovernmentBody" and root.dep_ in ("nsubj", "agent", "pobj") and root.head.pos_ == "VERB":
            f.append(f"acts={root.head.lemma_.casefold()}|{role}")
        return f


@dataclass
class ArgumentModel:
    """One binary logistic regression over all roles (the role is a feature) and the decisions."""

    weights: NDArray[np.float32]
    decisions: Decisions = field(default_factory=Decisions)
    meta: dict[str, Any] = field(default_factory=dict)

    def proba(self, cands: list[Candidate]) -> list[float]:
        """The probability that each candidate is an argument of its event in that role."""
        if not cands:
            return []
        z = np.array([self.weights[hashed(c.features)].sum(axis=0) for c in cands], dtype=np.float32)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return [float(p) for p in (e[:, 0] / e.sum(axis=1))]

    def save(self, path: Path) -> None:
        head = {"format": FORMAT, "dim": DIM, "add": self.decisions.add, "drop": self.decisions.drop,
                "only_empty": self.decisions.only_empty, "meta": self.meta}
        save_weights(path, head, weights=self.weights)

    @classmethod
    def load(cls, path: Path) -> ArgumentModel:
        head, w = load_weights(path, ("weights",), "argument model", FORMAT)
        return cls(w["weights"], Decisions(dict(head["add"]), dict(head["drop"]), dict(head["only_empty"])),
                   head.get("meta", {}))


def decide(events: list[Event], cands: list[Candidate], probs: list[float], decisions: Decisions) -> None:
    """Apply the decisions to the events in place, and record each kept argument's probability.
    A rule target below ``drop`` gives way only to a candidate at ``add`` or above (an event keeps
    at least one target: it is what identifies it); a pending event takes its best target
    candidate at ``add["pending"]`` or above."""
    by_event: dict[int, list[tuple[Candidate, float]]] = {}
    for c, p in zip(cands, probs, strict=True):
        by_event.setdefault(c.event, []).append((c, p))
    for e, pairs in by_event.items():
        ev = events[e]
        for role in ROLES:
            mine = [(c, p) for c, p in pairs if c.role == role]
            args = ev.agents if role == "agent" else ev.targets
            pending = role == "target" and any(c.pending for c, _ in mine)
            add = decisions.add.get("pending", 1.01) if pending else decisions.add[role]
            drop = decisions.drop[role]
            kept = [a for a in args if not any(c.cluster is a and p < drop for c, p in mine)]
            fresh = [(c, p) for c, p in mine if not c.chosen and not c.outside and p >= add]
            if role == "target" and not kept and not fresh:
                kept = list(args)
            if fresh and not (kept and decisions.only_empty[role]):
                best = max(fresh, key=lambda x: x[1])[0].cluster
                if all(best.name.casefold() != a.name.casefold() for a in kept):
                    kept.append(best)
            args[:] = kept
            probability = {c.cluster.name.casefold(): p for c, p in mine}
            for a in args:  # an argument no candidate judged stays unjudged: no probability made up
                if a.name.casefold() in probability:
                    ev.argument_probability[(role, a.name)] = round(probability[a.name.casefold()], 3)


def complete(doc: Doc, events: list[Event], pending: list[Event], scorer: LearnedModel | None) -> list[Event]:
    """The document's events once the attacher has decided: the pending events it gave a target
    join them if the event scorer keeps them (as it judged every other event), and the same real
    event told twice (same type, a shared target, compatible dates: a re-mention now named by
    its full target) becomes one, the first mention kept."""
    rescued = [ev for ev in pending if ev.targets]
    if rescued and scorer is not None:
        probs = scorer.event_probabilities(doc, [*events, *rescued])[len(events):]
        for ev, p in zip(rescued, probs, strict=True):
            ev.confidence = p
        rescued = [ev for ev, p in zip(rescued, probs, strict=True) if p >= scorer.thresholds.event]
    return merge_events(sorted([*events, *rescued], key=lambda ev: ev.trigger.i))


def attach(model: ArgumentModel, doc: Doc, clusters: list[Cluster], events: list[Event],
           authorities: list[Cluster | None], pending: list[Event] | None = None,
           scorer: LearnedModel | None = None) -> tuple[list[Cluster], list[Event]]:
    """Score and decide the arguments of a document's events and pending events (``authorities``
    per event, then per pending event); the entities an added argument needs that ``clusters``
    no longer holds (the typer may have left an unused name out) are appended, so every argument
    names an entity of the document."""
    pending = pending or []
    cands = Attacher(doc, clusters).candidates([*events, *pending], authorities, len(events))
    decide([*events, *pending], cands, model.proba(cands), model.decisions)
    name_bodies([*events, *pending], clusters)
    events = complete(doc, events, pending, scorer)
    have = {c.id for c in clusters}
    extra = [c for ev in events for c in ev.targets if c.id not in have]
    return clusters + list({c.id: c for c in extra}.values()), events


@cache
def load_shipped(path: Path = SHIPPED) -> ArgumentModel | None:
    """The shipped argument model, or None when it has not been built."""
    return ArgumentModel.load(path) if path.exists() else None
