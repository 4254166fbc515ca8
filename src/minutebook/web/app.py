"""The web app: HTML pages, the JSON API and the Atom feed from one ASGI application.

:func:`create_app` opens the database (read-only use: a missing SQLite file
is an error) and wires the routes of :mod:`~minutebook.web.pages`,
:mod:`~minutebook.web.api`, :mod:`~minutebook.web.feeds` and
:mod:`~minutebook.web.accountability` (the tracker's views), the static
files, and OpenAPI docs at ``/docs`` served from local files (no CDN).

Errors: every error under ``/api/``, on the feed and on ``/openapi.json``
answers the one JSON envelope ``{"ok": false, "error": "...", "status": N}``;
pages answer an HTML page with the same status and message.

Every response carries a Content-Security-Policy that allows scripts only
from this site's own files, so even text that slipped past escaping could
not run.

>>> import os, tempfile
>>> from minutebook.store import open_store
>>> path = os.path.join(tempfile.mkdtemp(), "m.db")
>>> open_store(path).close()
>>> app = create_app(path)
>>> [p for p in sorted(app.openapi()["paths"]) if p.startswith("/api/i")]
['/api/items/{item_id}']
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from minutebook import __version__
from minutebook.errors import QueryError, StoreError
from minutebook.web import accountability, api, feeds, pages
from minutebook.web.deps import ApiError
from minutebook.web.directory import DEFAULT_TTL, Directory
from minutebook.web.pool import StorePool
from minutebook.web.templating import environment
from minutebook.web.tracking import DEFAULT_TTL as REGISTER_TTL
from minutebook.web.tracking import Tracker

__all__ = ["create_app", "error_body"]

log = logging.getLogger("minutebook.web")

STATIC = Path(__file__).parent / "static"
_DOCS_STATIC = Path(fastapi_offline.__file__).parent / "static"

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
# Swagger UI starts itself from an inline script and sets inline styles.
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
            "base-uri 'none'; frame-ancestors 'none'")

DESCRIPTION = """\
Council committee minutes as a structured, searchable record: meetings, items and
every fact extracted from them (attendees, topics, undertakings, decisions, recorded
votes, declarations), each with the span of source text it came from.

Lists are paginated with `limit` and `offset` and answer
`{"ok": true, "total", "limit", "offset", "next", "results"}`.
Every error answers `{"ok": false, "error": "...", "status": N}`.
"""


def error_body(status: int, message: str) -> dict[str, object]:
    """The JSON error envelope.

    >>> error_body(404, "no item 9")
    {'ok': False, 'error': 'no item 9', 'status': 404}
    """
    return {"ok": False, "error": message, "status": status}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return (path == "/api" or path.startswith("/api/") or path.endswith(".atom")
            or path == "/openapi.json")


class SecurityHeaders:
    """ASGI middleware adding the Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", csp)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                headers.setdefault("X-Frame-Options", "DENY")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else
                     str(error.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


def create_app(
    db: str | None = None, *, pool_size: int = 4, directory_ttl: float = DEFAULT_TTL,
    register_ttl: float = REGISTER_TTL,
) -> FastAPI:
    """The minutebook web app on the database ``db`` names (see ``open_store``).

    ``directory_ttl``: seconds the lists of councils and committees are kept
    (:mod:`~minutebook.web.directory`); ``register_ttl``: how old the snapshot
    of the undertakings register may grow before it is read again
    (:mod:`~minutebook.web.tracking`).

    Raises :class:`~minutebook.errors.StoreError` when the database cannot
    be opened, before any request is served.
    """
    pool = StorePool(db, size=pool_size)
    try:
        pool.location  # noqa: B018 - opens the first store now, so a bad path fails here
    except BaseException:
        pool.close()
        raise

    tracker = Tracker(pool, register_ttl)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # The register takes seconds to read on a large database: start before anyone asks.
        tracker.start()
        yield
        pool.close()

    app = FastAPI(title="minutebook", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.pool = pool
    app.state.directory = Directory(directory_ttl)
    app.state.tracker = tracker
    app.state.templates = Jinja2Templates(env=environment())
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs-static", StaticFiles(directory=_DOCS_STATIC), name="docs-static")
    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.include_router(accountability.router)
    _add_docs(app)
    _add_error_handlers(app)
    _without_validation_responses(app)
    return app


def _without_validation_responses(app: FastAPI) -> None:
    """Drop FastAPI's 422 from the OpenAPI schema: invalid parameters answer a 400 envelope."""
    make = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = make()
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    operation.get("responses", {}).pop("422", None)
            for name in ("HTTPValidationError", "ValidationError"):
                schema.get("components", {}).get("schemas", {}).pop(name, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_docs(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="minutebook API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            # The validator badge would call a third-party site.
            swagger_ui_parameters={"validatorUrl": None},
        )


def _add_error_handlers(app: FastAPI) -> None:
    def respond(request: Request, status: int, message: str) -> Response:
        if _wants_json(request):
            return JSONResponse(error_body(status, message), status_code=status)
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status
        )

    @app.exception_handler(ApiError)
    def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}"
        response = respond(request, exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 400, _validation_message(exc))

    @app.exception_handler(QueryError)
    def bad_query(request: Request, exc: QueryError) -> Response:
        return respond(request, 400, f"search query: {exc.reason}")

    @app.exception_handler(StoreError)
    def store_error(request: Request, exc: StoreError) -> Response:
        log.error("database error on %s: %s", request.url.path, exc)
        return respond(request, 500, "the database could not answer")

    @app.exception_handler(Exception)
    def crash(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path, exc_info=exc)
        return respond(request, 500, "internal error")
