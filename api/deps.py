"""Dependencies shared by the routers, as ``Annotated`` aliases.

API keys arrive in the ``X-API-Key`` header and are compared in constant time; a key is never
logged or echoed. Write endpoints need a write key; read endpoints accept either kind.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Annotated, Any

import neo4j
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from api import graph
from api.exc import AuthRequired, Forbidden
from enforcegraph.errors import Neo4jUnavailable
from enforcegraph.settings import Settings

_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="A read or write key from the settings.")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def driver_of(request: Request) -> neo4j.Driver:
    """The app's driver; called inside endpoints so that bad parameters are reported first."""
    driver: neo4j.Driver | None = getattr(request.app.state, "driver", None)
    if driver is None:  # the app was not started through its lifespan
        raise Neo4jUnavailable("the graph database is not connected")
    return driver


def get_driver(request: Request) -> neo4j.Driver:
    return driver_of(request)


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[neo4j.Driver, Depends(get_driver)]


class Graph:
    """Named read queries against the configured database (see :mod:`api.graph`)."""

    def __init__(self, driver: neo4j.Driver | None, database: str) -> None:
        self.driver = driver
        self.database = database
        self.started = False  # one per request: its later queries wait ahead of new requests

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        if self.driver is None:
            raise Neo4jUnavailable("the graph database is not connected")
        resumed, self.started = self.started, True
        return graph.read(self.driver, self.database, name, resumed=resumed, **params)


def get_graph(request: Request, settings: SettingsDep) -> Graph:
    # the driver is checked when a query runs, so that bad parameters are reported first
    return Graph(getattr(request.app.state, "driver", None), settings.neo4j_database)


GraphDep = Annotated[Graph, Depends(get_graph)]


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).digest()


def key_matches(given: str, keys: list[str]) -> bool:
    # compare_digest of fixed-length digests against every key, so timing tells neither which
    # key matched, nor whether one did early, nor how long the keys are
    probe = _digest(given)
    found = False
    for key in keys:
        found |= hmac.compare_digest(probe, _digest(key))
    return found


def require_read(settings: SettingsDep, key: Annotated[str | None, Security(_api_key)]) -> str:
    if not key:
        raise AuthRequired("missing API key (header X-API-Key)")
    read = [k.get_secret_value() for k in settings.read_keys]
    write = [k.get_secret_value() for k in settings.write_keys]
    if key_matches(key, write):
        return "write"
    if key_matches(key, read):
        return "read"
    raise AuthRequired("unknown API key")


def require_write(scope: Annotated[str, Depends(require_read)]) -> str:
    if scope != "write":
        raise Forbidden("this endpoint needs a write key")
    return scope


ReadAccess = Annotated[str, Depends(require_read)]
WriteAccess = Annotated[str, Depends(require_write)]
