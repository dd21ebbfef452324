"""HTTP errors in one table: each user-facing error class has one status.

Handlers answer ``{"detail": "...", "error": "<kind>"}`` (plus ``parameter`` for a bad
parameter) and never a stack trace; Neo4j being unreachable, a query over its time, a query
Neo4j stops for the memory it needs, or a request that waited its bounded time for a turn
(:mod:`api.admission`) is a 503 with ``Retry-After`` and the reason, so clients back off
instead of failing hard. Request validation (FastAPI's own 422s) is rewritten
into the same shape, naming the parameter at fault. Anything unexpected is a bare 500 whose
body says nothing about the code; the exception itself goes to the server log only.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from enforcegraph.db import translate
from enforcegraph.errors import ConfigError, EnforcegraphError, InputError, NotFound, UsageError
from enforcegraph.settings import redact
from ontology.errors import OntologyError, OptionError
from queries.driver import memory_limit_of
from queries.errors import Neo4jUnavailable, QueriesError, QueryError, QueryTooLarge

log = logging.getLogger("enforcegraph.api")


class AuthRequired(EnforcegraphError):
    """No API key, or an unknown one."""


class Forbidden(EnforcegraphError):
    """A valid key without the scope the endpoint needs."""


class InvalidParameter(UsageError):
    """A request parameter the API cannot use; the message names it."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter {parameter!r}: {message}")
        self.parameter = parameter


class PayloadTooLarge(EnforcegraphError):
    """A request body over the configured size limit."""


class QueryTimeout(EnforcegraphError):
    """A query ran longer than the API allows (the graph is busy or the question too broad)."""


class Overloaded(EnforcegraphError):
    """Too many questions at once: this one waited its bounded time in the API's queue (api.admission)."""


class ExtractionBusy(EnforcegraphError):
    """Every extraction worker is busy and the queue is full; the client should retry later."""


STATUS: dict[type[Exception], int] = {
    AuthRequired: 401,
    Forbidden: 403,
    NotFound: 404,
    PayloadTooLarge: 413,
    UsageError: 422,
    InputError: 422,
    Neo4jUnavailable: 503,
    QueryTimeout: 503,
    QueryTooLarge: 503,
    Overloaded: 503,
    ExtractionBusy: 503,
    ConfigError: 500,
    # the libraries' own errors (each library owns its classes; the API decides their status here)
    QueriesError: 500,
    QueryError: 422,
    OntologyError: 500,
    OptionError: 422,
}
#: The error bases whose subclasses the table above maps (each gets the same handler).
HANDLED: tuple[type[Exception], ...] = (EnforcegraphError, QueriesError, OntologyError)
RETRY_AFTER_SECONDS = "10"


class ErrorBody(BaseModel):
    """The body of every error response."""

    detail: str = Field(description="What went wrong, in one line (never a stack trace).")
    error: str = Field(description="The kind of error, e.g. InvalidParameter, NotFound, Neo4jUnavailable.")
    parameter: str | None = Field(default=None, description="For a 422: the parameter at fault.")

    model_config = {"json_schema_extra": {"examples": [
        {"detail": "parameter 'from': expected YYYY, YYYY-MM or YYYY-MM-DD", "error": "InvalidParameter",
         "parameter": "from"}]}}


def _error(detail: str, error: str, parameter: str | None = None) -> dict[str, Any]:
    return {"detail": detail, "error": error, "parameter": parameter}


#: Error responses for the OpenAPI document (routers pass these as ``responses=``).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or unknown API key (header X-API-Key)."},
    403: {"model": ErrorBody, "description": "The key lacks the scope this endpoint needs."},
    422: {"model": ErrorBody, "description": "A parameter is invalid; `parameter` names it."},
    503: {"model": ErrorBody, "description": "Neo4j is unreachable or busy, or the question needs more time or "
          "memory than one query may use (`detail` says which); retry after `Retry-After` seconds.",
          "headers": {"Retry-After": {"description": "Seconds to wait before retrying.",
                                      "schema": {"type": "string"}}}},
}
NOT_FOUND_RESPONSE: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No node with this id."},
}


