"""Varied synthetic enforcement news articles, generated from templates and vocabulary tables.

Used by the ingest benchmarks so that a run of thousands of documents is not one text copied:
every article combines an agency, a target firm or person, a city, a law, an action, a date and
a few paragraphs of context drawn from the tables below, so the extractor sees different
sentences, the resolver sees recurring firms and people (a few hub entities appear in many
articles, most in few), and the writer merges reports of the same event from several outlets.
Deterministic for a given seed. Vocabulary is data: extend the tables, not the code.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

from ingest.records import Document

PLACES = [  # (city, country adjective, country, agency, law)
    ("Beijing", "Chinese", "China", "the Ministry of State Security", "the Counter-Espionage Law"),
    ("Shanghai", "Chinese", "China", "the Shanghai Public Security Bureau", "the Data Security Law"),
    ("Shenzhen", "Chinese", "China", "the Cyberspace Administration of China", "the Cybersecurity Law"),
    ("Moscow", "Russian", "Russia", "the Federal Security Service", "the law on foreign agents"),
    ("Minsk", "Belarusian", "Belarus", "the State Security Committee", "the law on extremism"),
    ("Hong Kong", "Hong Kong", "Hong Kong", "the National Security Department", "the National Security Law"),
    ("Tehran", "Iranian", "Iran", "the Intelligence Ministry", "the espionage statute"),
    ("Caracas", "Venezuelan", "Venezuela", "the Bolivarian Intelligence Service", "the law against hatred"),
]
FIRMS = ["Mintz Group", "Bain & Company", "Capvision", "Astellas Pharma", "Micron Technology", "Kroll",
         "Deloitte", "Nomura", "Falkenried Analytics", "Thistlecombe Research", "Kestrel Bay Partners",
         "Orwell Due Diligence", "Harrow & Lane", "Sakuragawa Trading", "Blue Lantern Advisory",
         "Quillon Consulting", "Northmere Capital", "Vantage Risk", "Pelham Compliance", "Ardent Data"]
FIRST = ["Li", "Wang", "Anna", "Evan", "Ivan", "Maria", "Chen", "Hiroshi", "Olga", "David", "Sofia", "Ahmad",
         "Lucia", "Peter", "Mei", "Yuri", "Elena", "Tomas", "Farah", "Kenji"]
LAST = ["Zhang", "Petrova", "Hirano", "Kowalski", "Morales", "Tanaka", "Novak", "Rahimi", "Fischer", "Ortega",
        "Ivanova", "Larsen", "Duarte", "Okafor", "Brennan", "Sato", "Volkov", "Mendes", "Haddad", "Lindqvist"]
ACTIONS = [  # (headline verb, sentence about the firm, sentence about a person)
    ("raids office of", "raided the {city} office of {firm}", "detained {person}, an employee of the firm"),
    ("questions staff of", "questioned staff at the {city} office of {firm}", "took {person} in for questioning"),
    ("fines", "fined {firm} 1.5 million yuan", "banned {person} from leaving the country"),
    ("investigates", "opened an investigation into {firm}", "arrested {person} on suspicion of espionage"),
    ("sanctions", "imposed sanctions on {firm}", "froze the assets of {person}"),
    ("searches premises of", "searched the premises of {firm} in {city}", "charged {person} with spying"),
]
OUTLETS = ["eastwire.example", "harbourpost.example", "meridiantimes.example", "northgazette.example",
           "lanterndaily.example", "pacificledger.example"]
CONTEXT = [
    "The company said it was cooperating with the authorities and had received no formal explanation.",
    "Foreign business groups said the case had unsettled companies that rely on routine commercial research.",
    "A spokesperson for the foreign ministry said that foreign companies must abide by local law.",
    "Diplomats said they were following the case closely and had asked for consular access.",
    "Officers left with documents and computers, according to two people familiar with the matter.",
    "Lawyers for the family said they had not been allowed to see the case file.",
    "The firm, which vets companies and executives for investors, employs about {staff} people there.",
    "Analysts said the move signalled a wider campaign against foreign consultancies.",
    "State media described the action as a routine inspection under {law}.",
    "The embassy said it was deeply concerned and called for a transparent process.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _hub(rng: random.Random, items: list[str]) -> str:
    """Skewed choice: the first items recur in many articles (hub entities), the rest in few."""
    return items[min(int(rng.paretovariate(1.2)) - 1, len(items) - 1)]


def article(n: int, seed: int = 14, pad_kb: int = 0) -> Document:
    """The ``n``-th synthetic article (the same for the same ``n`` and ``seed``).

    ``pad_kb`` lengthens the text with about that many KiB of further context paragraphs (for
    memory tests: a run that held its documents would show it).
    """
    rng = random.Random(seed * 1_000_003 + n // 3)  # three outlets report each event
    city, adjective, country, agency, law = rng.choice(PLACES)
    firm = _hub(rng, FIRMS) if rng.random() < 0.7 else f"{rng.choice(LAST)} {rng.choice(['Group', 'Partners'])}"
    person = _person(rng)
    verb, on_firm, on_person = rng.choice(ACTIONS)
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(2400))
    event = {"city": city, "firm": firm, "person": person, "law": law, "staff": rng.randrange(8, 300)}
    outlet = random.Random(seed + n)  # each report words the same event differently
    weekday = day.strftime("%A")
    lead = (f"{city.upper()} — {agency[0].upper() + agency[1:]} {on_firm.format(**event)} on {weekday} "
            f"and {on_person.format(**event)}, citing {law}.")
    middle = outlet.sample(CONTEXT, k=outlet.randrange(4, 8))
    extra = (f"{person} was later released on bail, a relative said." if outlet.random() < 0.3 else
             f"{adjective} authorities did not say how long {person} would be held.")
    while pad_kb and sum(map(len, middle)) < pad_kb * 1024:
        middle.append(outlet.choice(CONTEXT))
    text = "\n\n".join([lead, *(c.format(**event) for c in middle), extra])
    published = day + timedelta(days=outlet.randrange(0, 4))
    source = OUTLETS[(n + outlet.randrange(len(OUTLETS))) % len(OUTLETS)]
    return Document(id=f"synthetic-{seed}-{n:07d}", title=f"{country}: {agency} {verb} {firm}",
                    text=text, published=published, source=source,
                    url=f"https://{source}/{published:%Y/%m/%d}/synthetic-{n}")


def articles(count: int, seed: int = 14, pad_kb: int = 0) -> Iterator[Document]:
    """``count`` articles, generated one at a time (nothing is held)."""
    for n in range(count):
        yield article(n, seed, pad_kb)
