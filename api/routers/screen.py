"""``POST /screen``: screen a compliance watchlist against the graph.

For each item: the entity it matches and how sure the match is, its own events, the events
against its peers (firms of the same home country, acted on by authorities of the same
jurisdictions) since a date, and an exposure score that is the plain sum of listed reasons.
"""

from __future__ import annotations

import difflib
from typing import Annotated

from fastapi import APIRouter, Body, Depends
from pydantic import BaseModel, Field, model_validator

from api import convert, params
from api.deps import Graph, GraphDep, require_write
from api.exc import ERROR_RESPONSES
from api.models import EntityRef, Event, Match, Reason, ScreenPage, ScreenResult
from api.routers.entities import profile_rows
from ingest.identity import normalise_name

router = APIRouter(tags=["screening"], dependencies=[Depends(require_write)], responses=ERROR_RESPONSES)

Country = Annotated[str, Field(pattern=params.COUNTRY, description="ISO 3166-1 alpha-2 code.")]

#: Points per direct event, by event type (what a compliance team would weigh most).
DIRECT_POINTS: dict[str, float] = {
    "Raid": 25, "Detention": 25, "Arrest": 25, "Sentence": 25, "Closure": 25, "ExitBan": 20, "Charge": 20,
    "Sanction": 20, "Expulsion": 15, "Fine": 15, "Investigation": 15, "Questioning": 10, "LawRevision": 0,
}
DIRECT_CAP = 70.0
PEER_POINTS = 2.0
PEER_CAP = 30.0
MIN_MATCH = 0.6
DIRECT_LIMIT = 50
PEER_LIMIT = 20


class WatchItem(BaseModel):
    """One watchlist entry: an entity id, or a name (with its home country to help the match)."""

    id: str | None = Field(default=None, min_length=1, max_length=300, description="An entity id, if known.")
    name: str | None = Field(default=None, min_length=1, max_length=200, description="A firm's name.")
    country: Country | None = Field(default=None, description="The firm's home country (helps the match).")
    countries: list[Country] | None = Field(default=None, max_length=50, description=(
        "Jurisdictions where it operates; peers are screened there (default: the request's `countries`, "
        "else the jurisdictions that acted against the firm itself)."))
    sector: str | None = Field(default=None, max_length=100, description="The firm's sector (recorded, see notes).")

    @model_validator(mode="after")
    def _id_or_name(self) -> WatchItem:
        if not self.id and not (self.name and self.name.strip()):
            raise ValueError("each item needs an id or a name")
        return self


class ScreenRequest(BaseModel):
    items: list[WatchItem] = Field(min_length=1, max_length=100, description="The watchlist (1-100 items).")
    countries: list[Country] | None = Field(default=None, max_length=50, description=(
        "Default jurisdictions for items that give none."))
    sectors: list[str] | None = Field(default=None, max_length=50, description="Sectors of interest (see notes).")
    since: str | None = Field(default=None, pattern=params.PARTIAL_DATE, description=(
        "Only events that may be on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); default: all."))

    model_config = {"json_schema_extra": {"examples": [
        {"items": [{"name": "Mintz", "country": "US", "countries": ["CN"]}, {"id": "company-47fcfaf65e86913a"}],
         "since": "2023-01-01"}]}}


def _similarity(query: str, candidate: str) -> float:
    a, b = normalise_name(query), normalise_name(candidate)
    if not a or not b:
        return 0.0
    return difflib.SequenceMatcher(None, a, b).ratio()


def _match_by_name(graph: Graph, item: WatchItem) -> list[Match]:
    assert item.name
    lucene = params.lucene_query(item.name)
    if lucene is None:
        return []
    rows = graph.read("api-entity-search", query=lucene, candidates=50, type="Actor", country=None,
                      afterScore=None, afterId="", limit=10)
    wanted = normalise_name(item.name)
    out = []
    for row in rows:
        ref = convert.entity_ref(row)
        if normalise_name(row["name"]) == wanted:
            conf, method, matched = 1.0, "name", row["name"]
        elif any(normalise_name(a) == wanted for a in row["aliases"]):
            conf, method = 0.95, "alias"
            matched = next(a for a in row["aliases"] if normalise_name(a) == wanted)
        else:
            scored = [(_similarity(item.name, n), n) for n in [row["name"], *row["aliases"]]]
            best, matched = max(scored)
            conf, method = round(0.9 * best, 3), "fuzzy"
        notes = []
        if item.country and ref.country and item.country.upper() != ref.country:
            conf = round(conf * 0.7, 3)
            notes.append(f"home country {ref.country} differs from the watchlist's {item.country.upper()}")
        if conf >= MIN_MATCH:
            out.append(Match(entity=ref, confidence=conf, method=method, matched_name=matched,
                             notes=notes))
    out.sort(key=lambda m: (-m.confidence, m.entity.type != "Company", m.entity.id))
    return out


def _events(graph: Graph, ids: list[str]) -> list[Event]:
    if not ids:
        return []
    return [convert.event(r["event"]) for r in graph.read("api-events-by-ids", ids=ids)]


