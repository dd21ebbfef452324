"""Request and response models of screening (``POST /screen``, ``/screen/csv``, watchlists).

Kept apart from :mod:`api.models` because screening is a product of its own: a watchlist item
says what the analyst knows (name, type, home country, where the firm works, sector) and the
answer says what the graph knows, side by side, with every number of the score explained.
Countries are checked against the ISO 3166-1 list (``api/data/iso3166.yaml``): a code that
names no country is refused, never used to lower a match.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, Field, model_validator

from api.models.core import EVENT_EXAMPLE, MINTZ, EntityRef, Event, _examples
from api.models.types import PARTIAL_DATE, ItemType

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def iso_countries() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> English short name."""
    data: dict[str, str] = yaml.safe_load((DATA / "iso3166.yaml").read_text(encoding="utf-8"))
    return data


def iso_country(value: str) -> str:
    code = value.strip().upper()
    if code not in iso_countries():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code")
    return code


Country = Annotated[str, Field(min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code."),
                    AfterValidator(iso_country)]
MAX_ITEMS = 1000


class WatchItem(BaseModel):
    """One watchlist entry: an entity id, or a name with what the analyst knows about the firm."""

    id: str | None = Field(default=None, min_length=1, max_length=300, description="An entity id, if known.")
    name: str | None = Field(default=None, min_length=1, max_length=200, description="The firm's (or person's) name.")
    type: ItemType | None = Field(default=None, description=(
        "What the analyst knows it is; wins over the graph's type where they differ (both are shown)."))
    country: Country | None = Field(default=None, description=(
        "Home country; wins over the graph's where they differ (both are shown) and chooses the peers."))
    countries: list[Country] | None = Field(default=None, max_length=50, description=(
        "Jurisdictions where it operates; peers are screened there (default: the request's `countries`, "
        "else the jurisdictions that acted against the firm itself)."))
    sector: str | None = Field(default=None, max_length=100, description="The firm's sector (recorded, see notes).")
    ref: str | None = Field(default=None, max_length=200, description="The caller's own id for the row (echoed).")

    @model_validator(mode="after")
    def _id_or_name(self) -> WatchItem:
        if not self.id and not (self.name and self.name.strip()):
            raise ValueError("each item needs an id or a name")
        return self


class ScreenRequest(BaseModel):
    items: list[WatchItem] = Field(min_length=1, max_length=MAX_ITEMS, description=(
        f"The watchlist (1-{MAX_ITEMS} items); answered a page at a time (see `limit` and `cursor`)."))
    countries: list[Country] | None = Field(default=None, max_length=50, description=(
        "Default jurisdictions for items that give none."))
    sectors: list[str] | None = Field(default=None, max_length=50, description="Sectors of interest (see notes).")
    since: str | None = Field(default=None, pattern=PARTIAL_DATE, description=(
        "Count only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD); each reason says how "
        "many earlier or undated events this left out. Default: every event counts."))

    model_config = {"json_schema_extra": {"examples": [
        {"items": [{"name": "Mintz", "country": "US", "countries": ["CN"]}, {"id": MINTZ},
                   {"name": "Harwick Due Diligence Ltd", "type": "Company", "country": "GB", "countries": ["CN"]}],
         "since": "2023-01-01"}]}}


class Match(BaseModel):
    """The graph entity a watchlist item was matched to, and how sure the match is."""

    entity: EntityRef = Field(description="The entity as the graph has it (its own type and country).")
    confidence: float = Field(description="0-1; `explanation` says how it was reached.")
    method: Literal["id", "name", "alias", "fuzzy"]
    matched_name: str = Field(description="The name or alias that matched.")
    name_score: float = Field(default=1.0, description=(
        "Name similarity 0-1: the mean of the token-sort and token-set ratios of the normalised names."))
    explanation: str = Field(default="", description="How `confidence` was computed, in words and numbers.")
    notes: list[str] = Field(default_factory=list)


class Reason(BaseModel):
    """One part of an exposure score: what was counted, at how many points each, and the cap."""

    component: Literal["direct", "peer"]
    points: float = Field(description="The points this part adds: min(count x points_each, cap).")
    count: int = Field(description="Events counted.")
    points_each: float | None = Field(default=None, description="Points per event (null when it depends on the "
                                                                "event type: see `by_type`).")
    by_type: dict[str, int] = Field(default_factory=dict, description="Counted events by type.")
    cap: float
    left_out: dict[str, int] = Field(default_factory=dict, description=(
        "Events that `since` left out: `earlier` (dated before it) and `undated`."))
    reason: str = Field(description="The same in one sentence.")


class ScreenResult(BaseModel):
    """One watchlist item: its match, its events, its peers' events and its exposure score."""

    query: dict[str, Any] = Field(description="The watchlist item as submitted.")
    row: int = Field(description="0-based position of the item in the submitted list.")
    match: Match | None = Field(description="null when nothing in the graph matches well enough.")
    candidates: list[Match] = Field(default_factory=list, description="Other plausible matches, best first.")
    type: str | None = Field(default=None, description="The type screened: the analyst's, else the graph's.")
    home_country: str | None = Field(default=None, description=(
        "The home country peers were chosen by: the analyst's, else the graph's."))
    conflicts: list[str] = Field(default_factory=list, description=(
        "Where the analyst and the graph disagree (the analyst's value was used)."))
    jurisdictions: list[str] = Field(description="The acting jurisdictions peers were screened in.")
    direct_events: list[Event] = Field(description="Counted events against the matched entity, newest first "
                                                   "(at most 50).")
    peer_events: list[Event] = Field(description="Counted events against other firms of the same home country "
                                                 "by authorities of the jurisdictions (newest 20).")
    peer_event_count: int
    peer_firm_count: int
    score: float = Field(description="Exposure 0-100: the sum of the reasons' points, capped at 100.")
    level: Literal["none", "low", "medium", "high"] = Field(description="none 0, low < 25, medium < 60, high.")
    reasons: list[Reason] = Field(description="Every part of the score, also those that add 0 points.")
    notes: list[str] = Field(default_factory=list)


class ScreenPage(BaseModel):
    items: list[ScreenResult]
    next: str | None = Field(default=None, description="Pass back as `cursor` with the same body for the next page.")
    total: int = Field(description="How many items the watchlist has.")

    model_config = _examples({"items": [{
        "query": {"name": "Mintz", "countries": ["CN"]}, "row": 0,
        "match": {"entity": {"id": MINTZ, "type": "Company", "name": "Mintz Group", "country": "US"},
                  "confidence": 0.95, "method": "alias", "matched_name": "Mintz", "name_score": 1.0,
                  "explanation": "the exact alias 'Mintz' (0.95)", "notes": []},
        "candidates": [], "type": "Company", "home_country": "US", "conflicts": [], "jurisdictions": ["CN"],
        "direct_events": [EVENT_EXAMPLE], "peer_events": [], "peer_event_count": 3, "peer_firm_count": 2,
        "score": 31.0, "level": "medium",
        "reasons": [{"component": "direct", "points": 25.0, "count": 1, "points_each": None, "by_type": {"Raid": 1},
                     "cap": 70.0, "left_out": {}, "reason": "1 direct event: 1 Raid (25 each)"},
                    {"component": "peer", "points": 6.0, "count": 3, "points_each": 2.0, "by_type": {},
                     "cap": 30.0, "left_out": {}, "reason": "3 events against 2 other US firms by CN authorities "
                                                             "(2 each)"}],
        "notes": []}], "next": None, "total": 1})
