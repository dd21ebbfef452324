"""When an event happened: the date of its sentence nearest the trigger, or a reasoned fallback.

The date is the sentence's date expression (``date_expressions.py``) nearest the trigger in the
dependency tree, with penalties for dates inside another clause, dates of the report ("said on
Thursday") and vague ones ("this year"); the dateline's date ("BEIJING, April 27 -"), the day
the story was filed, is taken only where nothing else in the sentence dates it. Dates that
belong to another event are not candidates: in an aside between dashes or brackets, in a
"since"/"after"/"before" or relative clause ("since the law came into force in July"), or, for a
noun trigger, attached to another noun. A year after a law's name and a comma ("the X Act,
2006") is part of the name. Failing a date, a present-perfect report ("has fined") is dated to
the day of publication, a sentence that continues a dated narrative takes the date of the
previous sentence's own event, not one of its relative clause or aside ("MPs who backed the 2021
protests were jailed on Monday" goes on from Monday), which becomes the anchor for "hours
later"; told as more of the same episode ("also", "then"), it takes the date of the event told
before; and a past perfect reported by the authority ("said it had opened a case") gets the
month of publication. Anything else the text does not date stays null: the publication date is
never a silent default.
LawRevision events also get the date the law takes effect. ``merge_events`` folds repeated
mentions of one event into one, keeping the best-founded date.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token

from ingest.extract.arguments import REPORTING, EntityIndex
from ingest.extract.date_expressions import ANCHORED, dateline_date, find_dates, parse_partial
from ingest.extract.stage_records import Q_PREVIOUS, Q_SENTENCE, Q_TENSE, DateMention, Event
from ingest.extract.triggers import TriggerConfig
from ingest.extract.vocabulary import words

CLAUSE_MARKS = words("clause_marks")
FUTURE_WORDS = words("future_words")
NARRATIVE_MARKERS = words("narrative_markers")


VAGUE_KINDS = {"rel", "year"}


def _date_penalty(trigger: Token, date_root: Token, d: DateMention) -> int:
    """Ranks a sentence's dates beyond tree distance: a date inside another clause ("since the
    law came into force"), a date of the report ("said on Thursday") or a vague one ("this
    year") is a worse guess for the trigger's date than a plain adjunct of its own clause."""
    penalty = 0
    ancestors = {t.i for t in trigger.ancestors} | {trigger.i}
    t = date_root.head
    while t.i not in ancestors and t.head.i != t.i:
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("advcl", "relcl", "ccomp", "acl", "conj"):
            penalty += 6
            break
        t = t.head
    if t.i != trigger.i and t.lemma_ in REPORTING:
        penalty += 3
    if d.kind in VAGUE_KINDS and len(d.value) == 4:
        penalty += 2
    if d.kind in ANCHORED and date_root.head.i != trigger.i:
        penalty += 2  # counted from another event: a date of the clause's own is better
    return penalty


def _premodifies_other_noun(trigger: Token, span: Span, law_words: frozenset[str]) -> bool:
    """A bare year written before a noun names that noun's time, not the trigger's: "ahead of
    the anniversary of the 1989 crackdown", "interference in the 2016 election". A re-mention
    dated so would not fold into the event it repeats. The trigger's own year ("the 2019 raid")
    still dates it, and so does a law's ("the 2012 foreign agents law" was adopted in 2012: the
    date of a LawRevision, and as before a candidate for other events). Only a lone year: a
    fronted "On 17 April police searched" is often parsed as a modifier of "police"."""
    root = span.root
    head = root.head
    return (len(span) == 1 and root.like_num and len(root.text) == 4 and root.dep_ in ("nummod", "compound", "amod")
            and root.i < head.i and head.pos_ in ("NOUN", "PROPN") and head.i != trigger.i
            and head.lemma_.casefold() not in law_words and head.lower_ not in law_words)


_DASHES = (" - ", " – ", " — ", " -- ")


def _in_aside(tok: Token, span: Span) -> bool:
    """The date lies in brackets or between two dashes, with other words, and the trigger does not."""
    sent = span.sent
    text, base = sent.text, sent.start_char
    s, e, at = span.start_char - base, span.end_char - base, tok.idx - base
    opened, closed = text.rfind("(", 0, s), text.find(")", e)
    if opened != -1 and closed != -1 and ")" not in text[opened:s] and "(" not in text[e:closed]:
        lo, hi = opened, closed
    else:
        before = sorted(i for dash in _DASHES for i in _find_all(text[:s], dash))
        after = sorted(i + e for dash in _DASHES for i in _find_all(text[e:], dash))
        if len(before) % 2 == 0 or not after:
            return False
        lo, hi = before[-1], after[0]
    if lo <= at <= hi:
        return False
    rest = (text[lo + 1:s] + " " + text[e:hi]).split()
    return any(w.isalpha() and w.casefold() not in ("on", "in", "of", "at") for w in rest)


