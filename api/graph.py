"""Run the API's named queries: read transactions, a time limit, native Python values back.

Every query is run by name through the query library (:func:`queries.stream`, which checks its
parameters); request values only ever travel as parameters. Reads are routed to readers and bounded by ``QUERY_TIMEOUT``
seconds, after which the server aborts the transaction and the API answers 503; a query Neo4j stops
for the memory it needs (one transaction's limit or the server's pool) answers 503 with that
reason too, never 500. Transient failures are not retried here: the 503's Retry-After tells the
client when to try again.

Admission control is applied here, where every read transaction is opened: the app registers a
:class:`~api.admission.Gate` for its driver (:func:`admit`) and each read holds one of its slots
for the length of its transaction, so at most ``api_concurrent_queries`` reads run inside Neo4j at
once whatever the number of clients, and the time limit measures the query, not the crowd.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

import neo4j
from neo4j.exceptions import ClientError, Neo4jError
from neo4j.time import Date, DateTime, Duration, Time

import queries
from api.admission import Gate
from api.exc import QueryTimeout, too_large
from queries.driver import memory_limit_of

QUERY_TIMEOUT = 10.0
_gates: WeakKeyDictionary[neo4j.Driver, Gate] = WeakKeyDictionary()


def admit(driver: neo4j.Driver, gate: Gate | None) -> None:
    """Let every read through ``driver`` pass ``gate`` (None: no admission control)."""
    if gate is None:
        _gates.pop(driver, None)
    else:
        _gates[driver] = gate


def gate_of(driver: neo4j.Driver) -> Gate | None:
    """The gate reads through ``driver`` pass, if any."""
    return _gates.get(driver)


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


def read(driver: neo4j.Driver, database: str, name: str, *, resumed: bool = False,
         **params: Any) -> list[dict[str, Any]]:
    """Run the named query in a read transaction and return its rows as plain dicts.

    ``resumed``: the request already ran a query, so it waits ahead of requests that have not."""
    if not queries.get(name).read_only:  # a bug of ours, never a request's doing: names come from the code
        raise ValueError(f"query {name!r} is not a read query")
    gate = _gates.get(driver)
    if gate is None:
        return _read(driver, database, name, params)
    with gate.slot(resumed=resumed):
        return _read(driver, database, name, params)


def _read(driver: neo4j.Driver, database: str, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
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
