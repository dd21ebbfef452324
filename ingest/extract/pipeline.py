"""The extraction pipeline: documents in, ``Extraction`` records out.

Components, each usable alone and with typed inputs and outputs:

    reader (readers.py)        path -> Document
    NLP (nlp.py)               Document.text -> spaCy Doc
    entity linking             Doc -> list[Cluster]           (mentions.py, linking.py; with the
                                                              learned NER, learned/ner.py, when built)
    event extraction + dates   Doc, clusters, published -> list[Event]   (events.py, dates.py)
    learned triggers           extra triggers the rules miss (learned/triggers.py, when built)
    learned judges (learned/)  entity types, event probabilities (only when the model is built)
    learned attacher           agents and targets read from the whole document, targets for the
                               triggers the rules left without one, re-mentions merged (learned/attacher.py)
    judges' courts             a sentence whose agent is a judge also takes the story's court
                               (judge_courts.py)
    unnamed courts             "a Tunis court" as agent: the court the story names, else the
                               state's authorities (unnamed_courts.py); one the attacher dropped
                               comes back for it, and a conjoined act shares the agents of the
                               act it is conjoined to (dropped_actors.py)
    mission agents             an expulsion of a mission's unnamed staff (target: the mission,
                               mission_targets.py) with no agent: the host state's authorities
    actor targets              a target the typer finally calls a place, a sitting leader or judge
                               or the publishing outlet borrowed from outside the event's sentence,
                               a person as a closure's target, dropped (actor_targets.py)
    bare re-mentions           "the arrests" with no target of its own folded into the event it
                               repeats (rementions.py; on while ``rementions.ENABLED``)
    story dates                an event its text leaves undated takes a dated event's date, with
                               basis "story" (story_dates.py)
    status (status.py)         sentences, event -> reported / confirmed / denied / reversed
    assembly (this module)     Document, clusters, events -> Extraction

``Extractor.extract_many`` streams documents through ``nlp.pipe``; with ``workers > 1`` the
documents are spread over a process pool whose workers each load the pipeline once.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from ingest.extract import rementions
from ingest.extract.actor_targets import actor_targets
from ingest.extract.body_forms import add_body_forms
from ingest.extract.dropped_actors import restore_courts, rule_agents, settle
from ingest.extract.events import EventExtractor
from ingest.extract.gazetteer import load_gazetteer
from ingest.extract.judge_courts import add_judges_courts
from ingest.extract.learned import ner as learned_ner
from ingest.extract.learned.attacher import ArgumentModel, attach
from ingest.extract.learned.attacher import load_shipped as load_arguments
from ingest.extract.learned.model import LearnedModel, load_shipped
from ingest.extract.learned.triggers import TriggerModel
from ingest.extract.learned.triggers import load_shipped as load_triggers
from ingest.extract.linking import link_entities
from ingest.extract.mission_targets import mission_agents
from ingest.extract.name_ends import NAME_FUNCTION_WORDS
from ingest.extract.nlp import load_pipeline
from ingest.extract.stage_records import DATE_BASIS, Cluster, Event
from ingest.extract.status import event_status
from ingest.extract.story_dates import fill_story_dates
from ingest.extract.unnamed_courts import name_unnamed_courts
from ingest.records import Document, Evidence, ExtractedEntity, ExtractedEvent, Extraction
from ingest.version import extractor_version

BATCH = 32


def _entity_confidence(c: Cluster) -> float:
    if c.gaz_id:
        return 0.95
    if c.synthetic:
        return 0.6
    base = 0.55 + 0.05 * min(len(c.mentions), 5)
    return round(min(base + (0.1 if len(c.name.split()) > 1 else 0), 0.9), 3)


def _evidence(text: str, start: int, end: int) -> Evidence:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return Evidence(text=text[start:end], start=start, end=end)


def _argument_probabilities(ev: Event) -> dict[str, dict[str, float]]:
    """The attacher's probability of each argument it judged, by record field (serialisation only)."""
    out: dict[str, dict[str, float]] = {}
    for field_name, role, args in (("agents", "agent", ev.agents), ("targets", "target", ev.targets)):
        judged = {c.name: ev.argument_probability[(role, c.name)] for c in args
                  if (role, c.name) in ev.argument_probability}
        if judged:
            out[field_name] = judged
    return out


def described(c: Cluster) -> bool:
    """A state body the text describes rather than names: "foreign ministry", "court in Baku",
    "Turkish court", "Afghan authorities" (a lower-case word other than those names carry)."""
    if c.type != "GovernmentBody" or c.gaz_id is not None:
        return False
    return any(w[:1].islower() and w.casefold() not in NAME_FUNCTION_WORDS and w[1:2] not in ("'", "’")
               for w in c.name.split())