def too_large(exc: BaseException) -> QueryTooLarge:
    """The API's error for a query Neo4j stopped for the memory it needed (the code, not the server's address)."""
    return QueryTooLarge(f"the question needs more memory than the graph database allows one query "
                         f"({memory_limit_of(exc)}); narrow it (e.g. a later `since`, fewer countries) or retry later")


def status_of(exc: Exception) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


async def _enforcegraph_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HANDLED)
    return error_response(exc)


def error_response(exc: Exception) -> JSONResponse:
    """The response for a user-facing error, by the table (also used by :mod:`api.guard`)."""
    status = status_of(exc)
    headers = {"Retry-After": RETRY_AFTER_SECONDS} if status == 503 else {}
    if status == 401:
        headers["WWW-Authenticate"] = "APIKey"
    if status == 500:  # a configuration problem: say which kind, log the details
        log.error("%s: %s", type(exc).__name__, exc)
        return JSONResponse(_error("the service is misconfigured", type(exc).__name__), status_code=500)
    return JSONResponse(_error(str(exc), type(exc).__name__, getattr(exc, "parameter", None)),
                        status_code=status, headers=headers)


async def _neo4j_down(request: Request, exc: Exception) -> JSONResponse:
    settings = getattr(request.app.state, "settings", None)
    error = translate(exc, settings) if settings is not None else exc
    if isinstance(error, QueryTooLarge):  # read outside api.graph (e.g. a streamed export): its own reason
        return error_response(too_large(exc))
    if not isinstance(error, Neo4jUnavailable):  # a driver error that is a bug of ours, not an outage
        return await _unexpected(request, exc)
    log.error("%s", redact(str(error)))
    return JSONResponse(_error("the graph database is unreachable; retry later", "Neo4jUnavailable"),
                        status_code=503, headers={"Retry-After": RETRY_AFTER_SECONDS})


def _parameter_of(loc: tuple[Any, ...] | list[Any]) -> tuple[str, str]:
    """(where, name) of a validation error location such as ("query", "from") or ("body", "items", 0, "id")."""
    where = str(loc[0]) if loc else "request"
    rest = [str(p) for p in loc[1:]]
    if where == "body":
        return where, ".".join(rest) or "body"
    return where, rest[0] if rest else where


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if not errors:
        return JSONResponse(_error("invalid request", "InvalidParameter"), status_code=422)
    where, name = _parameter_of(errors[0].get("loc", ()))
    message = str(errors[0].get("msg", "invalid value"))
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    kind = "header" if where == "header" else "parameter" if where in ("query", "path") else "body field"
    return JSONResponse(_error(f"{kind} {name!r}: {message}{more}", "InvalidParameter", name), status_code=422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:  # a body that is not even JSON: an invalid parameter like any other
        return JSONResponse(_error("body field 'body': the request body cannot be parsed", "InvalidParameter",
                                   "body"), status_code=422)
    kind = {404: "NotFound", 405: "MethodNotAllowed", 413: "PayloadTooLarge"}.get(exc.status_code, "HTTPError")
    return JSONResponse(_error(str(exc.detail), kind), status_code=exc.status_code,
                        headers=getattr(exc, "headers", None))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s %s: %s", request.method, request.url.path, type(exc).__name__,
              exc_info=exc)
    return JSONResponse(_error("internal error; the incident was logged", "InternalError"), status_code=500)


def install(app: FastAPI) -> None:
    for base in HANDLED:
        app.add_exception_handler(base, _enforcegraph_error)
    # outages, overload and refused logins (by driver class or, for the rate limit, by code)
    app.add_exception_handler(DriverError, _neo4j_down)
    app.add_exception_handler(Neo4jError, _neo4j_down)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
