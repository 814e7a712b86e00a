"""The item every spider yields; pipelines turn it into a store Article."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class ArticleItem:
    url: str
    source: str
    title: str
    body: str
    published_at: datetime | None = None
    author: str | None = None
    summary: str | None = None
    language: str | None = None
    region: str | None = None
    region_code: str | None = None
    dateline: str | None = None
    extraction_path: str = "feed"
    tags: list[str] = field(default_factory=list)
