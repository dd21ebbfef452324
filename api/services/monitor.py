"""Saved watchlists and their monitoring: re-screen, compare with the last state, alert.

A watchlist is saved with the state of its first screening (each item's matched entity, event
ids and score), so saving alerts nothing. Every check - after an ingest, from the CLI or the API -
screens it again and sends one signed webhook per event a watched firm gained, per event it
lost (a document removed or corrected: the corrections feed) and per score that changed. Each
alert has a delivery id derived from what it is about, claimed in the graph before it is sent,
so a second check never sends it twice; failed alerts are retried at the next check. The
delivery log keeps every alert and outcome, also for watchlists without a webhook.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass, field
from typing import Any

import neo4j

from api.deps import Graph
from api.exc import InvalidParameter
from api.graph import native
from api.models import ScreenRequest, ScreenResult
from api.services import screening, webhooks
from enforcegraph.errors import NotFound
from queries import run

State = dict[str, dict[str, Any]]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def state_of(graph: Graph, results: list[ScreenResult]) -> State:
    """Per item row: the matched entity, every event against it (any date) and the score."""
    ids = sorted({r.match.entity.id for r in results if r.match})
    events = {row["entity"]: row["events"] for row in graph.read("watchlist-entity-events", ids=ids)} if ids else {}
    return {str(r.row): {"entity": r.match.entity.id if r.match else None,
                         "events": events.get(r.match.entity.id, []) if r.match else [], "score": r.score}
            for r in results}


def _check_webhook(url: str | None, secret: str | None) -> None:
    if url is None:
        return
    if not url.startswith(("https://", "http://")):
        raise InvalidParameter("webhook.url", "expected an http(s) URL")
    if secret is not None and len(secret) < 16:
        raise InvalidParameter("webhook.secret", "at least 16 characters")


@dataclass
class Saved:
    id: str
    name: str
    request: ScreenRequest
    webhook_url: str | None
    secret: str | None
    state: State
    created_at: Any = None
    checked_at: Any = None


def save(driver: neo4j.Driver, database: str, name: str, request: ScreenRequest, *, webhook_url: str | None,
         secret: str | None, watchlist_id: str | None = None) -> tuple[Saved, str | None]:
    """Save (or replace) a watchlist with its first screening as the baseline.

    Returns it and the webhook secret when the server generated one (shown once, never again).
    """
    _check_webhook(webhook_url, secret)
    generated = None
    if webhook_url and not secret:
        secret = generated = secrets.token_urlsafe(32)
    wid = watchlist_id or "watchlist-" + secrets.token_hex(8)
    graph = Graph(driver, database)
    state = state_of(graph, screening.screen(graph, request))
    run(driver, "watchlist-save", database=database, id=wid, title=name, request=request.model_dump_json(),
        webhookUrl=webhook_url, webhookSecret=secret if webhook_url else None, state=json.dumps(state), now=_now())
    return get(driver, database, wid), generated


def _saved(row: dict[str, Any]) -> Saved:
    return Saved(id=row["id"], name=row["name"], request=ScreenRequest.model_validate_json(row["request"]),
                 webhook_url=row.get("webhookUrl"), secret=row.get("webhookSecret"),
                 state=json.loads(row.get("state") or "{}"), created_at=row.get("createdAt"),
                 checked_at=row.get("checkedAt"))


def get(driver: neo4j.Driver, database: str, watchlist_id: str) -> Saved:
    rows = run(driver, "watchlist-get", database=database, id=watchlist_id)
    if not rows:
        raise NotFound(f"no watchlist with id {watchlist_id!r}")
    return _saved(native(rows[0]["watchlist"]))


def all_saved(driver: neo4j.Driver, database: str) -> list[Saved]:
    return [_saved(native(r["watchlist"])) for r in run(driver, "watchlist-get", database=database, id=None)]


def delete(driver: neo4j.Driver, database: str, watchlist_id: str) -> None:
    if not run(driver, "watchlist-delete", database=database, id=watchlist_id):
        raise NotFound(f"no watchlist with id {watchlist_id!r}")


@dataclass
class Alert:
    kind: str  # "event" | "retraction" | "score"
    subject: str
    payload: dict[str, Any]


@dataclass
class CheckReport:
    watchlist: str
    alerts: int = 0
    delivered: int = 0
    failed: list[str] = field(default_factory=list)


def _alerts(graph: Graph, saved: Saved, results: list[ScreenResult], state: State) -> list[Alert]:
    """New events of watched firms, retracted ones (a document removed or corrected), changed scores."""
    out: list[Alert] = []
    head = {"watchlist": {"id": saved.id, "name": saved.name}}
    for r in results:
        before = saved.state.get(str(r.row), {"entity": None, "events": [], "score": 0.0})
        now = state[str(r.row)]
        known, current = set(before.get("events") or []), set(now["events"])
        item = {"row": r.row, "query": r.query, "entity": r.match.entity.model_dump() if r.match else None,
                "score": r.score, "previous_score": before.get("score", 0.0), "level": r.level}
        for event in screening.events(graph, sorted(current - known)):
            out.append(Alert("event", event.id, {**head, "type": "event", **item,
                                                 "event": event.model_dump(mode="json")}))
        if before.get("entity") and before.get("entity") == now["entity"]:
            gone = sorted(known - current)
            still = {e.id for e in screening.events(graph, gone)}
            for event_id in gone:
                why = ("it is no longer reported against this firm" if event_id in still
                       else "no document reports it any more (removed or corrected)")
                out.append(Alert("retraction", event_id, {**head, "type": "retraction", **item,
                                                          "event_id": event_id, "reason": why}))
        if r.score != before.get("score", 0.0):
            out.append(Alert("score", f"{r.row}:{r.score:g}:{before.get('score', 0.0):g}", {
                **head, "type": "score", **item, "reasons": [x.model_dump() for x in r.reasons]}))
    return out


def _detail(alert: Alert) -> str:
    p = alert.payload
    firm = (p.get("entity") or {}).get("name") or (p.get("query") or {}).get("name") or f"row {p.get('row')}"
    if alert.kind == "event":
        ev = p["event"]
        return f"{ev['type']} {ev.get('date') or '(undated)'} against {firm}"
    if alert.kind == "retraction":
        return f"event {alert.subject} against {firm} retracted: {p['reason']}"
    return f"score of {firm}: {p['previous_score']:g} -> {p['score']:g}"


def check(driver: neo4j.Driver, database: str, saved: Saved,
          policy: webhooks.Policy = webhooks.DEFAULT) -> CheckReport:
    """Re-screen one watchlist, send its new alerts, record the new state and every delivery."""
    graph = Graph(driver, database)
    results = screening.screen(graph, saved.request)
    report = CheckReport(saved.id)
    state = state_of(graph, results)
    for alert in _alerts(graph, saved, results, state):
        report.alerts += 1
        key = hashlib.sha256(f"{saved.id}|{alert.kind}|{alert.subject}".encode()).hexdigest()[:24]
        delivery_id = f"delivery-{key}"
        claim = run(driver, "webhook-delivery-claim", database=database, id=delivery_id, watchlist=saved.id,
                    kind=alert.kind, subject=alert.subject, detail=_detail(alert), now=_now())[0]
        if claim["status"] in ("delivered", "logged"):
            continue
        if not saved.webhook_url or not saved.secret:  # the log is the feed
            run(driver, "webhook-delivery-record", database=database, id=delivery_id, status="logged", attempts=0,
                httpStatus=None, error=None, now=_now())
            continue
        body = json.dumps({**alert.payload, "delivery": delivery_id,
                           "sent_at": _now().isoformat()}, sort_keys=True).encode("utf-8")
        outcome = webhooks.deliver(saved.webhook_url, saved.secret, body, delivery_id, policy)
        run(driver, "webhook-delivery-record", database=database, id=delivery_id,
            status="delivered" if outcome.delivered else "failed", attempts=outcome.attempts,
            httpStatus=outcome.http_status, error=outcome.error, now=_now())
        if outcome.delivered:
            report.delivered += 1
        else:  # not known yet, so the next check tries again
            report.failed.append(delivery_id)
            row = state[str(alert.payload["row"])]
            if alert.kind == "event":
                row["events"] = [e for e in row["events"] if e != alert.subject]
            elif alert.kind == "retraction":
                row["events"] = sorted({*row["events"], alert.subject})
            else:
                row["score"] = alert.payload["previous_score"]
    run(driver, "watchlist-state", database=database, id=saved.id, state=json.dumps(state), now=_now())
    return report


def check_all(driver: neo4j.Driver, database: str, policy: webhooks.Policy = webhooks.DEFAULT) -> list[CheckReport]:
    """Every saved watchlist checked (what to run after an ingest)."""
    return [check(driver, database, saved, policy) for saved in all_saved(driver, database)]


def deliveries(driver: neo4j.Driver, database: str, watchlist_id: str, kind: str | None = None,
               limit: int = 500) -> list[dict[str, Any]]:
    get(driver, database, watchlist_id)
    return [native(r["delivery"]) for r in run(driver, "webhook-deliveries", database=database, watchlist=watchlist_id,
                                               kind=kind, limit=limit)]


def changes(driver: neo4j.Driver, database: str, watchlist_id: str, *, since: dt.datetime | None,
            since_date: str | None, limit: int) -> list[dict[str, Any]]:
    """Events against the watchlist's matched entities, by record time and/or valid time."""
    saved = get(driver, database, watchlist_id)
    ids = sorted({row["entity"] for row in saved.state.values() if row.get("entity")})
    rows = run(driver, "watchlist-changes", database=database, ids=ids, since=since, sinceDate=since_date,
               limit=limit) if ids else []
    return [native(r) for r in rows]
