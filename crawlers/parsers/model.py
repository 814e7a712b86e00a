"""The record every article parser returns, and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class ParseError(Exception):
    """A page could not be turned into an article; the message says why and what to try."""


@dataclass
class ParsedArticle:
    title: str
    body: str
    published_at: datetime | None
    author: str | None
    tags: list[str]
    dateline: str | None
    language: str | None
    extraction_path: str
    url: str | None
    summary: str | None = None


@dataclass
class ArticleFields:
    """What one extraction path found; empty fields are filled by the next path."""

    title: str | None = None
    body: str | None = None
    published_at: datetime | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    summary: str | None = None
