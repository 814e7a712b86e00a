"""/api/v1/export/*: everything that matches, streamed as NDJSON, resumable, with no cap.

Each article is one line ``{"article": {…}}`` (the ``ArticlePublic`` shape). After every
store page a checkpoint line ``{"next_cursor": "…"}`` follows, and the response always ends
with a summary line ``{"next_cursor": "…" | null, "complete": bool, "count": n}``. A client
whose connection drops resumes with ``cursor=<the last next_cursor it read>`` and gets exactly
the articles after that checkpoint; ``limit`` cuts an export into parts the same way. A store
failure mid-stream becomes a last line ``{"error": {…}}`` (the status is already sent).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from api.deps import SearchParams, get_store
from api.schemas import public_of
from store.base import SearchPage, SearchQuery, Store, StoreError

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1/export", tags=["export"])

BATCH = 500
NDJSON = "application/x-ndjson"


def line(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode() + b"\n"


def _query(params: SearchParams, cursor: str | None, size: int) -> SearchQuery:
    query = params.to_query()
    return query.model_copy(
        update={"cursor": cursor, "size": size, "facets": False, "histogram": None,
                "highlight": False}
    )  # fmt: skip


def stream_articles(
    store: Store, params: SearchParams, first: SearchPage, limit: int | None, request_id: str
) -> Iterator[bytes]:
    page, count = first, 0
    while True:
        for hit in page.hits:
            yield line({"article": public_of(hit.article).model_dump(mode="json")})
        count += len(page.hits)
        cursor = page.next_cursor if page.hits else None
        remaining = None if limit is None else limit - count
        if cursor is None or remaining == 0:
            yield line({"next_cursor": cursor, "complete": cursor is None, "count": count})
            return
        yield line({"next_cursor": cursor})
        try:
            page = store.search(_query(params, cursor, min(BATCH, remaining or BATCH)))
        except StoreError as exc:
            log.error("export failed after %d articles: %s request_id=%s", count, exc, request_id)
            yield line({"error": {"code": "unavailable", "message": str(exc),
                                  "request_id": request_id, "resume_cursor": cursor}})  # fmt: skip
            return


@router.get(
    "/articles",
    summary="Export matching articles as NDJSON",
    response_class=StreamingResponse,
    responses={200: {"content": {NDJSON: {}}, "description": "One JSON object per line"}},
)
def export_articles(
    request: Request,
    params: Annotated[SearchParams, Depends()],
    store: Annotated[Store, Depends(get_store)],
    limit: Annotated[
        int | None, Query(ge=1, description="Stop after this many articles (resume with cursor)")
    ] = None,
) -> StreamingResponse:
    """Same filters and sort as ``GET /api/v1/articles``; ``size`` is ignored (pages of 500
    are read from the store as the client consumes the stream). Lines: ``{"article": …}``,
    checkpoints ``{"next_cursor": …}`` after each page, and a final
    ``{"next_cursor", "complete", "count"}``. Resume with ``cursor``."""
    size = min(BATCH, limit) if limit else BATCH
    first = store.search(_query(params, params.cursor, size))  # a bad query is still a 400
    rid = getattr(request.state, "request_id", "")
    return StreamingResponse(
        stream_articles(store, params, first, limit, rid),
        media_type=NDJSON,
        headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
    )
