"""Matching by example, the way yente's ``POST /match/{dataset}`` does, over our graph.

Screening tools built for yente send a batch of FollowTheMoney "examples" keyed by their own
ids and read back scored candidates with ``match``, ``score`` and ``features``. Speaking the same
shapes (see :mod:`api.models.match`) lets them add our media-reported enforcement events to
their sanctions screening without new code. The name comparison is the screening one
(:mod:`api.services.names`); the features and their coefficients are listed in every answer.
"""

from __future__ import annotations

from typing import Any

from api import params
from api.deps import Graph
from api.exc import InvalidParameter
from api.models import EntityExample, EntityMatches, FeatureDoc, MatchQuery, ScoredEntity, TotalSpec, iso_countries
from api.services import names
from ontology import ftm

#: FtM schemas a query may use -> the FtM schemas of our entities it can match.
MATCHABLE: dict[str, set[str]] = {
    "Thing": {"Person", "Company", "Organization", "PublicBody"},
    "LegalEntity": {"Person", "Company", "Organization", "PublicBody"},
    "Person": {"Person"},
    "Organization": {"Company", "Organization", "PublicBody"},
    "Company": {"Company", "Organization"},
    "PublicBody": {"PublicBody", "Organization"},
}
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "abbreviation")
COUNTRY_PROPS = ("country", "jurisdiction", "nationality", "citizenship", "mainCountry", "registrationCountry")
FEATURES: dict[str, FeatureDoc] = {
    "name_similarity": FeatureDoc(coefficient=1.0, description=(
        "Best similarity of a query name with the entity's name or aliases: mean of rapidfuzz token-sort and "
        "token-set ratios after transliteration, case folding, '&' = 'and' and legal forms dropped.")),
    "country_mismatch": FeatureDoc(coefficient=-0.1, description=(
        "1 when both sides name countries and none is shared.")),
}
DATASETS = ("enforcegraph", "default")
ALGORITHMS = ("enforcegraph-name", "best", "default", "name-based", "logic-v1", "logic-v2")
CANDIDATES = 50


def _values(example: EntityExample, props: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for prop in props:
        raw = example.properties.get(prop)
        values = raw if isinstance(raw, list) else [raw] if raw is not None else []
        out += [str(v).strip() for v in values if isinstance(v, str | int | float) and str(v).strip()]
    return out


def _countries(key: str, example: EntityExample) -> set[str]:
    codes = set()
    for value in _values(example, COUNTRY_PROPS):
        code = value.upper()
        if code not in iso_countries():
            raise InvalidParameter(f"queries.{key}.properties", f"{value!r} is not an ISO 3166-1 alpha-2 country code")
        codes.add(code)
    return codes


def check_request(dataset: str, algorithm: str) -> None:
    if dataset not in DATASETS:
        raise InvalidParameter("dataset", f"unknown dataset {dataset!r}; this service has {', '.join(DATASETS)}")
    if algorithm not in ALGORITHMS:
        raise InvalidParameter("algorithm", f"unknown algorithm {algorithm!r}; one of {', '.join(ALGORITHMS)} "
                                            "(all use the same name matcher)")


def _score(features: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(v * weights.get(k, FEATURES[k].coefficient) for k, v in features.items())
    return round(max(0.0, min(1.0, total)), 4)


def match_one(graph: Graph, key: str, example: EntityExample, query: MatchQuery, *, limit: int, threshold: float,
              cutoff: float, topics: list[str], exclude_schema: list[str],
              exclude_ids: list[str]) -> EntityMatches:
    if example.schema_ not in MATCHABLE:
        raise InvalidParameter(f"queries.{key}.schema", f"cannot match schema {example.schema_!r}; one of "
                                                        f"{', '.join(MATCHABLE)}")
    wanted = _values(example, NAME_PROPS)
    if not wanted:
        raise InvalidParameter(f"queries.{key}.properties", "needs at least one name (properties.name)")
    countries = _countries(key, example)
    schemas = MATCHABLE[example.schema_] - set(exclude_schema)
    ids: dict[str, None] = {}
    for name in wanted[:5]:
        lucene = params.lucene_query(names.search_text(name))
        if lucene is None:
            continue
        for row in graph.read("api-entity-search", query=lucene, candidates=CANDIDATES, type="Actor", country=None,
                              afterScore=None, afterId="", limit=CANDIDATES):
            if row["id"] not in exclude_ids:
                ids.setdefault(row["id"], None)
    scored: list[ScoredEntity] = []
    for row in graph.read("ftm-entities-by-ids", ids=list(ids)) if ids else []:
        entity = ftm.actor_entity(row)
        if entity is None or entity["schema"] not in schemas:
            continue
        props: dict[str, list[str]] = entity["properties"]
        if topics and not set(topics) & set(props.get("topics", [])):
            continue
        theirs = [*props.get("name", []), *props.get("alias", [])]
        best = max((names.similarity(a, b).score for a in wanted for b in theirs), default=0.0)
        their_countries = {c.upper() for c in props.get("country", [])}
        features = {"name_similarity": best}
        if countries and their_countries and not countries & their_countries:
            features["country_mismatch"] = 1.0
        score = _score(features, query.weights)
        if score >= cutoff:
            scored.append(ScoredEntity.model_validate({**entity, "score": score, "features": features,
                                                       "match": score >= threshold}))
    scored.sort(key=lambda s: (-s.score, s.id))
    echo: dict[str, Any] = {"id": example.id, "schema": example.schema_, "properties": {
        k: v if isinstance(v, list) else [v] for k, v in example.properties.items()}}
    return EntityMatches(results=scored[:limit], total=TotalSpec(value=len(scored)),
                         query=EntityExample.model_validate(echo))
