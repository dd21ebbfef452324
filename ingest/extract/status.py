"""Event status: whether the text says an event was confirmed, denied or reversed, or only reported.

A compliance team weighs a raid the authority confirmed differently from one the firm denies, and
an exit ban that was lifted or a detainee who was released is no longer a live exposure. The
news says so in words near the event, so this is a small reader of cue words kept as data
(``data/status.yaml``, read through :mod:`ingest.extract.vocabulary`): it looks in the event's
own sentence and in the next few sentences that name one of the event's targets (and report no
other event), skips a cue under a negation ("could not be confirmed") or followed by a word that
makes it about something else ("released a statement", "denied entry", "denied wrongdoing"),
keeps reversal cues to the event types they can reverse (a release ends a detention, not a
fine), and lets the most telling status win.

Plain strings in and out, no parse needed: the pipeline passes the document's sentences.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, cast, get_args

from ingest.extract.vocabulary import load_yaml

Status = Literal["reported", "confirmed", "denied", "reversed"]
STATUSES: tuple[Status, ...] = get_args(Status)
DATA = "status.yaml"
_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-case words, with "n't" read as "not"."""
    return _WORD.findall(text.casefold().replace("\u2019", "'").replace("n't", " not"))


@dataclass(frozen=True)
class CueGroup:
    status: Status
    cues: tuple[tuple[str, ...], ...]
    types: frozenset[str] | None  # None: any event type
    unless: frozenset[str]


@dataclass(frozen=True)
class Rules:
    groups: tuple[CueGroup, ...]
    precedence: tuple[Status, ...]
    negations: frozenset[str]
    window: int
    negation_window: int
    except_window: int


@cache
def rules(name: str = DATA) -> Rules:
    raw: dict[str, Any] = load_yaml(name)
    groups = []
    for status, entries in raw["statuses"].items():
        if status not in STATUSES:
            raise ValueError(f"{name}: unknown status {status!r}")
        for entry in entries:
            types = entry.get("types", "any")
            groups.append(CueGroup(
                status=cast(Status, status), cues=tuple(tuple(words(str(c))) for c in entry["cues"]),
                types=None if types == "any" else frozenset(types),
                unless=frozenset(w for e in entry.get("except", []) for w in words(str(e)))))
    precedence = tuple(cast(Status, s) for s in raw["precedence"])
    if sorted(precedence) != sorted(STATUSES):
        raise ValueError(f"{name}: precedence must list each of {', '.join(STATUSES)} once")
    return Rules(groups=tuple(groups), precedence=precedence, negations=frozenset(raw["negations"]),
                 window=int(raw["window"]), negation_window=int(raw["negation_window"]),
                 except_window=int(raw["except_window"]))


def _found(ws: list[str], cue: tuple[str, ...], group: CueGroup, r: Rules) -> bool:
    n = len(cue)
    for i in range(len(ws) - n + 1):
        if tuple(ws[i:i + n]) != cue:
            continue
        if r.negations.intersection(ws[max(0, i - r.negation_window):i]):
            continue
        if group.unless.intersection(ws[i + n:i + n + r.except_window]):
            continue
        return True
    return False


def cues_in(sentence: str, event_type: str, r: Rules | None = None) -> set[Status]:
    """The statuses whose cues a sentence holds for an event of ``event_type``."""
    r = r or rules()
    ws = words(sentence)
    return {g.status for g in r.groups
            if (g.types is None or event_type in g.types) and any(_found(ws, c, g, r) for c in g.cues)}


def _names(sentence: str, targets: Sequence[str]) -> bool:
    text = " " + " ".join(words(sentence)) + " "
    return any(f" {' '.join(words(t))} " in text for t in targets if words(t))


def event_status(sentences: Sequence[str], index: int, event_type: str, targets: Sequence[str],
                 others: Collection[int] = ()) -> Status:
    """The status of the event reported in ``sentences[index]`` against ``targets``.

    ``others`` are the indexes of sentences that report other events: their cues are theirs.
    """
    r = rules()
    found = cues_in(sentences[index], event_type, r)
    for j in range(index + 1, min(len(sentences), index + 1 + r.window)):
        if j not in others and _names(sentences[j], targets):
            found |= cues_in(sentences[j], event_type, r)
    return next((s for s in r.precedence if s in found), "reported")
