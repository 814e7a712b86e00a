"""/healthz: liveness plus what an operator needs at a glance (store counts, sources)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from api.deps import get_store
from store.base import Store
from store.records import ArticleStatus

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Health of the store and of each source")
def healthz(store: Annotated[Store, Depends(get_store)]) -> dict[str, Any]:
    sources = [
        {
            "source": h.source,
            "ok": h.ok,
            "error": h.error,
            "last_run": h.last_run.isoformat() if h.last_run else None,
            "counters": h.counters,
        }
        for h in store.source_health()
    ]
    failing = [s["source"] for s in sources if not s["ok"]]
    return {
        "status": "degraded" if failing else "ok",
        "store": {
            "articles": store.count(),
            "pending": store.count(ArticleStatus.NEW),
            "failed": store.count(ArticleStatus.FAILED),
        },
        "failing_sources": failing,
        "sources": sources,
    }
