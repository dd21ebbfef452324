"""Open a Neo4j driver from settings, turning connection failures into one-line errors.

Every entry point (CLI, API, tests) gets its driver here, so an unreachable server or a wrong
password reads the same everywhere: the URI and the reason, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    ConnectionPoolError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from enforcegraph.errors import Neo4jUnavailable
from enforcegraph.settings import Settings, redact

#: The code of the error Neo4j answers logins with after repeated wrong passwords (the driver
#: raises it as a plain ClientError).
RATE_LIMIT_CODE = "Neo.ClientError.Security.AuthenticationRateLimit"


def open_driver(settings: Settings, *, verify: bool = True) -> neo4j.Driver:
    """A driver for the configured server; with ``verify``, fails fast when it cannot log in."""
    uri = settings.bolt_uri
    try:
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=settings.neo4j_auth,
            connection_timeout=settings.neo4j_connect_timeout,
            connection_acquisition_timeout=settings.neo4j_connect_timeout,
            max_transaction_retry_time=15.0,
            notifications_min_severity="OFF",  # server hints are for developers, not users' stderr
        )
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailable(f"cannot use NEO4J_URI {uri!r}: {redact(str(exc))}") from None
    if verify:
        try:
            driver.verify_connectivity()
        except BaseException as exc:
            driver.close()
            raise translate(exc, settings) from None
    return driver


def translate(exc: BaseException, settings: Settings) -> BaseException:
    """Map a driver exception to the user-facing error, one line naming the server (its URI without
    credentials) and the reason; other exceptions pass through unchanged."""
    uri = settings.bolt_uri
    code = getattr(exc, "code", None) or ""
    if code == RATE_LIMIT_CODE:
        return Neo4jUnavailable(
            f"Neo4j at {uri} refuses logins for now after repeated wrong passwords "
            f"(AuthenticationRateLimit); wait a few seconds and check NEO4J_PASSWORD"
        )
    if isinstance(exc, AuthError):
        hint = ""
        if settings.local_neo4j:
            hint = " (the local server keeps the password it was first started with)"
        return Neo4jUnavailable(
            f"Neo4j at {uri} refused the credentials of user {settings.neo4j_auth[0]!r}{hint}"
        )
    if isinstance(exc, IncompleteCommit):
        return Neo4jUnavailable(f"lost Neo4j at {uri} while committing: the last write may or may not have "
                                f"landed; re-running the command is safe")
    if isinstance(exc, SessionExpired | ConnectionPoolError | ConnectionResetError | BrokenPipeError):
        return Neo4jUnavailable(f"lost the connection to Neo4j at {uri}: {_reason(exc)}; re-running the command "
                                f"is safe")
    if isinstance(exc, ServiceUnavailable | OSError):
        hint = "; start it with `enforcegraph neo4j start`" if settings.local_neo4j else ""
        return Neo4jUnavailable(f"cannot reach Neo4j at {uri}: {_reason(exc)}{hint}")
    if isinstance(exc, Neo4jError) and "Database" in code and "NotFound" in code:
        return Neo4jUnavailable(f"Neo4j at {uri} has no database {settings.neo4j_database!r}")
    if isinstance(exc, TransientError):
        return Neo4jUnavailable(f"Neo4j at {uri} is unavailable for now ({code or type(exc).__name__}); "
                                f"retry later")
    return exc


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return redact(first)[:200]


@contextmanager
def driver_session(settings: Settings) -> Iterator[neo4j.Driver]:
    """A verified driver, closed on exit."""
    driver = open_driver(settings)
    try:
        yield driver
    finally:
        driver.close()
