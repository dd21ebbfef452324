"""Loading our RDF into a partner's Neo4j with neosemantics (n10s): the recipe, runnable.

These queries run on a Neo4j that has the n10s plugin (a partner's, or the tests' second
server), not on the graph the project writes: their labels (``Resource``) are n10s's, not the
ontology's, so they live in ``queries/n10s/`` beside the library and not in it. They are
checked like library queries (declared parameters, declared access) when loaded.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, LiteralString

import neo4j

from queries.library import Query, parse

#: What the tests (and partners) load with: types as labels, repeated values as lists, and
#: literals' datatypes kept, so no statement is merged away on import.
CONFIG: dict[str, Any] = {"handleVocabUris": "SHORTEN", "handleMultival": "ARRAY", "handleRDFTypes": "LABELS",
                          "keepLangTag": True, "keepCustomDataTypes": True}
#: n10s's name of each export syntax it reads.
SYNTAX = {"turtle": "Turtle", "jsonld": "JSON-LD", "ntriples": "N-Triples", "xml": "RDF/XML", "trig": "TriG",
          "nquads": "N-Quads"}


@cache
def get(name: str) -> Query:
    source = resources.files("queries").joinpath("n10s", f"{name}.cypher").read_text(encoding="utf-8")
    return parse(name, source)


def run(driver: neo4j.Driver, name: str, *, database: str | None = None, **params: Any) -> list[dict[str, Any]]:
    query = get(name)
    query.check_params(params)
    text: LiteralString = query.text  # from our own files
    records, _, _ = driver.execute_query(text, params, database_=database)
    return [r.data() for r in records]


def prepare(driver: neo4j.Driver, *, database: str | None = None) -> None:
    """The constraint and graph configuration n10s needs, on an empty graph."""
    run(driver, "n10s-constraint", database=database)
    run(driver, "n10s-config", database=database, config=CONFIG)


def load(driver: neo4j.Driver, rdf: str, fmt: str, *, database: str | None = None) -> dict[str, Any]:
    """Import one RDF document (``fmt``: an export format name); n10s's summary of the import."""
    return run(driver, "n10s-import", database=database, rdf=rdf, format=SYNTAX[fmt])[0]
