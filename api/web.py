"""The web app and the API's own docs, served by the API itself with no request to another host.

Analysts often work on closed networks, so the page at ``/`` and Swagger UI at ``/docs`` use only
assets built into ``api/static`` at build time (``make web``: the npm build of ``web/`` plus the
Swagger UI files of the ``swagger-ui-dist`` package). A Content-Security-Policy tells the browser
to refuse anything from elsewhere. Without a build, ``/`` says how to make one.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

STATIC = Path(__file__).resolve().parent / "static"
SWAGGER = "/static/swagger"

#: Only this origin: scripts, styles, fonts, images and API calls. Inline styles are allowed for the
#: graph and timeline (element style attributes), inline scripts only on the Swagger page.
APP_CSP = ("default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
           "script-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
           "frame-ancestors 'none'; form-action 'self'")
DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'")

NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>enforcegraph</title></head>
<body><main><h1>enforcegraph</h1><p>The web app is not built. Run <code>make web</code> (npm ci and the
build into api/static), then reload. The API itself works: see <a href="/openapi.json">/openapi.json</a>.</p>
</main></body></html>"""


def built() -> bool:
    return (STATIC / "index.html").is_file()


def install(app: FastAPI) -> None:
    """Serve the built web app at ``/`` (assets under ``/static``) and Swagger UI at ``/docs``."""
    if STATIC.is_dir():
        app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        if not built():
            return HTMLResponse(NOT_BUILT, status_code=503, headers={"Content-Security-Policy": APP_CSP})
        return FileResponse(STATIC / "index.html", headers={"Content-Security-Policy": APP_CSP,
                                                            "Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} - API docs",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js", swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg")
        page.headers["Content-Security-Policy"] = DOCS_CSP
        return page
