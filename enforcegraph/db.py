"""Open a Neo4j driver from settings, turning connection failures into one-line errors.

Every entry point (CLI, API, tests) gets its driver here, so an unreachable server or a wrong
password reads the same everywhere: the URI and the reason, never a traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, Neo4jError, ServiceUnavailable

from enforcegraph.errors import Neo4jUnavailable
from enforcegraph.settings import Settings


def open_driver(settings: Settings, *, verify: bool = True) -> neo4j.Driver:
    """A driver for the configured server; with ``verify``, fails fast when it cannot log in."""
    uri = settings.bolt_uri
    try:
        driver = neo4j.GraphDatabase.driver(
            uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            connection_timeout=settings.neo4j_connect_timeout,
            connection_acquisition_timeout=settings.neo4j_connect_timeout,
            max_transaction_retry_time=15.0,
            notifications_min_severity="OFF",  # server hints are for developers, not users' stderr
        )
    except (ConfigurationError, ValueError) as exc:
        raise Neo4jUnavailable(f"cannot use NEO4J_URI {uri!r}: {exc}") from None
    if verify:
        try:
            driver.verify_connectivity()
        except BaseException as exc:
            driver.close()
            raise translate(exc, settings) from None
    return driver


def translate(exc: BaseException, settings: Settings) -> BaseException:
    """Map a driver exception to the user-facing error (other exceptions pass through)."""
    uri = settings.bolt_uri
    if isinstance(exc, AuthError):
        hint = ""
        if settings.local_neo4j:
            hint = " (the local server keeps the password it was first started with)"
        return Neo4jUnavailable(
            f"Neo4j at {uri} refused the credentials of user {settings.neo4j_user!r}{hint}"
        )
    if isinstance(exc, ServiceUnavailable | OSError):
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        hint = "; start it with `enforcegraph neo4j start`" if settings.local_neo4j else ""
        return Neo4jUnavailable(f"cannot reach Neo4j at {uri}: {reason[:200]}{hint}")
    if isinstance(exc, Neo4jError) and exc.code and "Database" in exc.code and "NotFound" in exc.code:
        return Neo4jUnavailable(f"Neo4j at {uri} has no database {settings.neo4j_database!r}")
    return exc


@contextmanager
def driver_session(settings: Settings) -> Iterator[neo4j.Driver]:
    """A verified driver, closed on exit."""
    driver = open_driver(settings)
    try:
        yield driver
    finally:
        driver.close()
