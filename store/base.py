"""The one Store contract that every backend (SQLite, Elasticsearch, OpenSearch) implements.

Stages never talk to each other directly: crawlers ``put_article``, the analyzer reads
``pending`` and writes ``put_analysis``, the API calls ``search`` / ``get_article``. The
contract test suite in tests/store/ runs unchanged against every backend.
"""

from __future__ import annotations

import abc
import base64
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from store.records import Analysis, Article, ArticleStatus

FACET_FIELDS = ("source", "region", "organization", "person", "location", "violation", "status")
"""Facets every backend can count. ``status`` is the violation status, not the article's."""

SortOrder = Literal["relevance", "date", "date_asc"]
Interval = Literal["day", "week", "month"]


class StoreError(Exception):
    """Base class for store failures; messages say what happened and what to do next."""


class QueryError(StoreError):
    """The search query cannot be parsed or run (a 4xx for API callers, never a 500)."""


class CorruptStoreError(StoreError):
    """The store's files are damaged; nothing was written."""


class SearchQuery(BaseModel):
    """Search words plus filters; every field is optional."""

    q: str | None = None
    sources: list[str] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list)  # region names or Kemendagri codes
    date_from: datetime | None = None
    date_to: datetime | None = None
    entities: list[str] = Field(default_factory=list)  # entity texts, case-insensitive
    organizations: list[str] = Field(default_factory=list)
    persons: list[str] = Field(default_factory=list)
    violations: list[str] = Field(default_factory=list)  # category slugs
    violation_status: list[str] = Field(default_factory=list)
    article_status: ArticleStatus | None = None
    sort: SortOrder = "relevance"
    size: int = Field(default=20, ge=1, le=500)
    cursor: str | None = None
    facets: bool = True
    facet_size: int = Field(default=10, ge=1, le=100)
    histogram: Interval | None = "day"
    highlight: bool = True

    @field_validator("q")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if len(value) > 1000:
            raise ValueError("query is longer than 1000 characters")
        return value


@dataclass
class Hit:
    article: Article
    score: float | None = None
    snippet: str | None = None  # body excerpt with <mark>…</mark> around matches (escaped text)
    title_highlight: str | None = None


@dataclass
class FacetValue:
    value: str
    count: int


@dataclass
class SearchPage:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    histogram: list[FacetValue] = field(default_factory=list)  # value = bucket start date (ISO)
    next_cursor: str | None = None


@dataclass
class PutResult:
    id: str
    created: bool  # a new URL
    changed: bool  # content differs from what was stored (new articles count as changed)


@dataclass
class SourceHealth:
    source: str
    last_run: datetime | None = None
    ok: bool = True
    error: str | None = None
    counters: dict[str, int] = field(default_factory=dict)


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, UnicodeDecodeError) as exc:
        raise QueryError("invalid cursor: pass back the next_cursor value unchanged") from exc
    if not isinstance(values, list):
        raise QueryError("invalid cursor: pass back the next_cursor value unchanged")
    return values


class Store(abc.ABC):
    """Persistence and search for articles and their analyses."""

    @abc.abstractmethod
    def put_article(self, article: Article) -> PutResult:
        """Insert or update by canonical URL. Changed content resets status to ``new``;
        unchanged content keeps the stored analysis."""

    def put_articles(self, articles: Iterable[Article]) -> list[PutResult]:
        return [self.put_article(a) for a in articles]

    @abc.abstractmethod
    def get_article(self, article_id: str) -> Article | None: ...

    @abc.abstractmethod
    def pending(self, limit: int = 100) -> list[Article]:
        """Articles with status ``new``, oldest first."""

    @abc.abstractmethod
    def put_analysis(
        self,
        article_id: str,
        analysis: Analysis | None,
        *,
        status: ArticleStatus = ArticleStatus.ANALYZED,
        error: str | None = None,
    ) -> None: ...

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchPage: ...

    @abc.abstractmethod
    def count(self, status: ArticleStatus | None = None) -> int: ...

    @abc.abstractmethod
    def record_source_health(self, health: SourceHealth) -> None: ...

    @abc.abstractmethod
    def source_health(self) -> list[SourceHealth]: ...

    def refresh(self) -> None:  # noqa: B027 - an optional hook with a no-op default
        """Make all writes visible to search (a no-op where writes are visible at once)."""

    def close(self) -> None:  # noqa: B027 - an optional hook with a no-op default
        """Release connections and files."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
