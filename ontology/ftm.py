"""The graph as FollowTheMoney (FtM) entities: what sanctions-screening tools load.

yente and the OpenSanctions tooling read FtM JSON lines (``{"id", "schema", "properties"}``),
so exporting our actors and events in that shape lets a screening team load us as a custom
dataset next to the sanctions lists: the media reporting those lists lack. The class mapping
and topics are data (``ontology/ftm.yaml``); every event keeps the URLs and evidence sentences
of the documents that report it, so a hit in yente still leads back to the sentence.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any

import yaml

from ontology import load as load_ontology

MAPPING = Path(__file__).resolve().parent / "ftm.yaml"


@dataclass(frozen=True)
class FtmMapping:
    dataset: str
    actors: dict[str, str]
    actor_topics: dict[str, list[str]]
    events: dict[str, dict[str, Any]]
    default_event: dict[str, Any]

    def event(self, type_: str) -> dict[str, Any]:
        return self.events.get(type_, self.default_event)


@cache
def mapping() -> FtmMapping:
    raw = yaml.safe_load(MAPPING.read_text(encoding="utf-8"))
    return FtmMapping(dataset=raw["dataset"], actors=raw["actors"], actor_topics=raw.get("actor_topics") or {},
                      events=raw["events"], default_event=raw["default_event"])


def _type(labels: list[str], known: list[str]) -> str:
    return load_ontology().most_specific([lb for lb in labels if lb in known]) or ""


def actor_type(labels: list[str]) -> str:
    """The node's most specific entity type of the extraction contract ("" for none)."""
    return _type(labels, load_ontology().entity_types())


def event_type(labels: list[str]) -> str:
    """The node's most specific event type of the extraction contract ("" for none)."""
    return _type(labels, load_ontology().event_types())


def _clean(props: dict[str, list[str]]) -> dict[str, list[str]]:
    return {k: list(dict.fromkeys(v for v in vs if v)) for k, vs in props.items() if any(vs)}


def actor_entity(row: dict[str, Any]) -> dict[str, Any] | None:
    """The FtM entity of one actor row of ``export-ftm-entities`` (None for a class FtM lacks)."""
    m = mapping()
    e = row["entity"]
    ours = actor_type(e["labels"])
    schema = m.actors.get(ours)
    if schema is None or not e.get("name"):
        return None
    topics = list(m.actor_topics.get(ours, []))
    for labels in row["targetedBy"]:
        topics += m.event(event_type(labels))["topics"]
    props = _clean({
        "name": [e["name"]], "alias": [a for a in e.get("aliases") or [] if a != e["name"]],
        "country": [e["country"].lower()] if e.get("country") else [], "topics": sorted(set(topics)),
        "sourceUrl": list(row.get("urls") or []),
    })
    return {"id": e["id"], "schema": schema, "caption": e["name"], "properties": props,
            "datasets": [m.dataset], "target": bool(row["targetedBy"])}


def _label(type_: str, targets: list[dict[str, Any]], laws: list[dict[str, Any]], date: str | None) -> str:
    about = ", ".join(t["name"] for t in targets if t.get("name"))
    about = about or ", ".join(x["name"] for x in laws if x.get("name"))
    when = f" ({date})" if date else ""
    return f"{type_}: {about}{when}" if about else f"{type_}{when}"


def event_entities(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The FtM entities of one event row of ``export-ftm-events``: an Event, or a Sanction per target."""
    m = mapping()
    ev = row["event"]
    ours = event_type(ev["labels"])
    spec = m.event(ours)
    date = ev.get("date")
    reports = row.get("reports") or []
    urls = [r["url"] for r in reports if r.get("url")]
    evidence = [r["evidence"] for r in reports if r.get("evidence")]
    countries = [c["country"].lower() for c in [*row["places"], *row["agents"]] if c.get("country")]
    laws = [x["name"] for x in row["laws"] if x.get("name")]
    if spec["schema"] == "Sanction":
        out = []
        for target in row["targets"]:
            props = _clean({"entity": [target["id"]], "authority": [a["name"] for a in row["agents"]],
                            "country": countries, "program": laws, "startDate": [date] if date else [],
                            "sourceUrl": urls, "summary": evidence[:3]})
            out.append({"id": f"{ev['id']}-{target['id']}", "schema": "Sanction", "properties": props,
                        "datasets": [m.dataset]})
        return out
    actors = {a["id"] for a in row["agents"] if actor_type(a["labels"]) in m.actors}
    involved = [t["id"] for t in row["targets"] if actor_type(t["labels"]) in m.actors]
    props = _clean({
        "name": [_label(ours, row["targets"], row["laws"], date)], "date": [date] if date else [],
        "startDate": [date] if date else [], "organizer": sorted(actors), "involved": involved,
        "location": [p["name"] for p in row["places"]], "country": countries, "program": laws,
        "topics": list(spec["topics"]), "summary": evidence[:3], "sourceUrl": urls, "keywords": [ours],
    })
    return [{"id": ev["id"], "schema": "Event", "properties": props, "datasets": [m.dataset]}]


def entities(actor_rows: Iterable[dict[str, Any]], event_rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every FtM entity of these rows (``export-ftm-entities``, then ``export-ftm-events``)."""
    for row in actor_rows:
        entity = actor_entity(row)
        if entity is not None:
            yield entity
    for row in event_rows:
        yield from event_entities(row)


@dataclass
class FtmStats:
    entities: int = 0
    by_schema: dict[str, int] = field(default_factory=dict)


def write_lines(actor_rows: Iterable[dict[str, Any]], event_rows: Iterable[dict[str, Any]], out: IO[str]) -> FtmStats:
    """The export of these rows as JSON lines (one FtM entity a line) to ``out``."""
    stats = FtmStats()
    for entity in entities(actor_rows, event_rows):
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True) + "\n")
        stats.entities += 1
        stats.by_schema[entity["schema"]] = stats.by_schema.get(entity["schema"], 0) + 1
    return stats
