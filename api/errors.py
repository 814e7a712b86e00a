"""One JSON error shape for every failure: ``{"error": {"code", "message", "request_id"}}``."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from store.base import QueryError, StoreError

log = logging.getLogger(__name__)

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 409: "conflict", 422: "invalid_request",
          429: "rate_limited", 500: "internal_error", 503: "unavailable"}  # fmt: skip


def error_response(request: Request, status: int, message: str, code: str | None = None,
                   details: list[dict] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:  # fmt: skip
    body: dict = {
        "code": code or _CODES.get(status, "error"),
        "message": message,
        "request_id": getattr(request.state, "request_id", None),
    }
    if details:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # Headers such as Retry-After (429) and WWW-Authenticate (401) travel with the error.
        return error_response(
            request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"location": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = details[0] if details else {"location": "", "message": "invalid request"}
        message = f"{first['location']}: {first['message']}"
        return error_response(request, 422, message, details=details)

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> JSONResponse:
        return error_response(request, 400, str(exc), code="invalid_query")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.error("store error on %s: %s", request.url.path, exc)
        return error_response(request, 503, "the store is unavailable; try again shortly")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s", request.url.path)
        return error_response(
            request, 500, "internal error; the request id identifies it in the logs"
        )
