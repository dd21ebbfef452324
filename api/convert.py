"""Rows of the named queries -> response models (one place for the shared projections)."""

from __future__ import annotations

from typing import Any

from api import params
from api.models import Alternative, Argument, EntityRef, Event, EventDetail, EventRef, ReportedDate, Source
from api.models.types import ROLE_OF


def entity_ref(row: dict[str, Any]) -> EntityRef:
    return EntityRef(id=row["id"], type=params.entity_type(row.get("labels") or []), name=row.get("name") or "",
                     country=row.get("country"))


def source(row: dict[str, Any]) -> Source:
    return Source.model_validate(row)


def event_ref(row: dict[str, Any]) -> EventRef:
    return EventRef(id=row["id"], type=params.event_type(row.get("labels") or []), date=row.get("date"),
                    date_precision=row.get("datePrecision") or params.precision(row.get("date")))


def _event_fields(row: dict[str, Any]) -> dict[str, Any]:
    locations = row.get("locations") or []
    return {
        "id": row["id"], "type": params.event_type(row.get("labels") or []), "date": row.get("date"),
        "date_precision": row.get("datePrecision") or params.precision(row.get("date")),
        "effective_date": row.get("effectiveDate"),
        "effective_precision": row.get("effectivePrecision") or params.precision(row.get("effectiveDate")),
        "confidence": row.get("confidence"), "source_count": row.get("sourceCount"),
        "agents": [entity_ref(x) for x in row.get("agents") or []],
        "targets": [entity_ref(x) for x in row.get("targets") or []],
        "location": entity_ref(locations[0]) if locations else None,
        "laws": [entity_ref(x) for x in row.get("laws") or []],
        "sources": [source(x) for x in row.get("sources") or []],
    }


def event(row: dict[str, Any]) -> Event:
    return Event(**_event_fields(row))


def event_detail(row: dict[str, Any]) -> EventDetail:
    args = row.get("arguments") or []
    by_role: dict[str, list[dict[str, Any]]] = {}
    for a in args:
        by_role.setdefault(a["type"], []).append(a["entity"])
    fields = _event_fields({**row, "agents": by_role.get("AGENT", []), "targets": by_role.get("TARGET", []),
                            "locations": by_role.get("LOCATION", []), "laws": by_role.get("UNDER_LAW", [])})
    arguments = [Argument(role=ROLE_OF[a["type"]], entity=entity_ref(a["entity"]),
                          documents=sorted(a.get("documents") or [])) for a in args if a["type"] in ROLE_OF]
    reported = [ReportedDate(document=r["document"], value=r["value"]) for r in row.get("reportedDates") or []]
    return EventDetail(**fields, arguments=arguments, alternatives=date_alternatives(row), reported_dates=reported)


def date_alternatives(row: dict[str, Any]) -> list[Alternative]:
    """Dates reports give that contradict the event's date (a less or more precise form of it does not)."""
    kept = row.get("date") or ""
    by_value: dict[str, list[str]] = {}
    for r in row.get("reportedDates") or []:
        value = r["value"]
        if kept and (kept.startswith(value) or value.startswith(kept)):
            continue
        by_value.setdefault(value, []).append(r["document"])
    return [Alternative(field="date", value=v, documents=sorted(docs)) for v, docs in sorted(by_value.items())]
