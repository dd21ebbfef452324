"""The request guard: key and size checks that run before any request body is read.

FastAPI reads and parses a request's body before it resolves the dependencies that check the
API key, and it has no limit of its own on what it buffers; so a large body sent without a key
would be held in memory before the 401. This pure ASGI middleware sits in front of the app and:

* answers requests to the public paths (:data:`PUBLIC_PATHS`) without asking for a key;
* for every other request that may carry a body (any method but GET, HEAD and OPTIONS), checks
  the ``X-API-Key`` header against the write keys before a byte of the body is read;
* refuses a declared ``Content-Length`` over the limit at once, and counts the bytes of a
  streamed (chunked) body as the app reads them, stopping at the limit.

Refusals are the API's usual one-line error bodies (from :mod:`api.exc`, the one error table).
The read endpoints keep their own key dependency, which also documents the scheme in OpenAPI.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import SecretStr
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import exc
from api.deps import key_matches
from enforcegraph.errors import EnforcegraphError

#: Paths answered without a key: the web app's page (it asks for the key itself; its assets under
#: /static are public too), the health probe (for load balancers), the published vocabulary
#: partners validate against (their validators do not send our keys), and the API's own
#: description. None of them reads the graph's data. The README lists the same paths.
PUBLIC_PATHS: frozenset[str] = frozenset({
    "/", "/health", "/ontology", "/ontology/shapes", "/openapi.json", "/docs",
})

_BODILESS = frozenset({"GET", "HEAD", "OPTIONS"})
#: ``POST`` endpoints that change nothing (a watchlist screened or matched in the body): a read key will do.
READ_POSTS: tuple[str, ...] = ("/screen", "/match/")


def _reads(path: str) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in READ_POSTS)


def too_large_message(limit: int) -> str:
    return f"the request body is larger than the limit of {limit} bytes (ENFORCEGRAPH_API_MAX_BODY_BYTES)"


class RequestGuard:
    """Checks the key of body-carrying requests and bounds every body, before the app reads it."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, write_keys: Iterable[SecretStr],
                 read_keys: Iterable[SecretStr]) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.write_keys = [k.get_secret_value() for k in write_keys]
        self.read_keys = [k.get_secret_value() for k in read_keys]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._refusal(scope)
        if refusal is not None:
            await exc.error_response(refusal)(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _refusal(self, scope: Scope) -> EnforcegraphError | None:
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        if scope.get("method", "GET") not in _BODILESS and scope.get("path", "") not in PUBLIC_PATHS:
            key = headers.get(b"x-api-key", b"").decode("latin-1")
            if not key:
                return exc.AuthRequired("missing API key (header X-API-Key)")
            if not key_matches(key, self.write_keys):
                if key_matches(key, self.read_keys):
                    if _reads(scope.get("path", "")):
                        return self._too_large(headers)
                    return exc.Forbidden("this endpoint needs a write key")
                return exc.AuthRequired("unknown API key")
        return self._too_large(headers)

    def _too_large(self, headers: dict[bytes, bytes]) -> EnforcegraphError | None:
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                length = int(declared)
            except ValueError:
                return exc.InvalidParameter("Content-Length", "not a number of bytes")
            if length > self.max_body_bytes:
                return exc.PayloadTooLarge(too_large_message(self.max_body_bytes))
        return None

    def _counting(self, receive: Receive) -> Receive:
        seen = 0
        limit = self.max_body_bytes

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # FastAPI passes an HTTPException from the body read through to the error table
                    raise HTTPException(413, too_large_message(limit))
            return message

        return counted
