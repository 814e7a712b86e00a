"""The FastAPI application: JSON API under /api/v1, analyst pages, /healthz."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import Depends, FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles

from api.auth import authorize, current_owner, install_auth, install_cors
from api.errors import install_error_handlers
from api.routers import (
    articles,
    entities,
    entity_pages,
    export,
    export_entities,
    extract,
    feeds,
    health,
    keys,
    keywords,
    officials,
    pages,
    quotes,
    signin,
    subscription_pages,
    subscriptions,
    violation_pages,
    violations,
)
from pantau.settings import Settings
from store.base import Store

log = logging.getLogger(__name__)


def create_app(settings: Settings, store: Store) -> FastAPI:
    app = FastAPI(
        title="Pantau API",
        version="0.1.0",
        description="Indonesian election news: articles, entities, officials and violations.",
        dependencies=[Depends(authorize)],  # keys, scopes and rate limits (api/auth.py)
    )
    app.state.settings = settings
    app.state.store = store
    install_error_handlers(app)
    install_auth(app)
    app.dependency_overrides[subscriptions.current_subscriber] = current_owner

    @app.middleware("http")
    async def request_id(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        rid = request.headers.get("X-Request-ID", "")[:64] or uuid.uuid4().hex[:16]
        request.state.request_id = rid
        started = time.perf_counter()
        response = await call_next(request)
        response.headers["X-Request-ID"] = rid
        log.info(
            "%s %s %d %.1fms request_id=%s", request.method, request.url.path,
            response.status_code, (time.perf_counter() - started) * 1000, rid,
        )  # fmt: skip
        return response

    app.include_router(health.router)
    app.include_router(articles.router)
    app.include_router(pages.router)
    app.include_router(subscriptions.router)
    app.include_router(feeds.router)
    app.include_router(extract.router)
    app.include_router(export.router)
    app.include_router(export_entities.router)
    app.include_router(keys.router)
    app.include_router(signin.router)
    app.include_router(subscription_pages.router)
    app.include_router(entity_pages.router)
    app.include_router(violation_pages.router)
    app.include_router(entities.router)
    app.include_router(officials.router)
    app.include_router(violations.router)
    app.include_router(quotes.router)
    app.include_router(keywords.router)
    install_cors(app)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    return app
