"""The shipped learned model: load it, and apply it to one document's rule output.

The model file (``ingest/extract/data/learned/model.npz``) holds two weight matrices and the decision
thresholds chosen on the tune split. ``apply`` retypes rule entities (one the rules typed on
purpose keeps its type: ``features.rule_is_sure``), drops names the typer is sure are not
entities (unless an event uses them), drops rule events the scorer judges not to be a distinct
real event, and sets each kept event's confidence to the scorer's probability. Where the encoder
typer is shipped, it types the names the hashed typer is unsure of (``decisions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ingest.extract.firm_marks import firm_marked
from ingest.extract.learned import encoder_typer
from ingest.extract.learned.encoder_typer import EncoderTyper
from ingest.extract.learned.features import DIM, entity_features, event_features, hashed, rule_is_sure, typer_text
from ingest.extract.learned.logreg import LogReg, Matrix, load_weights, save_weights
from ingest.extract.ner_mentions import load_rules
from ingest.extract.stage_records import Cluster, Event

SHIPPED = Path(__file__).resolve().parents[1] / "data" / "learned" / "model.npz"
NONE = "none"
FORMAT = 1


@dataclass
class Thresholds:
    """Decisions, chosen on the tune split: keep an event at or above ``event``; drop an unused
    entity whose "none" probability reaches ``drop``; retype when the new type's probability
    beats the rule type's by ``margin``."""

    event: float = 0.5
    drop: float = 1.01
    margin: float = 1.01


@dataclass(frozen=True)
class Asked:
    """What ``LearnedModel.ask`` computed before the events stage: per entity the typer reads
    (``_key``), the hashed typer's probabilities."""

    keys: list[tuple[Any, ...]]
    probs: Matrix


def _key(c: Cluster) -> tuple[Any, ...]:
    """All of an entity that the typers read (``entity_features``, ``typer_text``,
    ``rule_is_sure``, ``firm_marked``): equal keys, equal probabilities."""
    return (c.name, c.type, c.gaz_id, c.country, c.synthetic,
            tuple((m.start, m.end, m.source, m.strength) for m in c.mentions))


def _unsure(doc: Doc, clusters: list[Cluster], probs: Matrix, cascade: float) -> list[int]:
    """The clusters the encoder reads: the hashed typer's top probability below ``cascade``, and
    no firm's own marks around a mention."""
    staff = load_rules().employer_context
    return [i for i, p in enumerate(probs) if float(p.max()) < cascade
            and not any(firm_marked(doc[m.start:m.end], staff) for m in clusters[i].mentions)]


