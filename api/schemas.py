"""Public API shapes (families per resource: ArticleSummary / ArticlePublic / ArticleSearch)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from store.base import Hit, SearchPage
from store.records import Analysis, Article


class FacetValuePublic(BaseModel):
    value: str
    count: int


class ArticleSummary(BaseModel):
    id: str
    url: str
    source: str
    title: str
    title_highlight: str | None = None
    snippet: str | None = None
    published_at: datetime | None
    region: str | None
    region_code: str | None
    status: str
    score: float | None = None
    violations: list[dict[str, Any]] = []


class ArticlePublic(BaseModel):
    id: str
    url: str
    source: str
    title: str
    body: str
    summary: str | None
    author: str | None
    published_at: datetime | None
    fetched_at: datetime
    language: str | None
    region: str | None
    region_code: str | None
    extraction_path: str | None
    content_hash: str
    status: str
    error: str | None
    analysis: Analysis | None


class ArticleSearch(BaseModel):
    total: int
    hits: list[ArticleSummary]
    facets: dict[str, list[FacetValuePublic]]
    histogram: list[FacetValuePublic]
    next_cursor: str | None


def summary_of(hit: Hit) -> ArticleSummary:
    a: Article = hit.article
    violations = (
        [v.model_dump(include={"category", "status", "confidence"}) for v in a.analysis.violations]
        if a.analysis
        else []
    )
    return ArticleSummary(
        id=a.id, url=a.url, source=a.source, title=a.title, title_highlight=hit.title_highlight,
        snippet=hit.snippet, published_at=a.published_at, region=a.region,
        region_code=a.region_code, status=a.status.value, score=hit.score, violations=violations,
    )  # fmt: skip


def search_of(page: SearchPage) -> ArticleSearch:
    return ArticleSearch(
        total=page.total,
        hits=[summary_of(h) for h in page.hits],
        facets={
            name: [FacetValuePublic(value=f.value, count=f.count) for f in values]
            for name, values in page.facets.items()
        },
        histogram=[FacetValuePublic(value=f.value, count=f.count) for f in page.histogram],
        next_cursor=page.next_cursor,
    )


def public_of(a: Article) -> ArticlePublic:
    return ArticlePublic.model_validate(a.model_dump())
