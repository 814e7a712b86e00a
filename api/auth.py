"""Authentication and rate limits for every route (one app-wide dependency).

With ``PANTAU_API_AUTH=off`` (the embedded default) everything is open. With ``on``:

- ``/api/v1/keys*`` needs ``admin``; ``/api/v1/subscriptions*`` needs ``subscribe``;
  other ``GET /api/v1/*`` and ``POST /api/v1/extract`` need ``read``; any other write under
  ``/api/v1`` (entity merge/split) needs ``admin``. ``admin`` implies every scope.
- The key comes as ``Authorization: Bearer pk_…`` or ``X-API-Key: pk_…``.
- The web pages accept the same headers or the ``pantau_key`` cookie that the sign-in page
  (``/masuk``) sets (HttpOnly, SameSite=Strict); without one they redirect to ``/masuk``.
  The JSON API never reads the cookie, so a foreign site cannot ride on it.
- ``/healthz``, ``/docs``, ``/openapi.json``, ``/static`` and the Atom feeds (whose token is
  the secret) stay open.
"""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import RedirectResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.keys import ApiKey, KeyStore
from api.ratelimit import RateLimiter

log = logging.getLogger(__name__)

COOKIE = "pantau_key"
PAGE = "page"
_OPEN_PREFIXES = ("/healthz", "/feeds/", "/static/", "/masuk", "/keluar")
_SAFE = ("GET", "HEAD", "OPTIONS")

_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer pk_<id>_<secret>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="pk_<id>_<secret>")


class LoginRequired(Exception):
    """A page was asked for without a key while auth is on: send the browser to /masuk."""

    def __init__(self, path: str) -> None:
        self.path = path


def required_scope(method: str, path: str) -> str | None:
    """The scope a request needs: a scope name, PAGE (read, for pages), or None (open)."""
    if path.startswith("/api/v1/"):
        if path.startswith("/api/v1/keys"):
            return "admin"
        if path.startswith("/api/v1/subscriptions"):
            return "subscribe"
        if method in _SAFE or path == "/api/v1/extract":
            return "read"
        return "admin"
    if path.startswith(_OPEN_PREFIXES):
        return None
    return PAGE


def get_keys(request: Request) -> KeyStore:
    """The app's key store, opened on first use."""
    state = request.app.state
    if getattr(state, "keys", None) is None:
        state.keys = KeyStore.open(state.settings, state.store)
    return state.keys


def authorize(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    header_key: Annotated[str | None, Depends(_header)],
) -> ApiKey | None:
    """Check the key for this route's scope and take a token from its rate bucket."""
    request.state.api_key = None
    settings = request.app.state.settings
    if settings.api_auth != "on":
        return None
    scope = required_scope(request.method, request.url.path)
    if scope is None:
        return None
    token = (bearer.credentials if bearer else None) or header_key
    if token is None and scope == PAGE:
        token = request.cookies.get(COOKIE)
    key = get_keys(request).verify(token) if token else None
    if key is None:
        if scope == PAGE:
            raise LoginRequired(request.url.path)
        message = (
            "this API key is unknown or revoked; ask an admin for a new one"
            if token
            else "an API key is required: send 'Authorization: Bearer pk_…' (see /docs)"
        )
        raise HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})
    needed = "read" if scope == PAGE else scope
    if request.url.path.startswith("/langganan"):
        needed = "subscribe"
    if not key.allows(needed):
        raise HTTPException(403, f"this API key lacks the {needed!r} scope")
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.take(
        key.id, key.rate_per_minute or settings.api_rate_per_minute, settings.api_rate_burst
    )
    if wait > 0:
        raise HTTPException(
            429, f"rate limit of key {key.id} reached; retry after the Retry-After seconds",
            headers={"Retry-After": RateLimiter.retry_after(wait)},
        )  # fmt: skip
    request.state.api_key = key
    return key


def current_owner(request: Request) -> str | None:
    """Whose subscriptions a request sees: its key's id, or None (everyone's) when auth is
    off or the key is an admin key. Replaces the alerts router's ``current_subscriber``."""
    key: ApiKey | None = getattr(request.state, "api_key", None)
    if key is None or "admin" in key.scopes:
        return None
    return key.id


def install_auth(app: FastAPI) -> None:
    app.state.rate_limiter = RateLimiter()
    settings = app.state.settings
    if settings.api_auth != "on" and settings.host not in ("127.0.0.1", "localhost", "::1"):
        log.warning(
            "PANTAU_API_AUTH is off while PANTAU_HOST=%s: anyone who reaches this address can "
            "read and change everything; set PANTAU_API_AUTH=on (docs/api.md)",
            settings.host,
        )

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> RedirectResponse:
        target = exc.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/masuk?next={quote(target, safe='')}", status_code=303)


def install_cors(app: FastAPI) -> None:
    """Browsers on PANTAU_CORS_ORIGINS may call the API (with headers, never cookies)."""
    origins = app.state.settings.cors_origin_list
    if not origins:
        return
    from fastapi.middleware.cors import CORSMiddleware

    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_credentials=False,
        allow_methods=["GET", "POST", "PATCH", "DELETE"],
        allow_headers=["Authorization", "X-API-Key", "Content-Type", "X-Request-ID"],
        expose_headers=["X-Request-ID", "Retry-After"],
        max_age=600,
    )