def _find_all(text: str, sub: str) -> list[int]:
    out, i = [], text.find(sub)
    while i != -1:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def _tree_distance(a: Token, b: Token) -> int:
    pa = [a, *a.ancestors]
    pb = [b, *b.ancestors]
    ia = {t.i: n for n, t in enumerate(pa)}
    for n, t in enumerate(pb):
        if t.i in ia:
            return ia[t.i] + n
    return 50 + abs(a.i - b.i)


class EventDater:
    """The date stage: dates the events of one document in the order the text tells them.

    It keeps the narrative anchor (the date of the last well-dated event) from which "hours
    later" and "the following month" count, and each sentence's date expressions once found.
    """

    def __init__(self, doc: Doc, index: EntityIndex, published: dt.date | None, cfg: TriggerConfig) -> None:
        self.doc = doc
        self.index = index
        self.published = published
        self.cfg = cfg
        self.anchor: str | None = None
        self.sent_dates: dict[int, list[DateMention]] = {}
        self.dateline = dateline_date(doc.text)

    # -- dates ---------------------------------------------------------------
    def dates_of(self, sent: Span, future: bool = False) -> list[DateMention]:
        key = sent.start * 2 + int(future)
        if key not in self.sent_dates:
            found = find_dates(sent.text, sent.start_char, self.published, self.anchor, future)
            keep = []
            for d in found:
                span = self.doc.char_span(d.start, d.end, alignment_mode="expand")
                if span is not None and any(
                        (c := self.index.at(t)) is not None and c.type == "Law" for t in span):
                    continue  # "National Security Act 2023" names a law, not a date
                if span is not None and d.kind == "year" and self._names_law(span):
                    continue  # "the Information Technology Act, 2000": the law's name
                keep.append(d)
            self.sent_dates[key] = keep
        return self.sent_dates[key]

    def _names_law(self, span: Span) -> bool:
        """A year after a law's name and a comma is the last word of the name ("the Information
        Technology Act, 2000", "the Penal Code, 1860"), not the date of what the sentence tells."""
        i = span.start - 1
        if i < 1 or self.doc[i].text != ",":
            return False
        prev = self.doc[i - 1]
        c = self.index.at(prev)
        return (c is not None and c.type == "Law") or (
            prev.text[:1].isupper() and prev.lower_ in self.cfg.lists["law_words"])

    def _nearest(self, tok: Token, dates: list[DateMention], exclude: set[int],
                 future: bool = False) -> DateMention | None:
        best: tuple[int, int] | None = None
        pick = None
        for d in dates:
            if d.start in exclude:
                continue
            if self.published and self.value_for(tok, d) > self.published.isoformat() and not future:
                continue
            span = self.doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is None or self._foreign(tok, span, d):
                continue
            filed = self.dateline is not None and self.dateline[0] <= d.start < self.dateline[1]
            score = (_tree_distance(tok, span.root) + _date_penalty(tok, span.root, d) + 100 * filed,
                     abs(span.root.i - tok.i))  # the dateline's filing day only where nothing else dates it
            if best is None or score < best:
                best, pick = score, d
        return pick

    def _foreign(self, tok: Token, span: Span, d: DateMention) -> bool:
        """A date that belongs to another event than the trigger's: inside an aside between
        dashes or brackets that the trigger is not in ("- around 4 per cent of its revenues in
        2019 -"), inside a "since" clause or a relative clause of another word ("since the law
        came into force in July"; "X, who was detained in 2019, was sentenced"), or, for a
        noun trigger, attached to another noun than the trigger ("the questioning is the second
        case this year"). A relative clause of the trigger noun itself tells the trigger's event
        ("a case the CBI registered in 2019"), and a noun under a participle is told at the time
        of the verb the participle hangs from ("on Wednesday ordered her release, converting
        the term into a suspended sentence")."""
        if _in_aside(tok, span):
            return True
        inside = {t.i for t in span}
        root = span.root
        if _premodifies_other_noun(tok, span, self.cfg.lists["law_words"]):
            return True
        anc = {t.i for t in tok.ancestors} | {tok.i}
        t = root
        while t.i not in anc and t.head.i != t.i:
            if t.i not in inside and d.kind not in ANCHORED and t.pos_ in ("VERB", "AUX") and (
                    t.dep_ == "relcl" or any(c.dep_ == "mark" and c.lower_ in CLAUSE_MARKS for c in t.children)) \
                    and not (t.dep_ == "relcl" and t.head.i == tok.i):
                return True
            t = t.head
        if tok.pos_ not in ("NOUN", "PROPN"):
            return False
        att = root.head
        while (att.i in inside or att.dep_ == "prep") and att.head.i != att.i:
            att = att.head
        own = {t.i for t in tok.subtree}
        verb = tok.head.head if tok.head.dep_ == "prep" else tok.head  # "placed under investigation"
        own |= {tok.head.i, verb.i}
        while verb.dep_ == "conj" and verb.head.i != verb.i:  # "on Monday accused X and imposed sanctions"
            verb = verb.head
            own.add(verb.i)
        while verb.pos_ in ("VERB", "AUX") and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "conj") \
                and not any(c.dep_ == "mark" for c in verb.children) and verb.head.i != verb.i:
            verb = verb.head  # "ordered her release, converting the term into a suspended sentence"
            own.add(verb.i)
        return att.i not in own

    def value_for(self, tok: Token, d: DateMention) -> str:
        """The date's value for this trigger: "the raid came six months after police froze its
        assets" dates the freeze six months before the raid, not after it."""
        if d.inverse is None:
            return d.value
        span = self.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            return d.value
        word = span[-1]
        clause = word.head if word.dep_ == "mark" else word
        return d.inverse if clause is not tok and any(t.i == tok.i for t in clause.subtree) else d.value

    def date_for(self, ev: Event) -> None:
        tok, sent = ev.trigger, ev.sent
        dates = self.dates_of(sent)
        exclude: set[int] = set()
        if ev.type == "LawRevision":
            eff_tok = next((t for t in sent if t.lemma_ in self.cfg.effective_words), None)
            if tok.lemma_ in ("take", "come", "enter"):  # the trigger itself says when it takes effect
                eff_tok = tok
            if eff_tok is not None:
                fut = any(a.lower_ in FUTURE_WORDS or any(c.lower_ in FUTURE_WORDS for c in a.children)
                          for a in [eff_tok, *list(eff_tok.ancestors)[:3]]) \
                    or any(a.tag_ in ("VBZ", "VBP") and a.lemma_ in ("take", "come", "enter")  # "takes effect"
                           for a in [eff_tok, *list(eff_tok.ancestors)[:2]])
                eff = self._nearest(eff_tok, self.dates_of(sent, fut), set(), fut)
                if eff is not None and _tree_distance(eff_tok, self._root(eff)) <= _tree_distance(
                        tok, self._root(eff)):
                    ev.effective = eff.value
                    exclude.add(eff.start)
                if tok.lemma_ in ("take", "come", "enter", "effect"):
                    return
        if tok.pos_ == "NOUN" and tok.head.lower_ in ("after", "before", "since", "following"):
            # "the trial began in June, 15 months after his detention": only its own dates count
            inside = {t.i for t in tok.subtree}
            dates = [d for d in dates if self._root(d).i in inside]
        perfect = self._present_perfect(tok)
        d = self._nearest(tok, dates, exclude)
        if d is not None and (not perfect or _tree_distance(tok, self._root(d)) <= 3 or self._since(d)):
            # "has been in custody since September 2021": a state that began on that date
            ev.date, ev.date_quality = self.value_for(tok, d), Q_SENTENCE
            return
        if perfect and self.published is not None:
            # "has been sentenced": news reports it on the day it happens
            ev.date, ev.date_quality = self.published.isoformat(), Q_TENSE
            return
        prev = self._previous_sentence(sent)
        if prev is not None:
            pd = self._own_dates(prev)
            if pd:
                ev.date, ev.date_quality = pd[0].value, Q_PREVIOUS
                if len(pd[0].value) >= len(self.anchor or ""):
                    self.anchor = pd[0].value  # the narrative goes on from this date ("hours later")
                return
        if self.anchor is not None and self._continues(sent):
            # "An assistant prosecutor was also arrested", "Police then searched ...": the same
            # episode as the event told before, on its date
            ev.date, ev.date_quality = self.anchor, Q_PREVIOUS
            return
        if self.published is not None and self._reported_past_perfect(tok):
            # "the FSB said it had opened a case", nothing dated around it: shortly before the report
            ev.date, ev.date_quality = self.published.isoformat()[:7], Q_TENSE
            return
        # Otherwise the text gives no time: the date stays null. The publication date is never
        # a silent default (a reader would take it for a fact the article states).

    def _own_dates(self, sent: Span) -> list[DateMention]:
        """The dates of a sentence's own event, for the sentence after it: not one in a relative
        clause, a "since"/"before" clause or an aside, nor a year before another noun ("Two
        former MPs who backed the 2021 movement were jailed on Monday" goes on from Monday)."""
        root = sent.root
        out = []
        for d in self.dates_of(sent):
            if self.published and d.value > self.published.isoformat():
                continue
            span = self.doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is not None and not self._foreign(root, span, d):
                out.append(d)
        return out

    def _since(self, d: DateMention) -> bool:
        """The date is the object of "since" ("in custody since December")."""
        span = self.doc.char_span(d.start, d.end, alignment_mode="expand")
        return span is not None and span.start > 0 and self.doc[span.start - 1].lower_ == "since"

    @staticmethod
    def _continues(sent: Span) -> bool:
        """The sentence tells more of the episode just told ("also", "then", "afterwards"): an
        adverb of continuation modifying one of its verbs."""
        return any(t.lower_ in NARRATIVE_MARKERS and t.dep_ == "advmod" and t.head.pos_ in ("VERB", "AUX")
                   for t in sent)

    @staticmethod
    def _reported_past_perfect(tok: Token) -> bool:
        """"X said it had detained Y": a past perfect in the complement of a reporting verb."""
        t = tok
        for _ in range(3):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("had", "’d", "'d") for c in t.children):
                while t.dep_ == "conj" and t.head.i != t.i:  # "said X had been sentenced and that she had ..."
                    t = t.head
                return t.dep_ == "ccomp" and t.head.lemma_ in REPORTING
            if t.dep_ not in ("dobj", "pobj", "prep", "conj", "xcomp") or t.head.i == t.i:
                return False
            t = t.head
        return False

    @staticmethod
    def _present_perfect(tok: Token) -> bool:
        """"has fined", "have been charged", "has revoked ..., effectively expelling"."""
        t = tok
        for _ in range(3):
            aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"has", "have", "'ve", "’ve"}:
                return True
            if aux or t.dep_ not in ("advcl", "xcomp", "conj", "dobj", "pobj", "prep") or t.head.i == t.i:
                return False
            t = t.head
        return False

    def _root(self, d: DateMention) -> Token:
        span = self.doc.char_span(d.start, d.end, alignment_mode="expand")
        assert span is not None
        return span.root

    def _previous_sentence(self, sent: Span) -> Span | None:
        """The sentence before, skipping blank lines and one-line headings without a verb."""
        i = sent.start - 1
        while i >= 0:
            prev = self.doc[i].sent
            if any(t.pos_ in ("VERB", "AUX") for t in prev):
                return prev
            i = prev.start - 1
        return None


