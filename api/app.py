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
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from api import exc
from api.routers import health, ontology
from enforcegraph import __version__
from enforcegraph.db import open_driver
from enforcegraph.settings import Settings, get_settings
from queries import schema

log = logging.getLogger("enforcegraph.api")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        driver = open_driver(settings, verify=False)
        try:
            schema.apply(driver, database=settings.neo4j_database)
        except (ServiceUnavailable, SessionExpired, OSError):
            log.warning("Neo4j at %s is unreachable; requests answer 503 until it is back", settings.bolt_uri)
        app.state.driver = driver
        try:
            yield
        finally:
            driver.close()

    app = FastAPI(
        title="enforcegraph",
        version=__version__,
        description="A knowledge graph of security-law enforcement events, built from news text. "
                    "Every answer links to the sentences that report it.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["X-API-Key", "Content-Type"])
    exc.install(app)
    app.include_router(health.router)
    app.include_router(ontology.router)
    return app
