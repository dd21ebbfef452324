"""Dependencies shared by the routers, as ``Annotated`` aliases.

API keys arrive in the ``X-API-Key`` header and are compared in constant time; a key is never
logged or echoed. Write endpoints need a write key; read endpoints accept either kind.
"""

from __future__ import annotations

import hmac
from typing import Annotated

import neo4j
from fastapi import Depends, Request, Security
from fastapi.security import APIKeyHeader

from api.exc import AuthRequired, Forbidden
from enforcegraph.settings import Settings

_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="A read or write key from the settings.")


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_driver(request: Request) -> neo4j.Driver:
    driver: neo4j.Driver = request.app.state.driver
    return driver


SettingsDep = Annotated[Settings, Depends(get_settings)]
DriverDep = Annotated[neo4j.Driver, Depends(get_driver)]


def _matches(given: str, keys: list[str]) -> bool:
    # compare_digest on every key, so timing does not tell which (or whether one) matched early
    found = False
    for key in keys:
        found |= hmac.compare_digest(given.encode(), key.encode())
    return found


def require_read(settings: SettingsDep, key: Annotated[str | None, Security(_api_key)]) -> str:
    if not key:
        raise AuthRequired("missing API key (header X-API-Key)")
    read = [k.get_secret_value() for k in settings.read_keys]
    write = [k.get_secret_value() for k in settings.write_keys]
    if _matches(key, write):
        return "write"
    if _matches(key, read):
        return "read"
    raise AuthRequired("unknown API key")


def require_write(scope: Annotated[str, Depends(require_read)]) -> str:
    if scope != "write":
        raise Forbidden("this endpoint needs a write key")
    return scope


ReadAccess = Annotated[str, Depends(require_read)]
WriteAccess = Annotated[str, Depends(require_write)]
