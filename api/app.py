"""The FastAPI application: a thin layer over named queries, one router per resource.

The driver is opened (and the schema applied) once at start-up and closed at shutdown; an
unreachable Neo4j at start-up is not fatal - requests answer 503 until it comes back.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from neo4j.exceptions import DriverError, Neo4jError

from api import exc, graph, web
from api.admission import Gate
from api.extraction import ExtractionPool
from api.guard import RequestGuard
from api.routers import (
    change_feeds,
    changes,
    documents,
    entities,
    events,
    evidence,
    export,
    ids,
    match,
    paths,
    public,
    questions,
    screen,
    watchlists,
)
from api.services import autocheck
from enforcegraph import __version__
from enforcegraph.db import open_driver, translate
from enforcegraph.errors import Neo4jUnavailable
from enforcegraph.settings import Settings, get_settings, redact
from queries import schema

log = logging.getLogger("enforcegraph.api")

DESCRIPTION = """A knowledge graph of security-law enforcement events, built from news text.
Every answer links to the sentences that report it.

* **Keys**: send `X-API-Key`. Read endpoints (including the screening and matching `POST`s,
  which change nothing) take a read or write key; `POST` endpoints that write need a write key,
  checked before the body is read. A missing or unknown key is a 401, a read key on a write
  endpoint a 403. No key is needed for the web app's page, `/health`, `/ontology`,
  `/ontology/shapes` and this description (`/openapi.json`, `/docs`).
* **Size**: a request body over the configured limit (20 MB by default) is a 413.
* **Lists** are `{"items": [...], "next": cursor-or-null}` in a stable order; pass `next` back
  as `cursor` for the following page.
* **Errors** are `{"detail", "error", "parameter"}`: 422 names the parameter at fault, 404 an
  unknown id, 503 (with `Retry-After`) an unreachable or busy graph database.
* **Dates** are partial ISO dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), as precise as the sources.
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = open_driver(settings, verify=False)
        try:
            driver.verify_connectivity()  # fails at once when the server is down (no retries)
            schema.apply(driver, database=settings.neo4j_database)
        except (Neo4jError, DriverError, OSError) as exc:  # down, refusing us, or rate-limiting our logins
            error = translate(exc, settings)
            if not isinstance(error, Neo4jUnavailable):
                raise
            log.warning("%s; requests answer 503 until it is back", redact(str(error)))
        app.state.driver = driver
        graph.admit(driver, Gate(settings.api_concurrent_queries, settings.api_queue_seconds))
        app.state.extraction_pool = ExtractionPool(settings, after_write=autocheck.after_ingest(driver, settings))
        try:
            yield
        finally:
            app.state.extraction_pool.close()
            driver.close()

    app = FastAPI(
        title="enforcegraph",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by api.web from local assets, not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    # added first, so that CORS wraps it and its refusals carry CORS headers too
    app.add_middleware(RequestGuard, max_body_bytes=settings.api_max_body_bytes,
                       write_keys=settings.write_keys, read_keys=settings.read_keys)
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["X-API-Key", "Content-Type"])
    exc.install(app)
    app.include_router(public.router)
    for router in (questions.router, entities.router, events.router, paths.router, screen.router,
                   changes.router, change_feeds.router, export.router, ids.router, documents.router, evidence.router,
                   match.router, watchlists.router):
        app.include_router(router)
    web.install(app)
    return app