def _level(score: float) -> str:
    return "none" if score == 0 else "low" if score < 25 else "medium" if score < 60 else "high"


def screen_item(graph: Graph, item: WatchItem, request: ScreenRequest) -> ScreenResult:
    query = item.model_dump(exclude_none=True)
    notes: list[str] = []
    if item.sector or request.sectors:
        notes.append("sectors are not recorded in the graph yet; peers are chosen by home country and "
                     "acting jurisdiction only")
    candidates: list[Match] = []
    match: Match | None = None
    if item.id:
        rows = profile_rows(graph, item.id, timeline_limit=1, linked_limit=1)
        if rows:
            e = rows[0]["entity"]
            match = Match(entity=EntityRef(id=e["id"], type=params.entity_type(rows[0]["labels"]),
                                           name=e.get("name") or "", country=e.get("country")),
                          confidence=1.0, method="id", matched_name=e.get("name") or "")
        else:
            notes.append(f"no entity with id {item.id!r}")
    if match is None and item.name:
        candidates = _match_by_name(graph, item)
        if candidates:
            match, candidates = candidates[0], candidates[1:4]
    jurisdictions = sorted({c.upper() for c in (item.countries or request.countries or [])})
    if match is None:
        notes.append("nothing in the graph matches well enough")
        return ScreenResult(query=query, match=None, candidates=candidates, jurisdictions=jurisdictions,
                            direct_events=[], peer_events=[], peer_event_count=0, peer_firm_count=0, score=0,
                            level="none", reasons=[], notes=notes)
    if match.confidence < 0.8:
        notes.append(f"uncertain match ({match.confidence:.2f}); check the entity before relying on the score")
    reasons: list[Reason] = []
    direct = graph.read("api-screen-direct", id=match.entity.id, since=request.since, limit=DIRECT_LIMIT)[0]
    if not jurisdictions:
        jurisdictions = sorted(direct["jurisdictions"])
        if jurisdictions:
            notes.append("jurisdictions not given: using those that acted against the firm itself")
    direct_events = _events(graph, direct["ids"])
    since_text = f" since {request.since}" if request.since else ""
    if direct["total"]:
        by_type: dict[str, int] = {}
        for ev in direct_events:
            by_type[ev.type] = by_type.get(ev.type, 0) + 1
        raw = sum(DIRECT_POINTS.get(t, 15) * n for t, n in by_type.items())
        points = min(raw, DIRECT_CAP)
        parts = ", ".join(f"{n} {t} ({DIRECT_POINTS.get(t, 15):g} each)" for t, n in sorted(by_type.items()))
        capped = f", capped at {DIRECT_CAP:g}" if raw > DIRECT_CAP else ""
        reasons.append(Reason(points=points, reason=f"{direct['total']} direct event(s){since_text}: {parts}{capped}"))
    peer_events: list[Event] = []
    peer_count = peer_firms = 0
    home = match.entity.country
    if home and jurisdictions:
        peers = graph.read("api-screen-peers", home=home, jurisdictions=jurisdictions, since=request.since,
                           exclude=match.entity.id, limit=PEER_LIMIT)[0]
        peer_count, peer_firms = peers["events"], peers["firms"]
        peer_events = _events(graph, peers["ids"])
        if peer_count:
            raw = PEER_POINTS * peer_count
            capped = f", capped at {PEER_CAP:g}" if raw > PEER_CAP else ""
            reasons.append(Reason(points=min(raw, PEER_CAP), reason=(
                f"{peer_count} event(s){since_text} against {peer_firms} other {home} firm(s) by "
                f"{'/'.join(jurisdictions)} authorities ({PEER_POINTS:g} each{capped})")))
    elif not home:
        notes.append("the matched entity has no home country: peers cannot be screened")
    else:
        notes.append("no jurisdiction given or known: peers were not screened")
    score = min(100.0, sum(r.points for r in reasons))
    return ScreenResult(query=query, match=match, candidates=candidates, jurisdictions=jurisdictions,
                        direct_events=direct_events, peer_events=peer_events, peer_event_count=peer_count,
                        peer_firm_count=peer_firms, score=score, level=_level(score),
                        reasons=reasons, notes=notes)


@router.post("/screen", response_model=ScreenPage, summary="Screen a compliance watchlist")
def screen(graph: GraphDep, request: Annotated[ScreenRequest, Body()]) -> ScreenPage:
    """Needs a write key (every POST does).

    For each watchlist item, in the order given:

    * the matched entity and how sure the match is: 1 for an id or the exact name, 0.95 for an
      alias, a fuzzy ratio x 0.9 otherwise, x 0.7 when the home country disagrees; matches under
      0.6 are not taken (`candidates` lists the runners-up);
    * its direct events (it is the target) since `since`;
    * the events against peer firms (same home country, acted on by authorities of the item's
      jurisdictions) since `since`;
    * an exposure score: the sum of the points each reason lists (direct events by type, 10-25
      points each, at most 70; peer events 2 points each, at most 30), and its level
      (none, low < 25, medium < 60, high).
    """
    if request.since:
        params.partial_date(request.since, "since")
    return ScreenPage(items=[screen_item(graph, item, request) for item in request.items], next=None)
