"""Screening a watchlist against the graph: match, direct events, peer exposure, explained score.

Moved out of the router so that the API, the CSV endpoint, saved watchlists and the benchmark
all screen the same way. What the analyst says wins: their type and home country are used where
the graph disagrees (both shown), and a firm the graph has never heard of - the usual case -
still gets peer exposure from the home country and jurisdictions the analyst gives. ``since``
limits which events count, and every reason says how many it left out; no part of the score is
dropped without a reason saying why.
"""

from __future__ import annotations

import hashlib

from api import convert, params
from api.deps import Graph
from api.exc import InvalidParameter
from api.models import EntityRef, Event, Match, Reason, ScreenPage, ScreenRequest, ScreenResult, WatchItem
from api.services import names
from api.services.profiles import events as events  # also the monitor's (api.services.monitor)
from api.services.profiles import profile_rows

#: Points per direct event, by event type (what a compliance team would weigh most).
DIRECT_POINTS: dict[str, float] = {
    "Raid": 25, "Detention": 25, "Arrest": 25, "Sentence": 25, "Closure": 25, "ExitBan": 20, "Charge": 20,
    "Sanction": 20, "Expulsion": 15, "Fine": 15, "Investigation": 15, "Questioning": 10, "LawRevision": 0,
}
DEFAULT_POINTS = 15.0
DIRECT_CAP = 70.0
PEER_POINTS = 2.0
PEER_CAP = 30.0
MIN_MATCH = 0.6
UNCERTAIN = 0.8
ALIAS = 0.95
FUZZY = 0.9
COUNTRY_CONFLICT = 0.9
SEARCH_CANDIDATES = 50
DIRECT_LIMIT = 50
PEER_LIMIT = 20


def _scored(item: WatchItem, row: dict[str, object]) -> Match:
    assert item.name
    ref = convert.entity_ref(row)
    aliases = [str(a) for a in row.get("aliases") or []]  # type: ignore[attr-defined]
    sims = [(names.similarity(item.name, n), i, n) for i, n in enumerate([ref.name, *aliases])]
    best, index, matched = max(sims, key=lambda s: (s[0].exact, s[0].score, -s[1]))
    if best.exact:
        method = "name" if index == 0 else "alias"
        conf = 1.0 if index == 0 else ALIAS
        explanation = f"the same name as {matched!r} once normalised ({conf:g})"
    else:
        method, conf = "fuzzy", round(FUZZY * best.score, 3)
        explanation = (f"name similarity {best.score:.2f} with {matched!r} (mean of token-sort "
                       f"{best.token_sort:.2f} and token-set {best.token_set:.2f}) x {FUZZY:g}")
    notes = []
    if item.country and ref.country and item.country != ref.country:
        conf = round(conf * COUNTRY_CONFLICT, 3)
        explanation += f", x {COUNTRY_CONFLICT:g} as the graph's home country {ref.country} is not {item.country}"
        notes.append(f"home country {ref.country} in the graph, {item.country} in the watchlist")
    return Match(entity=ref, confidence=conf, method=method, matched_name=matched, name_score=best.score,
                 explanation=explanation, notes=notes)


def match_name(graph: Graph, item: WatchItem, limit: int = 10) -> list[Match]:
    """Graph entities whose name or an alias is like the item's, best first (at least ``MIN_MATCH``)."""
    assert item.name
    lucene = params.lucene_query(names.search_text(item.name))
    if lucene is None:
        return []
    rows = graph.read("api-entity-search", query=lucene, candidates=SEARCH_CANDIDATES, type="Actor", country=None,
                      afterScore=None, afterId="", limit=limit)
    out = [m for m in (_scored(item, row) for row in rows) if m.confidence >= MIN_MATCH]
    out.sort(key=lambda m: (-m.confidence, m.entity.type != (item.type or "Company"), m.entity.id))
    return out


def _by_id(graph: Graph, entity_id: str) -> Match | None:
    rows = profile_rows(graph, entity_id, timeline_limit=1, linked_limit=1)
    if not rows:
        return None
    e = rows[0]["entity"]
    ref = EntityRef(id=e["id"], type=params.entity_type(rows[0]["labels"]), name=e.get("name") or "",
                    country=e.get("country"))
    return Match(entity=ref, confidence=1.0, method="id", matched_name=ref.name, explanation="the id given (1)")


def level(score: float) -> str:
    return "none" if score == 0 else "low" if score < 25 else "medium" if score < 60 else "high"


def _left_out(row: dict[str, int], since: str | None) -> tuple[dict[str, int], str]:
    out = {k: int(row[k]) for k in ("earlier", "undated") if row.get(k)}
    if not out:
        return {}, ""
    parts = [f"{n} {'dated before ' + str(since) if k == 'earlier' else 'undated'}" for k, n in out.items()]
    return out, f"; not counted (since={since}): {', '.join(parts)}"


def _direct_reason(row: dict[str, object], since: str | None) -> Reason:
    by_type = {params.event_type(t["labels"]): int(t["count"]) for t in row["byType"]}  # type: ignore[attr-defined]
    raw = sum(DIRECT_POINTS.get(t, DEFAULT_POINTS) * n for t, n in by_type.items())
    points = min(raw, DIRECT_CAP)
    count = sum(by_type.values())
    left, left_text = _left_out(row, since)  # type: ignore[arg-type]
    parts = ", ".join(f"{n} {t} ({DIRECT_POINTS.get(t, DEFAULT_POINTS):g} each)" for t, n in sorted(by_type.items()))
    window = f" on or after {since}" if since else ""
    text = f"{count} direct event(s){window}" + (f": {parts}" if parts else "")
    if raw > DIRECT_CAP:
        text += f" = {raw:g}, capped at {DIRECT_CAP:g}"
    return Reason(component="direct", points=points, count=count, by_type=by_type, cap=DIRECT_CAP,
                  left_out=left, reason=text + left_text)


