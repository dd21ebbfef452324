"""Request and response models of ``POST /match/{dataset}``, in yente's shapes.

A tool written for yente sends ``{"queries": {"<its id>": {"schema", "properties"}}}`` and
reads ``{"responses": {"<its id>": {"status", "results", "total", "query"}}, "matcher", "limit"}``;
every result is an FtM entity (``id, caption, schema, properties, datasets, ...``) with ``score``,
``match`` and ``features``. Field names follow yente exactly (``schema``, ``first_seen``), not
our snake_case-only convention, because compatibility is the point.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

EXAMPLE_QUERY: dict[str, Any] = {"queries": {
    "entity1": {"schema": "Person", "properties": {"name": ["Daisuke Hirano"], "nationality": ["jp"]}},
    "entity2": {"schema": "Company", "properties": {"name": ["Mintz Group LLC"], "jurisdiction": ["us"]}}}}


class EntityExample(BaseModel):
    """One example to match: an FtM schema and its properties (values are lists of strings)."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(default=None, max_length=300)
    schema_: str = Field(alias="schema", max_length=100, examples=["Company"])
    properties: dict[str, str | list[Any]] = Field(examples=[{"name": ["Mintz Group"], "jurisdiction": ["us"]}])


class MatchQuery(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE_QUERY]})

    weights: dict[str, float] = Field(default_factory=dict, description=(
        "Override a feature's coefficient (see `matcher` in the answer)."))
    config: dict[str, Any] = Field(default_factory=dict, description="Accepted for yente compatibility; unused.")
    queries: dict[str, EntityExample] = Field(min_length=1, max_length=100, description=(
        "Examples keyed by the caller's own ids (1-100)."))


class ScoredEntity(BaseModel):
    """An FtM entity of ours with how well it matches the example."""

    model_config = ConfigDict(populate_by_name=True)

    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[str]]
    datasets: list[str] = Field(default_factory=list)
    referents: list[str] = Field(default_factory=list)
    target: bool = Field(default=False, description="True when enforcement events target it.")
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None
    last_change: dt.datetime | None = None
    score: float = Field(description="0-1: the features times their coefficients, summed and clipped.")
    features: dict[str, float]
    match: bool = Field(description="score >= threshold.")


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntity]
    total: TotalSpec
    query: EntityExample


class FeatureDoc(BaseModel):
    description: str
    coefficient: float
    url: str | None = None


class MatchResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "responses": {"entity2": {
            "status": 200, "total": {"value": 1, "relation": "eq"},
            "query": {"id": None, "schema": "Company", "properties": {"name": ["Mintz Group LLC"]}},
            "results": [{"id": "company-47fcfaf65e86913a", "caption": "Mintz Group", "schema": "Company",
                         "properties": {"name": ["Mintz Group"], "country": ["us"], "topics": ["reg.action"]},
                         "datasets": ["enforcegraph"], "referents": [], "target": True, "first_seen": None,
                         "last_seen": None, "last_change": None, "score": 1.0,
                         "features": {"name_similarity": 1.0}, "match": True}]}},
        "matcher": {"name_similarity": {"description": "Best name similarity.", "coefficient": 1.0, "url": None}},
        "limit": 5}]})

    responses: dict[str, EntityMatches]
    matcher: dict[str, FeatureDoc]
    limit: int
