"""HTTP errors in one table: each user-facing error class has one status.

Handlers answer ``{"detail": "...", "error": "<kind>"}`` and never a stack trace; Neo4j being
unreachable is a 503 with ``Retry-After`` so clients back off instead of failing hard.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from enforcegraph.errors import (
    ConfigError,
    EnforcegraphError,
    InputError,
    Neo4jUnavailable,
    NotFound,
    UsageError,
)


class AuthRequired(EnforcegraphError):
    """No API key, or an unknown one."""


class Forbidden(EnforcegraphError):
    """A valid key without the scope the endpoint needs."""


STATUS: dict[type[EnforcegraphError], int] = {
    AuthRequired: 401,
    Forbidden: 403,
    NotFound: 404,
    UsageError: 422,
    InputError: 422,
    Neo4jUnavailable: 503,
    ConfigError: 500,
}
RETRY_AFTER_SECONDS = "10"


def status_of(exc: EnforcegraphError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


async def _enforcegraph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EnforcegraphError)
    status = status_of(exc)
    headers = {"Retry-After": RETRY_AFTER_SECONDS} if status == 503 else {}
    if status == 401:
        headers["WWW-Authenticate"] = "APIKey"
    return JSONResponse({"detail": str(exc), "error": type(exc).__name__}, status_code=status, headers=headers)


async def _neo4j_down(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": "the graph database is unreachable; retry later", "error": "Neo4jUnavailable"},
                        status_code=503, headers={"Retry-After": RETRY_AFTER_SECONDS})


def install(app: FastAPI) -> None:
    app.add_exception_handler(EnforcegraphError, _enforcegraph_error)
    app.add_exception_handler(ServiceUnavailable, _neo4j_down)
    app.add_exception_handler(SessionExpired, _neo4j_down)
