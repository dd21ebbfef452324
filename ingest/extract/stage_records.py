"""The records that pass between the extraction stages, in one place.

mentions -> entities (``Cluster``) -> triggers -> events (``Event``) -> dates -> document-level
merge: each stage takes the records of the one before and returns its own. Kept apart from the
stages so that a stage, the learned scorer or a test can name a record without importing the
code that makes it. (``Trigger`` stays with the trigger rules it points to; the output contract
of the whole extractor is ``ingest.records``.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import get_args

from spacy.tokens import Span, Token

from ingest.extract.gazetteer import name_key
from ingest.records import DateBasis


@dataclass
class Mention:
    """A cleaned name span: token range, text, schema type, where it came from."""

    start: int
    end: int
    text: str
    type: str
    source: str  # "gazetteer" | "ner" | "descriptor" | "law" | "dateline"
    gaz_id: str | None = None
    country: str | None = None
    strength: float = 1.0  # how sure the type is: gazetteer > name words > context > default

    @property
    def key(self) -> str:
        return name_key(self.text)


@dataclass
class Cluster:
    """One entity of the document."""

    id: int
    mentions: list[Mention] = field(default_factory=list)
    type: str = "Organization"
    name: str = ""
    gaz_id: str | None = None
    country: str | None = None
    synthetic: bool = False
    #: fuller forms of the name the text spells around its mentions (``body_forms.py``), aliases only
    forms: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        seen: dict[str, str] = {}
        for n in [self.name, *(m.text for m in self.mentions), *self.forms]:
            seen.setdefault(name_key(n), n)
        return list(seen.values())

    @property
    def aliases(self) -> list[str]:
        return [n for n in self.names() if n != self.name]

    @property
    def first(self) -> int:
        return min((m.start for m in self.mentions), default=10**9)


def state_body(name: str, country: str | None, known: Iterable[Cluster], made: dict[str, Cluster],
               first_id: int, at: int) -> Cluster:
    """A state body the text leaves unnamed (SCHEMA.md's implicit agent, "Chinese authorities"):
    the entity of that name among ``known`` (case aside), else the synthetic one made for it,
    once per name (``made``, ids from ``first_id``), at token ``at``."""
    for c in known:
        if c.type == "GovernmentBody" and c.name.casefold() == name.casefold():
            return c
    if name not in made:
        made[name] = Cluster(id=first_id + len(made), type="GovernmentBody", name=name, country=country,
                             synthetic=True, mentions=[Mention(at, at, name, "GovernmentBody", "synthetic")])
    return made[name]


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression: character offsets (absolute), value and how explicit it is."""

    start: int
    end: int
    text: str
    value: str  # YYYY, YYYY-MM or YYYY-MM-DD
    kind: str
    explicit: bool  # names its own year/month/day (not relative to another date)
    # "six months after X": the date of X when the event is the one after "after" (the anchor
    # minus six months) rather than the one that came six months later
    inverse: str | None = None


# date quality: explicit in the sentence > narrative continuation > tense of the report > another event of
# the story (story_dates.py) > none
Q_SENTENCE, Q_PREVIOUS, Q_TENSE, Q_STORY, Q_NONE = 4, 3, 2, 1, 0
#: How an event's date was found, by quality: the output's ``date_basis`` (its names: ingest/records.py)
DATE_BASIS: dict[int, DateBasis] = dict(zip((Q_SENTENCE, Q_PREVIOUS, Q_TENSE, Q_STORY), get_args(DateBasis),
                                            strict=True))


@dataclass
class Event:
    type: str
    trigger: Token
    sent: Span
    agents: list[Cluster] = field(default_factory=list)
    targets: list[Cluster] = field(default_factory=list)
    laws: list[Cluster] = field(default_factory=list)
    location: Cluster | None = None
    date: str | None = None
    date_quality: int = Q_NONE
    effective: str | None = None
    confidence: float = 0.5
    # (role, entity name) -> the learned attacher's probability (learned/attacher.py), where it ran
    argument_probability: dict[tuple[str, str], float] = field(default_factory=dict)