def assemble(document: Document, doc: Doc, clusters: list[Cluster], events: list[Event]) -> Extraction:
    """The ``Extraction`` record: entities that are named (plus agents we had to name), events.
    A body the text only describes is listed where an event uses it (SCHEMA.md lists named
    entities; an implicit agent, "Chinese authorities", is named by its convention)."""
    text = document.text
    gazetteer = load_gazetteer()
    acting = {c.id for ev in events for c in [*ev.agents, *ev.targets, *ev.laws, *filter(None, [ev.location])]}
    used: dict[int, Cluster] = {}
    for c in clusters:
        if c.id in acting or not described(c):
            used[c.id] = c
    for ev in events:
        for c in ev.agents:
            used.setdefault(c.id, c)
    entities = []
    for c in used.values():
        mentions = [_evidence(text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]))
                    for m in c.mentions if m.end > m.start]
        known = gazetteer.entries.get(c.gaz_id) if c.gaz_id else None
        entities.append(ExtractedEntity(
            name=c.name, type=c.type, aliases=c.aliases, country=c.country,
            confidence=_entity_confidence(c), canonical_id=c.gaz_id, mentions=mentions,
            wikidata=known.wikidata if known else None,
        ))
    sentences = list(doc.sents)
    index = {s.start: i for i, s in enumerate(sentences)}
    texts = [s.text for s in sentences]
    reporting = {index.get(ev.sent.start, -1) for ev in events}
    out_events = []
    for ev in events:
        at = index.get(ev.sent.start)
        status = None if at is None else event_status(
            texts, at, ev.type, [n for c in ev.targets for n in (c.name, *c.aliases)], reporting - {at})
        out_events.append(ExtractedEvent(
            type=ev.type, date=ev.date, date_basis=DATE_BASIS.get(ev.date_quality) if ev.date else None,
            effective=ev.effective if ev.type == "LawRevision" else None,
            agents=[c.name for c in ev.agents], targets=[c.name for c in ev.targets],
            location=ev.location.name if ev.location else None, laws=[c.name for c in ev.laws],
            evidence=_evidence(text, ev.sent.start_char, ev.sent.end_char),
            confidence=round(ev.confidence, 3), status=status,
            argument_probabilities=_argument_probabilities(ev),
        ))
    return Extraction(document=document, entities=entities, events=out_events)


class Staged(NamedTuple):
    """What the stages before the attacher hand on: entities, events, per event (then per
    pending event) the entity for its jurisdiction's authorities, and the triggers whose own
    phrases named no target (``EventExtractor.pending``)."""

    clusters: list[Cluster]
    events: list[Event]
    authorities: list[Cluster | None]
    pending: list[Event]


def stages(doc: Doc, published: dt.date | None, proposer: TriggerModel | None,
           learned: LearnedModel | None) -> Staged:
    """Entities, events (rules, learned triggers, learned judges), the jurisdiction's
    authorities of each (a candidate agent of the learned attacher) and the pending triggers."""
    clusters = link_entities(doc)
    asked = learned.ask(doc, clusters) if learned is not None else None  # typed while the events are found
    extractor = EventExtractor(doc, clusters, published, proposer.propose if proposer else None)
    events = extractor.run()
    if learned is not None:
        clusters, events = learned.apply(doc, clusters, events, asked)
    pending = extractor.pending
    return Staged(clusters, events, [extractor.agents.authorities(ev, "authorities") for ev in [*events, *pending]],
                  pending)


def extract_doc(document: Document, doc: Doc, proposer: TriggerModel | None = None,
                scorer: LearnedModel | None = None, arguments: ArgumentModel | None = None) -> Extraction:
    """Entity linking, events and dates for one parsed document; then the learned attacher.
    ``proposer``, ``scorer`` and ``arguments`` stand in for the shipped models (``make train``
    chooses the proposer's threshold on the whole extraction with the models it has just built:
    ``choose_proposer.py``)."""
    scorer = scorer or load_shipped()
    clusters, events, authorities, pending = stages(doc, document.published, proposer or load_triggers(), scorer)
    arguments = arguments or load_arguments()
    authorities_of = {id(ev): a for ev, a in zip([*events, *pending], authorities, strict=True)}
    before = rule_agents([*events, *pending])
    if arguments is not None:
        clusters, events = attach(arguments, doc, clusters, events, authorities, pending, scorer)
    events = add_judges_courts(events, clusters)
    back = restore_courts(doc, events, before)
    events = name_unnamed_courts(doc, events, clusters, authorities_of)
    events = settle(doc, events, back)
    events = mission_agents(events, clusters, authorities_of)
    events = actor_targets(events, document.source)
    if rementions.ENABLED:
        events = rementions.fold_rementions(events)
    events = fill_story_dates(events)
    return assemble(document, doc, add_body_forms(doc, clusters), events)


class Extractor:
    """Holds the loaded pipeline; turns documents into extractions."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.nlp: Language = load_pipeline(model)
        self.version = extractor_version(model)

    def extract(self, document: Document) -> Extraction:
        out = extract_doc(document, self.nlp(document.text))
        out.extractor = self.version
        return out

    def extract_many(self, documents: Iterable[Document], workers: int = 1) -> Iterator[Extraction]:
        if workers > 1:
            yield from _parallel(self.model, documents, workers)
            return
        docs = list(documents) if not isinstance(documents, list) else documents
        parsed = zip(docs, self.nlp.pipe((d.text for d in docs), batch_size=BATCH), strict=True)
        while group := list(islice(parsed, BATCH)):
            learned_ner.annotate([doc for _, doc in group])  # the learned NER reads the group in one batch
            for document, doc in group:
                out = extract_doc(document, doc)
                out.extractor = self.version
                yield out


_WORKER: Extractor | None = None


def _init_worker(model: str) -> None:
    global _WORKER
    _WORKER = Extractor(model)


def _work(batch: list[Document]) -> list[Extraction]:
    assert _WORKER is not None
    return list(_WORKER.extract_many(batch))


def _parallel(model: str, documents: Iterable[Document], workers: int) -> Iterator[Extraction]:
    docs = list(documents)
    size = max(1, min(BATCH, len(docs) // (workers * 2) or 1))
    batches = [docs[i:i + size] for i in range(0, len(docs), size)]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(model,)) as pool:
        for result in pool.map(_work, batches):
            yield from result


def warn(message: str) -> None:
    print(message, file=sys.stderr)
