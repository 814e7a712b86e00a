"""Article records <-> engine documents, with the derived values every backend indexes.

The derived entity, region and violation rows come from ``store.derived`` (shared with the
SQLite backend), so a filter or a facet means the same thing on every engine.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from store.base import SourceHealth
from store.derived import derived_rows
from store.records import Article

log = logging.getLogger(__name__)


def iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def article_document(article: Article, seq: int) -> dict[str, Any]:
    """The indexed document: the record (analysis stored, not indexed) plus derived fields."""
    doc = article.model_dump(mode="json")
    entities, regions, violations = derived_rows(article, article.analysis)
    doc.update(
        seq=seq,
        sort_date=iso(article.published_at or article.fetched_at),
        entities=[{"kind": k, "value": v, "norm": n, "code": c} for k, v, n, c in entities],
        regions=[{"name": n, "norm": nn, "code": c} for n, nn, c in regions],
        violations=[
            {"category": c, "status": s, "confidence": conf, "evidence": e}
            for c, s, conf, e in violations
        ],
    )
    return doc


def percolate_document(article: Article) -> dict[str, Any]:
    """The fields a stored subscription query can look at (no bookkeeping fields)."""
    doc = article_document(article, seq=0)
    for key in ("seq", "analysis", "error"):
        doc.pop(key, None)
    return doc


def article_from_source(source: dict[str, Any]) -> Article:
    """Rebuild the record; derived fields are ignored by the model (extra="ignore")."""
    return Article.model_validate(source)


def health_document(health: SourceHealth) -> dict[str, Any]:
    return {
        "source": health.source,
        "last_run": iso(health.last_run),
        "ok": health.ok,
        "error": health.error,
        "counters": dict(health.counters),
    }


def health_from_source(source: dict[str, Any]) -> SourceHealth:
    last_run = source.get("last_run")
    return SourceHealth(
        source=source["source"],
        last_run=datetime.fromisoformat(last_run) if last_run else None,
        ok=bool(source.get("ok", True)),
        error=source.get("error"),
        counters={str(k): int(v) for k, v in (source.get("counters") or {}).items()},
    )
