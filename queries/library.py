"""Load named, parameterised Cypher queries from ``queries/cypher/*.cypher``.

Each file starts with ``//`` header lines::

    // summary: What the query answers, in one line.
    // param rows: list[map] - what the parameter holds
    // returns: the columns it returns
    // autocommit: true        (only for CALL ... IN TRANSACTIONS, which needs its own transactions)
    // access: write           (``read`` when absent; ``write`` changes data, ``destructive`` deletes it)

The loader checks that the ``$parameters`` in the text are exactly the declared ones, so a
query cannot silently take a value nobody passes, and values only ever travel as parameters.
It also checks the declared access against the clauses the text uses, so that a query that
writes cannot pass for a read: ``enforcegraph query`` runs only read queries unless told
otherwise, and the API's read path refuses anything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, LiteralString

import neo4j

from enforcegraph.errors import UsageError

_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_HEADER_RE = re.compile(r"^//\s*(summary|param|returns|autocommit|access)\b\s*(.*)$")
_WRITE_RE = re.compile(r"\b(CREATE|MERGE|SET|REMOVE|DROP|FOREACH|DELETE)\b", re.IGNORECASE)
ACCESS = ("read", "write", "destructive")


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
    access: str = "read"

    @property
    def read_only(self) -> bool:
        return self.access == "read"

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
    summary, returns, params, autocommit, access = "", "", {}, False, "read"
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
            elif key == "access":
                access = rest.lstrip(": ").strip()
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
    _check_access(name, text, access)
    return Query(name=name, text=text, summary=summary, params=params, returns=returns, autocommit=autocommit,
                 access=access)


def _check_access(name: str, text: str, access: str) -> None:
    if access not in ACCESS:
        raise ValueError(f"query {name!r}: access {access!r} is not one of {', '.join(ACCESS)}")
    clauses = {c.upper() for c in _WRITE_RE.findall(text)}
    needed = "destructive" if "DELETE" in clauses else "write" if clauses else "read"
    if needed != access:
        raise ValueError(f"query {name!r} uses {', '.join(sorted(clauses)) or 'no write clause'}: "
                         f"its header must say '// access: {needed}', not {access!r}")


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


def stream(tx: neo4j.Transaction | neo4j.ManagedTransaction, name: str, **params: Any) -> Iterator[dict[str, Any]]:
    """Run a named query in the caller's transaction and yield its records one at a time, for
    results too large to hold in memory (the driver fetches them in batches)."""
    query = get(name)
    query.check_params(params)
    text: LiteralString = query.text  # from our own files, never from a request
    for record in tx.run(text, params):
        yield record.data()


def rows(tx: neo4j.ManagedTransaction, name: str, **params: Any) -> list[dict[str, Any]]:
    """Like :func:`run` in a managed transaction, for queries that return only maps, lists and
    scalars: the records as plain dicts, skipping the driver's per-value graph conversion (a
    third of the export's CPU on large pages)."""
    query = get(name)
    query.check_params(params)
    text: LiteralString = query.text  # from our own files, never from a request
    return [dict(r) for r in tx.run(text, params)]