def _peer_reason(row: dict[str, object], home: str, jurisdictions: list[str], since: str | None) -> Reason:
    count, firms = int(row["events"]), int(row["firms"])  # type: ignore[call-overload]
    raw = PEER_POINTS * count
    left, left_text = _left_out(row, since)  # type: ignore[arg-type]
    window = f" on or after {since}" if since else ""
    text = (f"{count} event(s){window} against {firms} other {home} firm(s) by {'/'.join(jurisdictions)} "
            f"authorities ({PEER_POINTS:g} each)")
    if raw > PEER_CAP:
        text += f" = {raw:g}, capped at {PEER_CAP:g}"
    return Reason(component="peer", points=min(raw, PEER_CAP), count=count, points_each=PEER_POINTS, cap=PEER_CAP,
                  left_out=left, reason=text + left_text)


def screen_item(graph: Graph, item: WatchItem, request: ScreenRequest, row: int = 0) -> ScreenResult:
    """One watchlist item screened: see the module docstring for the rules."""
    query = item.model_dump(exclude_none=True)
    notes: list[str] = []
    if item.sector or request.sectors:
        notes.append("sectors are not recorded in the graph yet; peers are chosen by home country and "
                     "acting jurisdiction only")
    match: Match | None = None
    candidates: list[Match] = []
    if item.id:
        match = _by_id(graph, item.id)
        if match is None:
            notes.append(f"no entity with id {item.id!r}")
    if match is None and item.name:
        found = match_name(graph, item)
        if found:
            match, candidates = found[0], found[1:4]
    if match is None:
        notes.append("nothing in the graph matches well enough: only peer exposure is screened")
    elif match.confidence < UNCERTAIN:
        notes.append(f"uncertain match ({match.confidence:.2f}); check the entity before relying on the score")

    conflicts: list[str] = []
    graph_type = match.entity.type if match else None
    graph_country = match.entity.country if match else None
    if item.type and graph_type and item.type != graph_type:
        conflicts.append(f"type: {item.type} in the watchlist, {graph_type} in the graph")
    if item.country and graph_country and item.country != graph_country:
        conflicts.append(f"home country: {item.country} in the watchlist, {graph_country} in the graph")
    home = item.country or graph_country
    jurisdictions = sorted(set(item.countries or request.countries or []))

    reasons: list[Reason] = []
    direct_events: list[Event] = []
    if match is not None:
        direct = graph.read("api-screen-direct", id=match.entity.id, since=request.since, limit=DIRECT_LIMIT)[0]
        if not jurisdictions and direct["jurisdictions"]:
            jurisdictions = sorted(direct["jurisdictions"])
            notes.append("jurisdictions not given: using those that acted against the firm itself")
        direct_events = events(graph, direct["ids"])
        reasons.append(_direct_reason(direct, request.since))

    peer_events: list[Event] = []
    peer_count = peer_firms = 0
    if home and jurisdictions:
        peers = graph.read("api-screen-peers", home=home, jurisdictions=jurisdictions, since=request.since,
                           exclude=match.entity.id if match else "", limit=PEER_LIMIT)[0]
        peer_count, peer_firms = int(peers["events"]), int(peers["firms"])
        peer_events = events(graph, peers["ids"])
        reasons.append(_peer_reason(peers, home, jurisdictions, request.since))
    elif not home:
        notes.append("no home country given or known: peer exposure was not screened (give `country`)")
    else:
        notes.append("no jurisdiction given or known: peer exposure was not screened (give `countries`)")
    score = min(100.0, sum(r.points for r in reasons))
    return ScreenResult(
        query=query, row=row, match=match, candidates=candidates, type=item.type or graph_type, home_country=home,
        conflicts=conflicts, jurisdictions=jurisdictions, direct_events=direct_events, peer_events=peer_events,
        peer_event_count=peer_count, peer_firm_count=peer_firms, score=score, level=level(score),
        reasons=reasons, notes=notes)


def screen(graph: Graph, request: ScreenRequest, start: int = 0, limit: int | None = None) -> list[ScreenResult]:
    """Items ``start .. start + limit`` of the request, screened in order."""
    end = len(request.items) if limit is None else min(len(request.items), start + limit)
    return [screen_item(graph, request.items[i], request, row=i) for i in range(start, end)]


def _fingerprint(request: ScreenRequest) -> str:
    return hashlib.sha256(request.model_dump_json().encode("utf-8")).hexdigest()[:16]


def _start(cursor: str | None, request: ScreenRequest) -> int:
    key = params.decode_cursor(cursor, "screen", (int, str))
    if key is None:
        return 0
    start, fingerprint = key
    if fingerprint != _fingerprint(request) or not 0 < start < len(request.items):
        raise InvalidParameter("cursor", "not a cursor of this watchlist (send the same body with it)")
    return int(start)


def screen_page(graph: Graph, request: ScreenRequest, limit: int, cursor: str | None) -> ScreenPage:
    """One page of a screening; the cursor is bound to the request's body, so it cannot page another."""
    if request.since:
        params.partial_date(request.since, "since")
    start = _start(cursor, request)
    results = screen(graph, request, start, limit)
    end = start + len(results)
    nxt = params.encode_cursor("screen", [end, _fingerprint(request)]) if end < len(request.items) else None
    return ScreenPage(items=results, next=nxt, total=len(request.items))
