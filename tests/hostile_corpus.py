"""A corpus of hostile-but-plausible inputs of our own, mixed with good documents.

Written at test time (some files are megabytes) by ``write_corpus``, which returns what a
correct ingest must do with each: the ids that must land, and for each bad input the name a
one-line report must carry. docs/RELIABILITY.md lists the classes and the tests that use them.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ["Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Galina", "Hassan", "Irina", "Jamal", "Katya",
         "Lev", "Mira", "Nikolai", "Olga", "Pavel", "Rustam", "Svetlana", "Timur", "Vera"]
LAST = ["Abramova", "Belov", "Chernova", "Dudin", "Egorova", "Frolov", "Gusev", "Ilyina", "Kovalev", "Lebedeva",
        "Morozov", "Nikitina", "Orlov", "Petrova", "Romanov", "Sokolova", "Titov", "Volkova", "Zaitsev", "Yakovlev"]


def good(doc_id: str, firm: str, city: str, day: str) -> dict[str, str]:
    return {"id": doc_id, "title": f"{firm} office searched in {city}", "published": "2024-03-15",
            "source": "ourdesk.example",
            "text": f"Officers of the {city} State Security Bureau searched the office of {firm} on {day}, "
                    f"the company said. Two employees of {firm} were questioned for several hours."}


def names(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"{rng.choice(FIRST)} {rng.choice(LAST)}-{i}" for i in range(n)]


@dataclass
class Expected:
    good: set[str] = field(default_factory=set)  # document ids that must be written
    bad: dict[str, str] = field(default_factory=dict)  # name a report line carries -> why it is bad
    warned: set[str] = field(default_factory=set)  # names that get a warning line but are ingested


def write_corpus(folder: Path, *, huge: bool = True) -> Expected:
    """Write the corpus into ``folder``; ``huge`` adds the multi-megabyte texts."""
    folder.mkdir(parents=True, exist_ok=True)
    exp = Expected()

    def put(name: str, obj: object) -> Path:
        path = folder / name
        path.write_text(json.dumps(obj, ensure_ascii=True), encoding="utf-8")
        return path

    for i, (firm, city) in enumerate([("Falkenried Consulting", "Suzhou"), ("Norberg Analytics", "Shanghai"),
                                      ("Kestrel Due Diligence", "Beijing")]):
        put(f"good-{i}.json", good(f"good-{i}", firm, city, "Tuesday"))
        exp.good.add(f"good-{i}")
    # a JSON list with a bad item: the item is reported by index, the others land
    put("list.json", [good("list-0", "Aldgate Partners", "Dalian", "Monday"), {"id": "list-1", "text": ""},
                      good("list-2", "Brightwater Research", "Xiamen", "Friday"),
                      good("list-3", "Corvid Advisory", "Ningbo", "Monday")])
    exp.good |= {"list-0", "list-2", "list-3"}
    exp.bad["list.json[1]"] = "no text"
    # long conjunctions: a chain of names thousands deep in the parse
    for n in (1000, 5000):
        listed = names(n, n)
        text = (f"Police in Minsk detained {', '.join(listed[:-1])} and {listed[-1]} on Monday, "
                f"the Viasna rights group said.")
        put(f"conj-{n}.json", {"id": f"conj-{n}", "published": "2024-05-02", "text": text})
        exp.good.add(f"conj-{n}")
    # many short lines: within the size limit it must finish in time; past it, it is refused
    lines = [f"Item {i}: Apex Trading Ltd." for i in range(12_000)]
    (folder / "lines-12k.txt").write_text("Lines\n" + "\n".join(lines), encoding="utf-8")
    exp.good.add("lines-12k")
    (folder / "lines-12k.txt.meta.json").write_text(json.dumps({"id": "lines-12k"}), encoding="utf-8")
    if huge:
        lines = [f"Item {i}: Apex Trading Ltd." for i in range(100_000)]
        (folder / "lines-100k.txt").write_text("Lines\n" + "\n".join(lines), encoding="utf-8")
        (folder / "lines-100k.txt.meta.json").write_text(json.dumps({"id": "lines-100k"}), encoding="utf-8")
        exp.bad["lines-100k"] = "characters, over the limit"
        sentence = "The court fined Orion Freight " + "and its partners " * 150_000 + "last year."
        put("huge.json", {"id": "huge-2500k", "text": sentence})
        exp.bad["huge-2500k"] = "characters, over the limit"
    # characters no output can carry: cleaned in texts, refused in ids
    text = good("ctrl-text", "Harrow Metrics", "Tianjin", "Monday")
    text["text"] = text["text"].replace("searched", "sear\x00ched\x1b[31m")
    put("ctrl-text.json", text)
    exp.good.add("ctrl-text")
    sur = good("surrogate-text", "Ilex Data", "Wuhan", "Friday")
    sur["text"] += " \ud800"
    put("surrogate-text.json", sur)
    exp.good.add("surrogate-text")
    put("surrogate-id.json", {**good("x", "Juniper Risk", "Hefei", "Monday"), "id": "bad-\ud800-id"})
    exp.bad["surrogate-id.json"] = "control characters"
    put("nul-id.json", {**good("x", "Juniper Risk", "Hefei", "Monday"), "id": "bad\x00id"})
    exp.bad["nul-id.json"] = "control characters"
    put("object-id.json", {**good("x", "Juniper Risk", "Hefei", "Monday"), "id": {"x": 1}})
    exp.bad["object-id.json"] = "must be a string"
    # dates that are not dates, or not plausible
    put("date-far.json", {**good("date-far", "Lumen Audit", "Harbin", "Monday"), "published": "9999-12-31"})
    exp.bad["date-far.json"] = "plausible range"
    put("date-junk.json", {**good("date-junk", "Lumen Audit", "Harbin", "Monday"),
                           "published": "2023-01-01garbage"})
    exp.bad["date-junk.json"] = "not a date"
    # JSON nested a hundred thousand deep
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    exp.bad["deep.json"] = "nested too deeply"
    # the same id with two texts: a warning, the last one lands
    first, second = good("dupe", "Mosswood Group", "Jinan", "Monday"), good("dupe", "Mosswood Group", "Jinan",
                                                                             "Friday")
    (folder / "dupe.jsonl").write_text(json.dumps(first) + "\n" + json.dumps(second) + "\n", encoding="utf-8")
    exp.good.add("dupe")
    exp.warned.add("dupe")
    # bytes that are not text, an empty file, an unknown format
    (folder / "latin1.txt").write_bytes("Caf\xe9 raided\nPolice raided the caf\xe9.".encode("latin-1"))
    exp.bad["latin1.txt"] = "not UTF-8"
    (folder / "empty.json").write_text("", encoding="utf-8")
    exp.bad["empty.json"] = "empty file"
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    exp.bad["photo.png"] = "unknown format"
    return exp
