"""Rows of the named queries -> response models (one place for the shared projections)."""

from __future__ import annotations

from typing import Any

from api import params
from api.models import Alternative, Argument, EntityRef, Event, EventDetail, EventRef, ReportedDate, Source
from api.models.core import ArgumentRef
from api.models.types import ROLE_OF, SCORED_ARGUMENT_TYPES
from api.params import NO_ARGUMENT_FILTER, ArgumentFilter

#: The API roles whose arguments carry a probability (agent, target), from the ontology.
SCORED_ROLES = {ROLE_OF[t] for t in SCORED_ARGUMENT_TYPES}


def entity_ref(row: dict[str, Any]) -> EntityRef:
    return EntityRef(id=row["id"], type=params.entity_type(row.get("labels") or []), name=row.get("name") or "",
                     country=row.get("country"))


def source(row: dict[str, Any]) -> Source:
    return Source.model_validate(row)


def event_ref(row: dict[str, Any]) -> EventRef:
    return EventRef(id=row["id"], type=params.event_type(row.get("labels") or []), date=row.get("date"),
                    date_precision=row.get("datePrecision") or params.precision(row.get("date")))


def argument_ref(row: dict[str, Any]) -> ArgumentRef:
    return ArgumentRef(**entity_ref(row).model_dump(), probability=row.get("probability"))


def _event_fields(row: dict[str, Any], keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> dict[str, Any]:
    locations = row.get("locations") or []
    return {
        "id": row["id"], "type": params.event_type(row.get("labels") or []), "date": row.get("date"),
        "date_precision": row.get("datePrecision") or params.precision(row.get("date")),
        "effective_date": row.get("effectiveDate"),
        "effective_precision": row.get("effectivePrecision") or params.precision(row.get("effectiveDate")),
        "confidence": row.get("confidence"), "source_count": row.get("sourceCount"), "status": row.get("status"),
        "agents": [argument_ref(x) for x in row.get("agents") or [] if keep.keeps(x.get("probability"))],
        "targets": [argument_ref(x) for x in row.get("targets") or [] if keep.keeps(x.get("probability"))],
        "location": entity_ref(locations[0]) if locations else None,
        "laws": [entity_ref(x) for x in row.get("laws") or []],
        "sources": [source(x) for x in row.get("sources") or []],
    }


def event(row: dict[str, Any], keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> Event:
    """An event of a list; ``keep`` leaves out the agents and targets below the request's bound."""
    return Event(**_event_fields(row, keep))


def _argument(a: dict[str, Any]) -> Argument:
    judged = dict(zip(a.get("judgedBy") or [], a.get("probabilities") or [], strict=False))
    return Argument(role=ROLE_OF[a["type"]], entity=entity_ref(a["entity"]), documents=sorted(a.get("documents") or []),
                    probability=a.get("probability"), probabilities=dict(sorted(judged.items())))


def event_detail(row: dict[str, Any], keep: ArgumentFilter = NO_ARGUMENT_FILTER) -> EventDetail:
    args = [a for a in row.get("arguments") or [] if a["type"] in ROLE_OF
            and (ROLE_OF[a["type"]] not in SCORED_ROLES or keep.keeps(a.get("probability")))]
    by_role: dict[str, list[dict[str, Any]]] = {}
    for a in args:
        by_role.setdefault(a["type"], []).append({**a["entity"], "probability": a.get("probability")})
    fields = _event_fields({**row, "agents": by_role.get("AGENT", []), "targets": by_role.get("TARGET", []),
                            "locations": by_role.get("LOCATION", []), "laws": by_role.get("UNDER_LAW", [])})
    return EventDetail(**fields, arguments=[_argument(a) for a in args], alternatives=date_alternatives(row),
                       reported_dates=_per_document(row.get("reportedDates")),
                       inferred_dates=_per_document(row.get("inferredDates")))


def _per_document(rows: list[dict[str, Any]] | None) -> list[ReportedDate]:
    """The date each document gives (``reportedDates``) or its story suggests (``inferredDates``)."""
    return [ReportedDate(document=r["document"], value=r["value"]) for r in rows or []]


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
