"""The shell's side of the Neo4j driver: settings in, :class:`queries.Connection` out.

Only the shells (this CLI and the API) read :class:`Settings`; the driver code itself lives in
:mod:`queries.driver` and takes plain values. Here the settings become a connection, with the
hints only the product knows (how to start the local server, what its password is).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import neo4j

from enforcegraph.settings import Settings
from queries.driver import RATE_LIMIT_CODE, Connection
from queries.driver import driver_session as _driver_session

__all__ = ["RATE_LIMIT_CODE", "connection_of", "driver_session", "open_driver", "translate"]


def connection_of(settings: Settings) -> Connection:
    """The connection the settings describe."""
    user, password = settings.neo4j_auth
    local = settings.local_neo4j
    return Connection(
        uri=settings.bolt_uri, user=user, password=password, database=settings.neo4j_database,
        connect_timeout=settings.neo4j_connect_timeout,
        auth_hint=" (the local server keeps the password it was first started with)" if local else "",
        unreachable_hint="; start it with `enforcegraph neo4j start`" if local else "",
        uri_label="NEO4J_URI", login_label="NEO4J_PASSWORD",
    )


def open_driver(settings: Settings, *, verify: bool = True) -> neo4j.Driver:
    """A driver for the configured server; with ``verify``, fails fast when it cannot log in."""
    return connection_of(settings).open(verify=verify)


def translate(exc: BaseException, settings: Settings) -> BaseException:
    """The driver exception as the user-facing error (see :meth:`queries.Connection.translate`)."""
    return connection_of(settings).translate(exc)


@contextmanager
def driver_session(settings: Settings) -> Iterator[neo4j.Driver]:
    """A verified driver, closed on exit."""
    with _driver_session(connection_of(settings)) as driver:
        yield driver
