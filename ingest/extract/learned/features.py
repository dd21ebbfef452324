"""Features of rule entities and rule events, as hashed string features.

The same functions feed training (``train.py``) and extraction (``model.py``), so the two never
drift apart. A feature is a short string ("w=ministry", "type=Raid|trig=raid"); it is hashed into
a fixed number of columns, so the model file holds a weight matrix and no vocabulary.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from spacy.tokens import Doc

from ingest.extract.stage_records import Cluster, Event

#: Hash columns of a feature vector (a power of two).
DIM = 1 << 13
#: Words of context on each side of an entity mention.
WINDOW = 3


def hashed(features: Sequence[str]) -> list[int]:
    """Column indices of string features (stable across processes, unlike ``hash``)."""
    return sorted({zlib.crc32(f.encode()) & (DIM - 1) for f in features})


#: Mention sources whose type a rule set on purpose (a dateline's credited outlet, "the X firm", a law name).
DELIBERATE_SOURCES = frozenset({"dateline", "descriptor", "gazetteer", "law"})
#: Rule strength from the words of the name itself ("... News", "... Ministry", "... Ltd").
SURE = 3.0


def rule_is_sure(c: Cluster) -> bool:
    """Whether the rules typed this entity on purpose (the learned typer then leaves it alone):
    a gazetteer entry, a type read from the name's own words, a dateline credit, a descriptor or a law rule."""
    return bool(c.gaz_id) or any(m.source in DELIBERATE_SOURCES or m.strength >= SURE for m in c.mentions)


def _word(tok_text: str) -> str:
    return tok_text.lower() if not tok_text.isdigit() else "#"


def entity_features(doc: Doc, c: Cluster) -> list[str]:
    """What the name and its mentions' surroundings say about the type of a rule entity."""
    words = c.name.split()
    out = [f"rule={c.type}", f"n={min(len(words), 5)}", "bias"]
    if c.gaz_id:
        out.append("gaz")
    if c.country:
        out.append("country")
    if c.synthetic:
        out.append("synthetic")
    if words:
        out += [f"first={words[0].lower()}", f"last={words[-1].lower()}", f"rule={c.type}|last={words[-1].lower()}"]
        if c.name.isupper() and len(c.name) <= 6:
            out.append("acronym")
    out += [f"w={w.lower()}" for w in words]
    out.append(f"mentions={min(len(c.mentions), 4)}")
    for m in c.mentions[:8]:
        out.append(f"src={m.source}")
        for k in range(1, WINDOW + 1):
            if m.start - k >= 0:
                out.append(f"L{k if k == 1 else ''}={_word(doc[m.start - k].text)}")
            if m.end - 1 + k < len(doc):
                out.append(f"R{k if k == 1 else ''}={_word(doc[m.end - 1 + k].text)}")
        if m.end > m.start:
            root = doc[m.start:m.end].root
            out += [f"dep={root.dep_}", f"head={root.head.lemma_.lower()}"]
    return out


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def event_features(doc: Doc, events: Sequence[Event]) -> list[list[str]]:
    """Features of each rule event of a document: its type and trigger, its sentence, what
    arguments the rules found, where it stands in the text, and whether an earlier event of the
    same type looks like the same real event (a repeated headline, a later re-mention)."""
    starts = [s.start for s in doc.sents]
    out = []
    for i, ev in enumerate(events):
        t = ev.type
        sent_no = sum(1 for s in starts if s < ev.sent.start)
        f = ["bias", f"type={t}", f"trig={ev.trigger.lemma_.lower()}", f"type={t}|trig={ev.trigger.lemma_.lower()}",
             f"conf={round(ev.confidence, 1)}", f"sent={_bucket(sent_no)}", f"type={t}|sent={_bucket(sent_no)}"]
        for name, args in (("agents", ev.agents), ("targets", ev.targets), ("laws", ev.laws)):
            f.append(f"{name}={min(len(args), 2)}")
        f += [f"tt={c.type}" for c in ev.targets] + [f"type={t}|tt={c.type}" for c in ev.targets]
        f += [f"at={c.type}" for c in ev.agents]
        f.append("date" if ev.date else "nodate")
        if ev.location:
            f.append("loc")
        words = [tok for tok in ev.sent if tok.is_alpha]
        f += [f"s={tok.lemma_.lower()}" for tok in words]
        f += [f"h={tok.lemma_.lower()}" for tok in ev.trigger.ancestors] + [f"c={tok.lemma_.lower()}"
                                                                         for tok in ev.trigger.children]
        f.append(f"tag={ev.trigger.tag_}")
        if '"' in ev.sent.text or "\u201c" in ev.sent.text:
            f.append("quote")
        if ev.sent.text.rstrip().endswith("?"):
            f.append("question")
        if "\n" not in ev.sent.text_with_ws and len(words) < 16 and not ev.sent.text.rstrip().endswith("."):
            f.append("headline")
        targets = {c.id for c in ev.targets}
        same = [e for e in events[:i] if e.type == t]
        f.append(f"same_before={min(len(same), 3)}")
        if any(targets & {c.id for c in e.targets} for e in same):
            f.append("dup_target")
        if any(e.sent.start == ev.sent.start for e in events[:i]):
            f.append("same_sentence")
        out.append(f)
    return out


def typer_text(doc: Doc, c: Cluster, window: int | None = None) -> str:
    """What a learner that reads text sees of a name: "name | sentence of its first mention", or
    only ``window`` words either side of that mention within its sentence."""
    if not c.mentions:
        return f"{c.name} | "
    m = c.mentions[0]
    sent = doc[m.start].sent
    if window is None:
        return f"{c.name} | {sent.text}"
    return f"{c.name} | {doc[max(sent.start, m.start - window):min(sent.end, m.end + window)].text}"


def event_text(ev: Event, names: Sequence[str]) -> str:
    """What a learner that reads text sees of a rule event: "Type | the argument names the gold
    match reads | its sentence with the [trigger] bracketed"."""
    s, t = ev.sent, ev.trigger
    k = t.i - s.start
    rest = f"{t.whitespace_}{s[k + 1:].text}" if k + 1 < len(s) else ""
    return f"{ev.type} | {', '.join(names)} | {s[:k].text_with_ws}[{t.text}]{rest}"