@dataclass
class LearnedModel:
    typer: LogReg
    scorer: LogReg
    thresholds: Thresholds = field(default_factory=Thresholds)
    meta: dict[str, Any] = field(default_factory=dict)
    #: the typer that reads text (``encoder_typer.py``); when set, it types the names ``typer`` is
    #: unsure of (``decisions``)
    encoder: EncoderTyper | None = None

    def save(self, path: Path) -> None:
        head = {"format": FORMAT, "dim": DIM, "typer_classes": self.typer.classes,
                "scorer_classes": self.scorer.classes, "thresholds": vars(self.thresholds), "meta": self.meta}
        save_weights(path, head, typer=self.typer.weights, scorer=self.scorer.weights)

    @classmethod
    def load(cls, path: Path) -> LearnedModel:
        head, w = load_weights(path, ("typer", "scorer"), "learned model", FORMAT)
        return cls(LogReg(w["typer"], head["typer_classes"]), LogReg(w["scorer"], head["scorer_classes"]),
                   Thresholds(**head["thresholds"]), head.get("meta", {}))

    def event_probabilities(self, doc: Doc, events: list[Event]) -> list[float]:
        probs = self.scorer.proba([hashed(f) for f in event_features(doc, events)])
        return [float(p) for p in probs[:, self.scorer.classes.index("event")]]

    def typer_probabilities(self, doc: Doc, clusters: list[Cluster]) -> Matrix:
        """The hashed typer's probabilities of each cluster, columns ``self.typer.classes``."""
        return self.typer.proba([hashed(entity_features(doc, c)) for c in clusters])

    def with_encoder(self, encoder: EncoderTyper | None) -> LearnedModel:
        """This model with ``encoder`` typing the names the hashed typer is unsure of, or the
        hashed typer alone when it is None."""
        return replace(self, encoder=encoder)

    def typer_thresholds(self) -> tuple[float, float]:
        """``drop`` and ``margin`` of the hashed typer (the encoder carries its own)."""
        return self.thresholds.drop, self.thresholds.margin

    def ask(self, doc: Doc, clusters: list[Cluster]) -> Asked | None:
        """Send the encoder, before the events stage, the names it will read of the entities
        linking found (``retype`` reads the answer): the child reads them while this process
        finds the events. Only an answer to the very names ``decisions`` then asks is used."""
        if self.encoder is None:
            return None
        todo = [c for c in clusters if not rule_is_sure(c)]
        probs = self.typer_probabilities(doc, todo)
        self.encoder.submit([typer_text(doc, todo[i], self.encoder.window)
                             for i in _unsure(doc, todo, probs, self.encoder.cascade)])
        return Asked([_key(c) for c in todo], probs)

    def decisions(self, doc: Doc, clusters: list[Cluster],
                  asked: Asked | None = None) -> list[tuple[Any, float, float]]:
        """Each cluster's probabilities (columns ``self.typer.classes``) with the ``drop`` and
        ``margin`` to read them by. The hashed typer reads every name; with an encoder, a name
        whose hashed top probability is below the encoder's ``cascade`` is read by the encoder
        instead, with the encoder's thresholds (both chosen on tune), unless a firm's own marks
        typed it (``firm_marks.firm_marked``: the encoder took "Zentrix (ZTX)" for a place).
        ``asked``: what ``ask`` computed and sent for these clusters, if they are still the same."""
        if asked is not None and asked.keys == [_key(c) for c in clusters]:
            probs = asked.probs
        else:
            probs = self.typer_probabilities(doc, clusters)
        out: list[tuple[Any, float, float]] = [(p, *self.typer_thresholds()) for p in probs]
        if self.encoder is not None:
            unsure = _unsure(doc, clusters, probs, self.encoder.cascade)
            if unsure:
                read = self.encoder.probabilities(doc, [clusters[i] for i in unsure], self.typer.classes)
                for i, p in zip(unsure, read, strict=True):
                    out[i] = (p, self.encoder.drop, self.encoder.margin)
        return out

    def retype(self, doc: Doc, clusters: list[Cluster], used: set[int], asked: Asked | None = None) -> list[Cluster]:
        """Clusters with their learned types; sure non-entities dropped unless ``used``."""
        todo = [c for c in clusters if not rule_is_sure(c)]
        classes = self.typer.classes
        dropped: set[int] = set()
        for c, (p, drop, margin) in zip(todo, self.decisions(doc, todo, asked), strict=True):
            if p[classes.index(NONE)] >= drop and c.id not in used:
                dropped.add(c.id)
                continue
            best = max((k for k in classes if k != NONE), key=lambda k: p[classes.index(k)])
            rule = p[classes.index(c.type)] if c.type in classes else 0.0
            if best != c.type and p[classes.index(best)] - rule >= margin:
                c.type = best
        return [c for c in clusters if c.id not in dropped]

    def apply(self, doc: Doc, clusters: list[Cluster], events: list[Event],
              asked: Asked | None = None) -> tuple[list[Cluster], list[Event]]:
        probs = self.event_probabilities(doc, events)
        kept = []
        for ev, p in zip(events, probs, strict=True):
            if p >= self.thresholds.event:
                ev.confidence = p
                kept.append(ev)
        used = {c.id for ev in kept for c in [*ev.agents, *ev.targets, *ev.laws]}
        used |= {ev.location.id for ev in kept if ev.location}
        return self.retype(doc, clusters, used, asked), kept


@cache
def load_shipped(path: Path = SHIPPED) -> LearnedModel | None:
    """The shipped model, or None when it has not been built (the rules then work alone); its
    typer is the encoder when ``encoder_typer`` finds one shipped."""
    if not path.exists():
        return None
    return LearnedModel.load(path).with_encoder(encoder_typer.load_shipped())
