"""The gazetteer: known countries, places, state bodies and security laws, loaded from data files.

Kept as YAML under ``ingest/extract/data/`` so that adding an agency or a law is a data change, not a
code change. The same object feeds the spaCy EntityRuler (to lift known names to the right
type and one canonical name) and the linker (countries from demonyms, places and names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ingest.extract.vocabulary import load_yaml

#: EntityRuler label for each schema type (prefixed so they never clash with spaCy's labels).
RULER_LABELS = {
    "GovernmentBody": "EG_GOV", "Organization": "EG_ORG", "Company": "EG_COMPANY",
    "Law": "EG_LAW", "Place": "EG_PLACE", "Person": "EG_PERSON",
}
LABEL_TYPES = {v: k for k, v in RULER_LABELS.items()}


def name_key(name: str) -> str:
    """A comparison key: case, apostrophe style, a leading "the" and punctuation ignored."""
    s = name.casefold().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Entry:
    """One known entity: a stable id, its canonical name, type, country and other names."""

    id: str
    name: str
    type: str
    country: str | None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None  # the Wikidata QID, where the data file gives one

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    by_key: dict[str, Entry] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> ISO code
    place_country: dict[str, str] = field(default_factory=dict)  # key -> ISO code
    country_demonym: dict[str, str] = field(default_factory=dict)  # ISO code -> first demonym
    country_name: dict[str, str] = field(default_factory=dict)  # ISO code -> canonical name

    def add(self, entry: Entry) -> None:
        self.entries[entry.id] = entry
        for n in entry.names():
            self.by_key.setdefault(name_key(n), entry)

    def lookup(self, name: str) -> Entry | None:
        return self.by_key.get(name_key(name))

    def country_of_name(self, name: str) -> str | None:
        """The ISO code a place name or demonym stands for ("Chinese", "Beijing" -> CN)."""
        key = name_key(name)
        return self.place_country.get(key) or self.demonyms.get(key)

    def is_place_or_demonym(self, name: str) -> bool:
        key = name_key(name)
        return key in self.place_country or key in self.demonyms or (
            key.endswith("s") and key[:-1] in self.demonyms)  # "Americans"

    def ruler_patterns(self, places: bool) -> list[dict[str, Any]]:
        """EntityRuler phrase patterns (places, or everything else): every name as written,
        with both apostrophe styles."""
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for entry in self.entries.values():
            if (entry.type == "Place") != places:
                continue
            label = RULER_LABELS[entry.type]
            variants: set[str] = set()
            for n in entry.names():
                variants.update({n, n.replace("'", "\u2019"), n.replace("\u2019", "'")})
                if entry.type == "Place":
                    variants.add(n.upper())
            for v in sorted(variants):
                if (v, label) not in seen:
                    seen.add((v, label))
                    out.append({"label": label, "pattern": v, "id": entry.id})
        return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


@cache
def load_gazetteer() -> Gazetteer:
    """The project's gazetteer (cached per process)."""
    gaz = Gazetteer()
    for c in load_yaml("countries.yaml"):
        code = c["code"]
        gaz.add(Entry(f"place:{code.lower()}", c["name"], "Place", code, tuple(c.get("aliases") or ()),
                      c.get("wikidata")))
        gaz.country_name[code] = c["name"]
        for n in [c["name"], *(c.get("aliases") or [])]:
            gaz.place_country[name_key(n)] = code
        demonyms = c.get("demonyms") or []
        if demonyms:
            gaz.country_demonym[code] = demonyms[0]
        for d in demonyms:
            gaz.demonyms.setdefault(name_key(d), code)
    for code, cities in (load_yaml("places.yaml") or {}).items():
        for city in cities or []:
            gaz.add(Entry(f"place:{code.lower()}:{_slug(city)}", city, "Place", code))
            gaz.place_country.setdefault(name_key(city), code)
    for b in load_yaml("bodies.yaml"):
        gaz.add(Entry(f"{b['type'].lower()}:{_slug(b['name'])}", b["name"], b["type"], b.get("country"),
                      tuple(b.get("aliases") or ()), b.get("wikidata")))
    for law in load_yaml("laws.yaml"):
        gaz.add(Entry(f"law:{_slug(law['name'])}", law["name"], "Law", law.get("country"),
                      tuple(law.get("aliases") or ()), law.get("wikidata")))
    return gaz
