"""An entity's profile and timeline: who it is, what happened to it, whom it shares events with,
who reports it, and the revisions of the laws involved.

An id that entity resolution merged into another entity is followed to the survivor, so links
kept by partners keep working; screening reads the same profile to count events of a match.
"""

from __future__ import annotations

from typing import Any

from api import convert, params
from api.deps import Graph
from api.models import EntityProfile, EntityTimeline, Event, LinkedEntity, TimelineEvent
from api.models.types import ROLE_OF
from api.params import NO_ARGUMENT_FILTER, ArgumentFilter
from enforcegraph.errors import NotFound


def _followed(graph: Graph, query: str, id: str, **params: Any) -> list[dict[str, Any]]:
    """The rows of ``query`` for ``id``, following an id that entity resolution merged away."""
    rows = graph.read(query, id=id, **params)
    if not rows:
        survivor = graph.read("api-entity-resolve", id=id)
        if survivor:
            rows = graph.read(query, id=survivor[0]["id"], **params)
    return rows


def profile_rows(graph: Graph, id: str, *, timeline_limit: int, linked_limit: int, scan: bool = False,
                 keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> list[dict[str, Any]]:
    """The profile query's row for ``id``, following an id that entity resolution merged away.

    The newest events come from the list the writer keeps on the entity (:mod:`ingest.graph.recent`);
    ``scan`` reads them from all its events instead (the same answer: the reference for tests).
    ``keep`` leaves out the events where the entity's agent or target role falls below the bound."""
    return _followed(graph, "api-entity-profile", id, timelineLimit=timeline_limit, linkedLimit=linked_limit,
                     scan=scan, **keep.role_params())


def events(graph: Graph, ids: list[str], keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> list[Event]:
    """Events by id with their arguments and sources, in the order given (unknown ids left out);
    ``keep`` leaves out the agents and targets below the bound."""
    if not ids:
        return []
    return [convert.event(r["event"], keep) for r in graph.read("api-events-by-ids", ids=ids)]


def timeline(graph: Graph, id: str, limit: int, keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> EntityTimeline:
    """The entity's newest ``limit`` events in full and every revision of the laws involved, by date;
    with ``keep``, only the events where the entity's agent or target role passes, each listing only
    the agents and targets that pass (one rule with /events: :class:`api.params.ArgumentFilter`)."""
    rows = _followed(graph, "api-entity-timeline", id, limit=limit, **keep.role_params())
    if not rows:
        raise NotFound(f"no entity with id {id!r}")
    row = rows[0]
    return EntityTimeline(entity=convert.entity_ref(row["entity"]), event_count=row["eventCount"],
                          events=events(graph, row["events"], keep),
                          revisions=sorted(events(graph, row["revisions"], keep), key=lambda e: (e.date or "", e.id)))


def _timeline_event(t: dict[str, Any], keep: ArgumentFilter) -> TimelineEvent:
    return TimelineEvent(
        id=t["id"], type=params.event_type(t["labels"]), date=t.get("date"),
        date_precision=params.precision(t.get("date")), role=ROLE_OF[t["role"]],
        agents=[convert.argument_ref(a) for a in t["agents"] if keep.keeps(a.get("probability"))],
        targets=[convert.argument_ref(x) for x in t["targets"] if keep.keeps(x.get("probability"))],
        source_count=t.get("sourceCount"))


def _linked(m: dict[str, Any]) -> LinkedEntity:
    return LinkedEntity(**convert.entity_ref(m).model_dump(), shared_events=m["shared"],
                        roles=sorted(ROLE_OF[r] for r in m["roles"]))


def profile(graph: Graph, id: str, *, timeline_limit: int, linked_limit: int = 25, scan: bool = False,
            keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> EntityProfile:
    """The profile; with ``keep``, its timeline, event count and linked entities count only the roles
    that pass (the entity's own and, for a linked entity, its), and each event lists the agents and
    targets that pass."""
    rows = profile_rows(graph, id, timeline_limit=timeline_limit, linked_limit=linked_limit, scan=scan, keep=keep)
    if not rows:
        raise NotFound(f"no entity with id {id!r}")
    row = rows[0]
    e = row["entity"]
    return EntityProfile(
        id=e["id"], type=params.entity_type(row["labels"]), labels=row["labels"], name=e.get("name") or "",
        aliases=e.get("aliases") or [], country=e.get("country"), external_ids=e.get("externalIds") or [],
        wikidata=e.get("wikidata"), confidence=e.get("confidence"), source_count=e.get("sourceCount"),
        event_count=row["eventCount"], timeline=[_timeline_event(t, keep) for t in row["timeline"]],
        linked=[_linked(m) for m in row["linked"]],
        sources=[convert.source(s) for s in row["sources"]], merges=e.get("merges") or [])
