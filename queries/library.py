"""Load named, parameterised Cypher queries from ``queries/cypher/*.cypher``.

Each file starts with ``//`` header lines::

    // summary: What the query answers, in one line.
    // param rows: list[map] - what the parameter holds
    // returns: the columns it returns
    // autocommit: true        (only for CALL ... IN TRANSACTIONS, which needs its own transactions)

The loader checks that the ``$parameters`` in the text are exactly the declared ones, so a
query cannot silently take a value nobody passes, and values only ever travel as parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, LiteralString

import neo4j

from enforcegraph.errors import UsageError

_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_HEADER_RE = re.compile(r"^//\s*(summary|param|returns|autocommit)\b\s*(.*)$")


class QueryError(UsageError):
    """An unknown query name or parameters that do not fit the query."""


@dataclass(frozen=True)
class Query:
    name: str
    text: str
    summary: str
    params: dict[str, str] = field(default_factory=dict)
    returns: str = ""
    autocommit: bool = False

    def check_params(self, given: dict[str, Any]) -> None:
        missing = sorted(set(self.params) - set(given))
        extra = sorted(set(given) - set(self.params))
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing " + ", ".join(missing))
            if extra:
                parts.append("unknown " + ", ".join(extra))
            raise QueryError(f"query {self.name!r}: {'; '.join(parts)} parameter(s)")


def parse(name: str, source: str) -> Query:
    summary, returns, params, autocommit = "", "", {}, False
    body: list[str] = []
    for line in source.splitlines():
        m = _HEADER_RE.match(line.strip()) if not body else None
        if m:
            key, rest = m.groups()
            if key == "summary":
                summary = rest.lstrip(": ").strip()
            elif key == "returns":
                returns = rest.lstrip(": ").strip()
            elif key == "autocommit":
                autocommit = rest.lstrip(": ").strip() == "true"
            else:
                pname, _, desc = rest.partition(":")
                params[pname.strip()] = desc.strip()
        elif line.strip().startswith("//") and not body:
            continue
        else:
            body.append(line)
    text = "\n".join(body).strip()
    if not summary:
        raise ValueError(f"query {name!r} has no '// summary:' header")
    used = set(_PARAM_RE.findall(text))
    if used != set(params):
        raise ValueError(f"query {name!r}: header declares {sorted(params)}, text uses {sorted(used)}")
    return Query(name=name, text=text, summary=summary, params=params, returns=returns, autocommit=autocommit)


@cache
def _all() -> dict[str, Query]:
    folder = resources.files("queries").joinpath("cypher")
    out = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".cypher"):
            name = entry.name.removesuffix(".cypher")
            out[name] = parse(name, entry.read_text(encoding="utf-8"))
    return out


def names() -> list[str]:
    return sorted(_all())


def get(name: str) -> Query:
    try:
        return _all()[name]
    except KeyError:
        raise QueryError(f"no query named {name!r}; known: {', '.join(names())}") from None


def run(
    target: neo4j.Driver | neo4j.ManagedTransaction, name: str, *, database: str | None = None, **params: Any,
) -> list[dict[str, Any]]:
    """Run a named query with parameters and return its records as dicts.

    ``target`` is a driver (one auto-retried transaction, routed by the query's kind) or a
    transaction the caller manages (for batches that must commit together).
    """
    query = get(name)
    query.check_params(params)
    text: LiteralString = query.text  # from our own files, never from a request
    if isinstance(target, neo4j.Driver) and query.autocommit:
        with target.session(database=database) as session:
            return [r.data() for r in session.run(text, params)]
    if isinstance(target, neo4j.Driver):
        records, _, _ = target.execute_query(text, params, database_=database)
        return [r.data() for r in records]
    return [r.data() for r in target.run(text, params)]


def rows(tx: neo4j.ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    """Like :func:`run` in a managed transaction, for queries that return only maps, lists and
    scalars: the records as plain dicts, skipping the driver's per-value graph conversion (a
    third of the export's CPU on large pages)."""
    query = get(name)
    query.check_params(params)
    text: LiteralString = query.text  # from our own files, never from a request
    return [dict(r) for r in tx.run(text, params)]
