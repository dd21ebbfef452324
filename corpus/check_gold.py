"""Check annotated articles against the extraction contract before they join a corpus.

Writers run it on their own folder; CI runs it on every corpus we ship. It checks what a
scorer cannot: that every argument names an entity of the same document, that evidence is a
sentence of the text, that dates have the contract's form, and that the metadata needed to
split by real event (``meta.real_event``) and to audit grounding (``meta.grounding``) is present.

    python corpus/check_gold.py corpus/train/articles/w1 [--no-meta]

Prints one line per problem (``file: reason``) and exits 1 when any is found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ENTITY_TYPES = {"Company", "GovernmentBody", "Person", "Law", "Place", "Organization"}
EVENT_TYPES = {
    "Raid", "Detention", "Arrest", "Questioning", "Investigation", "Charge", "Sentence",
    "Fine", "ExitBan", "Closure", "Expulsion", "Sanction", "LawRevision",
}
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
STYLES = {"wire", "broadsheet", "regional", "state-media", "ngo-release", "government-release",
          "court-report", "aggregator", "magazine", "broadcast"}


def _names(entity: dict[str, Any]) -> set[str]:
    return {entity.get("name", ""), *(entity.get("aliases") or [])} - {""}


def problems(doc: dict[str, Any], *, meta: bool) -> list[str]:
    out: list[str] = []
    for key in ("id", "title", "published", "text", "gold"):
        if not doc.get(key):
            out.append(f"missing {key}")
    if out:
        return out
    text: str = doc["text"]
    if not DATE_RE.match(str(doc["published"])) or len(str(doc["published"])) != 10:
        out.append(f"published {doc['published']!r} is not YYYY-MM-DD")
    gold = doc["gold"]
    entities = gold.get("entities") or []
    known: dict[str, str] = {}
    for e in entities:
        if e.get("type") not in ENTITY_TYPES:
            out.append(f"entity {e.get('name')!r}: type {e.get('type')!r}")
        if e.get("country") is not None and not COUNTRY_RE.match(str(e["country"])):
            out.append(f"entity {e.get('name')!r}: country {e.get('country')!r} is not ISO alpha-2")
        for n in _names(e):
            if n in known and known[n] != e.get("type"):
                out.append(f"name {n!r} given to two entities of different types")
            known[n] = e.get("type", "")
    for i, ev in enumerate(gold.get("events") or []):
        where = f"event {i} ({ev.get('type')})"
        if ev.get("type") not in EVENT_TYPES:
            out.append(f"{where}: unknown type")
        for field in ("date", "effective"):
            value = ev.get(field)
            if value is not None and not DATE_RE.match(str(value)):
                out.append(f"{where}: {field} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        for role in ("agents", "targets", "laws"):
            for name in ev.get(role) or []:
                if name not in known:
                    out.append(f"{where}: {role[:-1]} {name!r} is not an entity name or alias")
        if ev.get("location") and ev["location"] not in known:
            out.append(f"{where}: location {ev['location']!r} is not an entity name or alias")
        if ev.get("type") == "LawRevision":
            if not ev.get("laws"):
                out.append(f"{where}: a LawRevision names its law")
        elif not ev.get("targets"):
            out.append(f"{where}: no target")
        evidence = ev.get("evidence") or ""
        if not evidence or evidence not in text:
            out.append(f"{where}: evidence is not a verbatim span of the text")
    if meta:
        m = doc.get("meta") or {}
        if not m.get("real_event"):
            out.append("meta.real_event missing (the key that keeps one real event in one split)")
        if not m.get("grounding"):
            out.append("meta.grounding missing (the public reporting the article retells)")
        if m.get("style") not in STYLES:
            out.append(f"meta.style {m.get('style')!r} not one of {sorted(STYLES)}")
        if not COUNTRY_RE.match(str(m.get("jurisdiction", ""))):
            out.append("meta.jurisdiction missing (ISO alpha-2 of the acting state)")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--no-meta", action="store_true", help="do not require the meta block")
    args = ap.parse_args(argv)
    bad = 0
    seen: dict[str, Path] = {}
    for folder in args.folders:
        for path in sorted(folder.rglob("*.json")):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                print(f"{path}: unreadable: {exc}")
                bad += 1
                continue
            found = problems(doc, meta=not args.no_meta)
            if doc.get("id") in seen:
                found.append(f"id {doc['id']!r} also used by {seen[doc['id']]}")
            seen[doc.get("id", "")] = path
            if doc.get("id") and path.stem != doc["id"]:
                found.append("file name differs from the id")
            for p in found:
                print(f"{path}: {p}")
            bad += bool(found)
    print(f"{len(seen)} documents checked, {bad} with problems", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
