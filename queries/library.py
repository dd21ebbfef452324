"""Load named, parameterised Cypher queries from ``queries/cypher/<caller>/*.cypher``.

The files are grouped in folders by who uses them (``api/``, ``graph/`` for the graph writer,
``export/``, ``watchlist/``, ``schema/``, ``backup/``, ``cli/`` for operators); a query's name is
its file name, unique across folders. Each file starts with ``//`` header lines::

    // summary: What the query answers, in one line.
    // param rows: list[map] - what the parameter holds
    // returns: the columns it returns
    // autocommit: true        (only for CALL ... IN TRANSACTIONS, which needs its own transactions)
    // access: write           (``read`` when absent; ``write`` changes data, ``destructive`` deletes it)
    // template hops: 1..4 - what the value means

A ``template`` header makes the file a template of several queries: an integer in a declared
range, written into the text where ``{{hops}}`` (or ``{{hops*2}}``) stands, for what Cypher
cannot take as a parameter (the length of a variable-length pattern). Its instances are named
``<name>-<value>`` (``api-paths-1`` .. ``api-paths-4``) and checked like any file; a value
is only ever an integer of the declared range, never text from a request.

The loader checks that the ``$parameters`` in the text are exactly the declared ones, so a
query cannot silently take a value nobody passes, and values only ever travel as parameters.
It also checks the declared access against the clauses the text uses, so that a query that
writes cannot pass for a read: ``enforcegraph query`` runs only read queries unless told
otherwise, and the API's read path refuses anything else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, LiteralString

import neo4j

from queries.errors import QueryError

_PARAM_RE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_HEADER_RE = re.compile(r"^//\s*(summary|param|returns|autocommit|access|template)\b\s*(.*)$")
_TEMPLATE_HEADER_RE = re.compile(r"^([A-Za-z_]\w*)\s*:\s*(\d+)\.\.(\d+)\b")
_PLACEHOLDER_RE = re.compile(r"\{\{\s*([A-Za-z_]\w*)\s*(?:\*\s*(\d+)\s*)?\}\}")
_WRITE_RE = re.compile(r"\b(CREATE|MERGE|SET|REMOVE|DROP|FOREACH|DELETE)\b", re.IGNORECASE)
ACCESS = ("read", "write", "destructive")


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
            elif key == "template":
                continue
            else:
                pname, _, desc = rest.partition(":")
                params[pname.strip()] = desc.strip()
        elif line.strip().startswith("//") and not body:
            continue
        else:
            body.append(line)
    text = "\n".join(body).strip()
    if _PLACEHOLDER_RE.search(source):
        raise ValueError(f"query {name!r}: a {{{{placeholder}}}} outside a template instance")
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


def template_values(name: str, source: str) -> tuple[str, range] | None:
    """The variable and range of a template file (its ``// template`` header), ``None`` for a plain query."""
    found = None
    for line in source.splitlines():
        m = _HEADER_RE.match(line.strip())
        if not line.strip().startswith("//"):
            break
        if m and m.group(1) == "template":
            t = _TEMPLATE_HEADER_RE.match(m.group(2).lstrip(": "))
            if t is None or found is not None:
                raise ValueError(f"query {name!r}: a template header reads '// template <name>: <low>..<high>'")
            found = (t.group(1), range(int(t.group(2)), int(t.group(3)) + 1))
    return found


def render(name: str, source: str, value: int) -> Query:
    """The instance of template ``name`` for ``value`` (an integer of the template's range), checked."""
    template = template_values(name, source)
    if template is None:
        raise QueryError(f"query {name!r} is not a template")
    variable, allowed = template
    if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:
        raise QueryError(f"query {name!r}: {variable} must be an integer from {allowed.start} to "
                         f"{allowed.stop - 1}, not {value!r}")

    def fill(m: re.Match[str]) -> str:
        if m.group(1) != variable:
            raise ValueError(f"query {name!r}: placeholder {m.group(0)!r} is not the template's {variable!r}")
        return str(value * int(m.group(2) or 1))

    return parse(f"{name}-{value}", _PLACEHOLDER_RE.sub(fill, source))


def _files(folder: Traversable) -> Iterator[Traversable]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _files(entry)
        elif entry.name.endswith(".cypher"):
            yield entry


@cache
def _all() -> dict[str, Query]:
    out: dict[str, Query] = {}
    for entry in _files(resources.files("queries").joinpath("cypher")):
        name = entry.name.removesuffix(".cypher")
        source = entry.read_text(encoding="utf-8")
        template = template_values(name, source)
        made = [render(name, source, v) for v in template[1]] if template else [parse(name, source)]
        for query in made:
            if query.name in out:
                raise ValueError(f"two queries named {query.name!r} under queries/cypher/")
            out[query.name] = query
    return out


@contextmanager
def substituted(name: str, source: str | None) -> Iterator[None]:
    """Run ``source`` (a query file's text, e.g. an earlier version's) wherever the named query is asked
    for, until the block ends (``None``: no change). For benchmarks and tests that compare two versions
    of a query on the same graph; never used by the product itself."""
    queries = _all()  # the cached library every caller reads
    original = queries[name]
    if source is not None:
        queries[name] = parse(name, source)
    try:
        yield
    finally:
        queries[name] = original


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
