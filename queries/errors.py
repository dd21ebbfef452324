"""The errors of the query library: what a caller of ``queries`` can cause or must expect.

The library never knows who called it: the CLI maps these classes to exit statuses in one
table (``enforcegraph/errors.py``) and the API to HTTP statuses in another (``api/exc.py``).
Messages name values (a query name, a server URI), never a command-line flag or an HTTP
parameter, and never credentials.
"""

from __future__ import annotations


class QueriesError(Exception):
    """Base of the errors the query library raises on purpose."""


class QueryError(QueriesError):
    """An unknown query name or parameters that do not fit the query."""


class Neo4jUnavailable(QueriesError):
    """Neo4j cannot be reached, went away, is busy, or refuses our credentials."""


class QueryTooLarge(QueriesError):
    """Neo4j stopped a query for the memory it needed: over the memory one transaction may use
    (``db.memory.transaction.max``), or over the server's pool for all of them. Nothing is wrong
    with the server; a narrower question, or the same one once the pool has room, may pass."""
