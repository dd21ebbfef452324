"""Run the API's named queries: read transactions, a time limit, native Python values back.

Every query is run by name through the query library (:func:`queries.stream`, which checks its
parameters); request values only ever travel as parameters. Reads are routed to readers and bounded by ``QUERY_TIMEOUT``
seconds, after which the server aborts the transaction and the API answers 503; a query Neo4j stops
for the memory it needs (one transaction's limit or the server's pool) answers 503 with that
reason too, never 500. Transient failures are not retried here: the 503's Retry-After tells the
client when to try again.
"""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j.exceptions import ClientError, Neo4jError
from neo4j.time import Date, DateTime, Duration, Time

import queries
from api.exc import QueryTimeout, too_large
from queries.driver import memory_limit_of

QUERY_TIMEOUT = 10.0


def native(value: Any) -> Any:
    """Neo4j temporal values (also inside lists and maps) as Python ones."""
    if isinstance(value, Date | DateTime | Time):
        return value.to_native()
    if isinstance(value, Duration):
        return str(value)
    if isinstance(value, list):
        return [native(v) for v in value]
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    return value


def read(driver: neo4j.Driver, database: str, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the named query in a read transaction and return its rows as plain dicts."""
    if not queries.get(name).read_only:  # a bug of ours, never a request's doing: names come from the code
        raise ValueError(f"query {name!r} is not a read query")
    try:
        # notifications off: a query may name a property an older graph does not have yet.
        # One explicit transaction, no driver-side retries: an unreachable or busy server is
        # reported at once (503 with Retry-After) instead of holding the request for seconds.
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS,
                            notifications_min_severity="OFF") as session, \
                session.begin_transaction(timeout=QUERY_TIMEOUT) as tx:
            return [native(row) for row in queries.stream(tx, name, **params)]
    except Neo4jError as exc:
        if isinstance(exc, ClientError) and exc.code and "TransactionTimedOut" in exc.code:
            raise QueryTimeout("the question took too long to answer; narrow it or retry later") from None
        if memory_limit_of(exc):
            raise too_large(exc) from None
        raise
