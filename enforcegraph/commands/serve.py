"""``enforcegraph serve``: the HTTP API (FastAPI on uvicorn)."""

from __future__ import annotations

import argparse
from typing import Any

from enforcegraph.settings import Settings


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("serve", help="serve the HTTP API",
                       description="Serve the API on ENFORCEGRAPH_API_HOST:ENFORCEGRAPH_API_PORT "
                                   "(default 127.0.0.1:8000). OpenAPI docs at /docs.")
    p.add_argument("--host", help="override ENFORCEGRAPH_API_HOST")
    p.add_argument("--port", type=int, help="override ENFORCEGRAPH_API_PORT")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from api.app import create_app

    uvicorn.run(create_app(settings), host=args.host or settings.api_host, port=args.port or settings.api_port,
                log_level="info", access_log=False)
    return 0
