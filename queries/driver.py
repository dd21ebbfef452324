"""Open a Neo4j driver from a :class:`Connection`, turning driver failures into one-line errors.

Every entry point (CLI, API, tests) gets its driver here, so an unreachable server or a wrong
password reads the same everywhere: the URI and the reason, never a traceback. The library
takes plain values: the shells build a :class:`Connection` from their settings (with any hint
only they know, such as how to start the local server).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import neo4j
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    ConnectionPoolError,
    GqlError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from queries.errors import Neo4jUnavailable, QueryTooLarge

#: The code of the error Neo4j answers logins with after repeated wrong passwords (the driver
#: raises it as a plain ClientError).
RATE_LIMIT_CODE = "Neo.ClientError.Security.AuthenticationRateLimit"
#: Neo4j's codes for a query stopped by a memory limit: the pool of one transaction or of all of
#: them (5.x), the transaction's own limit (4.x: a ClientError then), and the heap itself running out.
MEMORY_CODES = frozenset({
    "Neo.TransientError.General.MemoryPoolOutOfMemoryError",
    "Neo.TransientError.General.TransactionMemoryLimit",
    "Neo.ClientError.General.TransactionOutOfMemoryError",
    "Neo.TransientError.General.OutOfMemoryError",
    "Neo.DatabaseError.General.OutOfMemoryError",
})
#: The same as GQL statuses (memory pool out of memory; transaction memory limit reached).
MEMORY_GQL_STATUSES = frozenset({"51N72", "51N73"})
#: ``scheme://user:password@`` in a URI: everything up to the last ``@`` of the authority.
USERINFO_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)([^\s/?#]*)@")


def redact(text: str) -> str:
    """``text`` with the credentials of every URI in it replaced by ``***`` (for messages and logs)."""
    return USERINFO_RE.sub(r"\1***@", text)


@dataclass(frozen=True)
class Connection:
    """Where and as whom to connect: the server's URI (without credentials), the login, the database.

    ``auth_hint`` and ``unreachable_hint`` are appended to the messages of a refused login and
    of an unreachable server (the shell's advice, e.g. how to start its local server);
    ``uri_label`` and ``login_label`` are what the messages call the URI and the password setting
    (a shell names its own settings there)."""

    uri: str
    user: str
    password: str = field(repr=False)
    database: str | None = None
    connect_timeout: float = 10.0
    auth_hint: str = ""
    unreachable_hint: str = ""
    uri_label: str = "the URI"
    login_label: str = "the password"

    def open(self, *, verify: bool = True) -> neo4j.Driver:
        """A driver for the server; with ``verify``, fails fast when it cannot log in."""
        try:
            driver = neo4j.GraphDatabase.driver(
                self.uri,
                auth=(self.user, self.password),
                connection_timeout=self.connect_timeout,
                connection_acquisition_timeout=self.connect_timeout,
                max_transaction_retry_time=15.0,
                notifications_min_severity="OFF",  # server hints are for developers, not users' stderr
            )
        except (ConfigurationError, ValueError) as exc:
            raise Neo4jUnavailable(f"cannot use {self.uri_label} {self.uri!r}: {redact(str(exc))}") from None
        if verify:
            try:
                driver.verify_connectivity()
            except BaseException as exc:
                driver.close()
                raise self.translate(exc) from None
        return driver

    def translate(self, exc: BaseException) -> BaseException:
        """Map a driver exception to :class:`Neo4jUnavailable`, one line naming the server (its URI
        without credentials) and the reason; other exceptions pass through unchanged."""
        uri = self.uri
        code = getattr(exc, "code", None) or ""
        if code == RATE_LIMIT_CODE:
            return Neo4jUnavailable(
                f"Neo4j at {uri} refuses logins for now after repeated wrong passwords "
                f"(AuthenticationRateLimit); wait a few seconds and check {self.login_label}"
            )
        if isinstance(exc, AuthError):
            return Neo4jUnavailable(f"Neo4j at {uri} refused the credentials of user {self.user!r}{self.auth_hint}")
        if isinstance(exc, IncompleteCommit):
            return Neo4jUnavailable(f"lost Neo4j at {uri} while committing: the last write may or may not have "
                                    f"landed; re-running the command is safe")
        if isinstance(exc, SessionExpired | ConnectionPoolError | ConnectionResetError | BrokenPipeError):
            return Neo4jUnavailable(f"lost the connection to Neo4j at {uri}: {_reason(exc)}; re-running the "
                                    f"command is safe")
        if isinstance(exc, ServiceUnavailable | OSError):
            return Neo4jUnavailable(f"cannot reach Neo4j at {uri}: {_reason(exc)}{self.unreachable_hint}")
        if isinstance(exc, Neo4jError) and "Database" in code and "NotFound" in code:
            return Neo4jUnavailable(f"Neo4j at {uri} has no database {self.database!r}")
        if memory_limit_of(exc):
            return QueryTooLarge(f"Neo4j at {uri} stopped the query: it needs more memory than the server allows "
                                 f"({memory_limit_of(exc)}); narrow it, or give the server more "
                                 f"(db.memory.transaction.max, the heap)")
        if isinstance(exc, TransientError):
            return Neo4jUnavailable(f"Neo4j at {uri} is unavailable for now ({code or type(exc).__name__}); "
                                    f"retry later")
        return exc


def memory_limit_of(exc: BaseException) -> str | None:
    """The code of ``exc`` when Neo4j stopped the query for the memory it needed, else ``None``.

    Looks at the classic code and at the GQL status of the error and of its causes (the server
    may wrap the specific status in a general one)."""
    code = getattr(exc, "code", None) or ""
    if code in MEMORY_CODES:
        return str(code)
    cause: BaseException | None = exc
    for _ in range(8):  # a short chain; never loops on a cycle
        if not isinstance(cause, GqlError):
            break
        if getattr(cause, "gql_status", None) in MEMORY_GQL_STATUSES:
            return code or str(getattr(cause, "gql_status", ""))
        cause = cause.__cause__
    return None


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    first = text.splitlines()[0] if text else type(exc).__name__
    return redact(first)[:200]


@contextmanager
def driver_session(connection: Connection) -> Iterator[neo4j.Driver]:
    """A verified driver, closed on exit."""
    driver = connection.open()
    try:
        yield driver
    finally:
        driver.close()