def compatible_dates(a: str | None, b: str | None) -> bool:
    """Two dates that may be one day: one unknown or a prefix of the other, or days at most three apart."""
    if a is None or b is None or a.startswith(b) or b.startswith(a):
        return True
    ya, ma, da = parse_partial(a)
    yb, mb, db = parse_partial(b)
    if None in (ma, mb, da, db):
        return False
    return abs((dt.date(ya, ma, da) - dt.date(yb, mb, db)).days) <= 3  # type: ignore[arg-type]


def _different_actors(a: Event, b: Event) -> bool:
    """Two actions by authorities of different countries ("the EU sanctioned X", "the US
    sanctioned X"), each told by its own verb: the agents of each name a country and the countries do
    not meet."""
    if a.trigger.pos_ != "VERB" or b.trigger.pos_ != "VERB":  # "over his detention": a mention, not a report
        return False
    ca = {c.country for c in a.agents if c.country}
    cb = {c.country for c in b.agents if c.country}
    return bool(ca and cb and not ca & cb)


def merge_events(events: list[Event]) -> list[Event]:
    """One event per real event: same type, a shared target (or law), compatible dates."""
    out: list[Event] = []
    for ev in events:
        keys = {c.id for c in (ev.laws if ev.type == "LawRevision" else ev.targets)}
        for kept in out:
            kkeys = {c.id for c in (kept.laws if kept.type == "LawRevision" else kept.targets)}
            weak = min(kept.date_quality, ev.date_quality) < Q_SENTENCE
            if kept.type == ev.type and keys & kkeys and (weak or compatible_dates(kept.date, ev.date)) and (
                    compatible_dates(kept.effective, ev.effective)) and not _different_actors(kept, ev):
                if ev.date_quality > kept.date_quality or (kept.date is None and ev.date):
                    kept.date, kept.date_quality = ev.date, ev.date_quality
                kept.effective = kept.effective or ev.effective
                for attr in ("targets", "laws"):
                    lst = getattr(kept, attr)
                    lst.extend(c for c in getattr(ev, attr) if c not in lst)
                kept.agents = kept.agents or ev.agents  # the first mention names the actor best
                kept.location = kept.location or ev.location
                kept.confidence = max(kept.confidence, ev.confidence)
                for key, p in ev.argument_probability.items():  # what the re-mention's arguments were judged
                    kept.argument_probability.setdefault(key, p)
                break
        else:
            out.append(ev)
    return out
