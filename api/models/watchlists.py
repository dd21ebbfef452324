"""Saved watchlists: what is saved, what a check reports, what changed and what was delivered.

A webhook secret is accepted (or generated) on saving and shown once, never in a later answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from api.models.core import EntityRef, EventRef
from api.models.screening import ScreenRequest


class Webhook(BaseModel):
    url: str = Field(max_length=2000, description="Where alerts are POSTed (http or https).")
    secret: str | None = Field(default=None, min_length=16, max_length=200, description=(
        "HMAC-SHA256 key of the `X-Enforcegraph-Signature` header; generated (and shown once) if omitted."))


class WatchlistIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    watchlist: ScreenRequest = Field(description="The items and options, as for POST /screen.")
    webhook: Webhook | None = None

    model_config = {"json_schema_extra": {"examples": [{
        "name": "Suppliers in China", "watchlist": {"items": [{"name": "Mintz Group", "country": "US",
                                                               "countries": ["CN"]}]},
        "webhook": {"url": "https://alerts.example/enforcegraph", "secret": "a-long-shared-secret"}}]}}


class WatchlistOut(BaseModel):
    id: str
    name: str
    items: int = Field(description="How many items it has.")
    watchlist: ScreenRequest
    webhook_url: str | None = None
    webhook_secret: str | None = Field(default=None, description="Only in the answer that generated it.")
    created_at: dt.datetime | None = None
    checked_at: dt.datetime | None = Field(default=None, description="When it was last screened.")

    model_config = {"json_schema_extra": {"examples": [{
        "id": "watchlist-0a1b2c3d4e5f6071", "name": "Suppliers in China", "items": 1,
        "watchlist": {"items": [{"name": "Mintz Group"}]}, "webhook_url": "https://alerts.example/enforcegraph",
        "webhook_secret": None, "created_at": "2026-12-05T10:00:00Z", "checked_at": "2026-12-05T10:00:00Z"}]}}


class WatchlistPage(BaseModel):
    items: list[WatchlistOut]
    next: str | None = None

    model_config = {"json_schema_extra": {"examples": [{"items": [], "next": None}]}}


class WatchChange(BaseModel):
    """An event against a watched entity, with when it happened and when we learned of it."""

    event: EventRef
    entity: EntityRef
    recorded_at: dt.datetime | None = Field(description=(
        "Record time: the first ingestion of a document that reports it (when we learned it)."))
    valid_date: str | None = Field(description="Valid time: when it happened, as precise as the sources.")


class ChangesOut(BaseModel):
    items: list[WatchChange]
    truncated: bool = Field(description="True when `limit` cut the list short.")

    model_config = {"json_schema_extra": {"examples": [{"items": [{
        "event": {"id": "fine-0a1b", "type": "Fine", "date": "2024-05-02", "date_precision": "day"},
        "entity": {"id": "company-47fcfaf65e86913a", "type": "Company", "name": "Mintz Group", "country": "US"},
        "recorded_at": "2026-12-05T10:00:00Z", "valid_date": "2024-05-02"}], "truncated": False}]}}


class CheckOut(BaseModel):
    watchlist: str
    alerts: int = Field(description="New events and score changes found.")
    delivered: int
    failed: list[str] = Field(description="Deliveries that failed after every retry (tried again next check).")

    model_config = {"json_schema_extra": {"examples": [{"watchlist": "watchlist-0a1b2c3d4e5f6071", "alerts": 1,
                                                        "delivered": 1, "failed": []}]}}


class CheckPage(BaseModel):
    items: list[CheckOut]

    model_config = {"json_schema_extra": {"examples": [{"items": []}]}}


class DeliveryPage(BaseModel):
    items: list[dict[str, Any]] = Field(description=(
        "id, kind (event, retraction or score), subject, detail, status (pending, delivered, failed, or logged "
        "when the watchlist has no webhook), attempts, httpStatus, error, createdAt, lastAttemptAt; oldest first."))

    model_config = {"json_schema_extra": {"examples": [{"items": [{
        "id": "delivery-0a1b", "kind": "event", "subject": "fine-0a1b", "detail": "Fine 2024-05-02 against Mintz Group",
        "status": "delivered", "attempts": 2,
        "httpStatus": 200, "error": None, "createdAt": "2026-12-05T10:00:00Z",
        "lastAttemptAt": "2026-12-05T10:00:01Z"}]}]}}
