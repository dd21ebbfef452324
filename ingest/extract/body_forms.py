"""The fuller names the text gives a government body around its mentions, kept as aliases.

News names a court, an office or a mission with its seat or its state in words the name
span leaves out: "the Higher Regional Court in Stuttgart", "the Investigative Committee of
Russia", "Moscow's Meshchansky District Court", "the Istanbul 24th High Criminal Court". Readers
(and the gold) use either form, and the bare form alone ("High Court") is the same string for
courts in many states. This last stage, run on the document's final entities, gives each
government body the forms its mentions' neighbours spell, as aliases:

* the seat after "in" or "of" when a place name follows ("... Court in Stuttgart");
* the place right before it, where the place names split one name ("Istanbul Chief Public
  Prosecutor's Office"), or a possessive place ("Moscow's ...");
* an ordinal, and the place before that, in front of it ("Istanbul 24th ...");
* for a name that opens with a place's possessive, the proper name without it
  ("Meshchansky District Court"; never a bare common noun such as "embassy").

A state named in front of the body (possessive or ordinal) must not contradict the body's own
country: "Niger's foreign ministry" is no form of a French ministry that linking joined to the
words "foreign ministry". The entity's name, type and identity do not change, and the graph's
resolution joins entities by alias only when their countries agree
(``ingest/graph/entity_resolution.py``).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ingest.extract.gazetteer import Gazetteer, load_gazetteer, name_key
from ingest.extract.ner_mentions import POSSESSIVE
from ingest.extract.stage_records import Cluster, Mention
from ingest.extract.vocabulary import words

SEAT_WORDS = words("body_seat_words")
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)


class _Places:
    """The place names of one document: its place mentions, else a place the gazetteer knows."""

    def __init__(self, doc: Doc, clusters: list[Cluster], gaz: Gazetteer) -> None:
        self.doc, self.gaz = doc, gaz
        self.starting: dict[int, Mention] = {}
        self.ending: dict[int, Mention] = {}
        for c in clusters:
            if c.type == "Place":
                for m in c.mentions:
                    self.starting[m.start] = m
                    self.ending[m.end] = m

    def known(self, start: int, end: int) -> str | None:
        """``doc[start:end]`` when it is one place mention or a place the gazetteer lists."""
        if 0 <= start < end <= len(self.doc):
            m = self.starting.get(start)
            text = self.doc[start:end].text
            if (m is not None and m.end == end) or name_key(text) in self.gaz.place_country:
                return text
        return None

    def ending_at(self, end: int) -> str | None:
        """The place name that ends just before token ``end``."""
        if (m := self.ending.get(end)) is not None:
            return m.text
        return next((p for n in (1, 2, 3) if (p := self.known(end - n, end))), None)

    def starting_at(self, start: int) -> str | None:
        """The place name that starts at token ``start``."""
        if (m := self.starting.get(start)) is not None:
            return m.text
        return next((p for n in (3, 2, 1) if (p := self.known(start, start + n))), None)

    def agrees(self, place: str, c: Cluster) -> bool:
        """The place names no other state than the body's own (either unknown passes)."""
        country = self.gaz.country_of_name(place)
        return country is None or c.country is None or country == c.country


def _forms(doc: Doc, c: Cluster, m: Mention, places: _Places) -> list[str]:
    forms: list[str] = []
    after, before = m.end, m.start
    if after < len(doc) and doc[after].lower_ in SEAT_WORDS:
        at = after + 1 + (after + 1 < len(doc) and doc[after + 1].lower_ == "the")
        if (seat := places.starting_at(at)) is not None:
            forms.append(f"{m.text} {doc[after].lower_} {seat}")
    ahead = places.ending_at(before) if before >= 1 and doc[before - 1].is_title else None
    if ahead is not None and places.agrees(ahead, c) and doc[before - 1].whitespace_:
        forms.append(f"{ahead} {m.text}")
    owner = places.ending_at(before - 1) if before >= 2 and doc[before - 1].text in POSSESSIVE else None
    if owner is not None and places.agrees(owner, c):
        forms.append(f"{owner}'s {m.text}")
    if before >= 1 and ORDINAL.match(doc[before - 1].text):
        forms.append(f"{doc[before - 1].text} {m.text}")
        if (seat := places.ending_at(before - 1)) is not None and places.agrees(seat, c):
            forms.append(f"{seat} {doc[before - 1].text} {m.text}")
    for i in range(m.start + 1, m.end - 1):
        if doc[i].text in POSSESSIVE:
            rest = doc[i + 1:m.end]
            if places.known(m.start, i) is not None and any(t.is_title for t in rest):
                forms.append(rest.text)
            break
    return forms


def add_body_forms(doc: Doc, clusters: list[Cluster]) -> list[Cluster]:
    """Give every government body the fuller (or possessive-free) forms its mentions' context spells."""
    places = _Places(doc, clusters, load_gazetteer())
    for c in clusters:
        if c.type != "GovernmentBody":
            continue
        for m in c.mentions:
            for form in _forms(doc, c, m, places):
                if form not in c.forms:
                    c.forms.append(form)
    return clusters
