"""Typed records that every stage exchanges through the store.

The shapes of ``Mention``, ``Official``, ``Organization`` and ``Violation`` follow the
extraction contract in docs/ARCHITECTURE.md (the JSON that ``pantau extract`` prints),
so the API, the store and the NLP pipeline speak one language.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ArticleStatus(StrEnum):
    NEW = "new"
    ANALYZED = "analyzed"
    FAILED = "failed"


class Mention(BaseModel):
    """A named-entity span in an article's text (character offsets)."""

    model_config = ConfigDict(extra="allow")

    text: str
    label: str
    start: int
    end: int
    code: str | None = None  # Kemendagri code for LOC mentions of regions
    canonical: str | None = None  # the article's full name for this mention (nlp/coref.py)


class Official(BaseModel):
    """A person linked to a position: "Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib"."""

    model_config = ConfigDict(extra="allow")

    name: str
    position: str | None = None
    institution: str | None = None
    region: str | None = None
    region_code: str | None = None
    evidence: str = ""
    start: int | None = None
    end: int | None = None
    former: bool = False


class Quote(BaseModel):
    """A reported statement: what was said (offsets into the text) and who said it."""

    model_config = ConfigDict(extra="allow")

    start: int
    end: int
    text: str
    kind: str  # direct | indirect
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None
    confidence: float = 0.0
    official: dict[str, str | None] | None = None


class Organization(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str
    canonical: str
    acronym: str | None = None


class Violation(BaseModel):
    """A reported possible election violation (category slugs from VIOLATIONS.md)."""

    model_config = ConfigDict(extra="allow")

    category: str
    status: str = "alleged"
    evidence: str = ""
    confidence: float = 0.5
    start: int | None = None
    end: int | None = None


class Analysis(BaseModel):
    """Everything the NLP pipeline extracted from one text (the extraction contract)."""

    model_config = ConfigDict(extra="allow")

    entities: list[Mention] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    regions: list[dict[str, Any]] = Field(default_factory=list)
    violations: list[Violation] = Field(default_factory=list)
    mentioned_violations: list[str] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    pipeline: str | None = None  # name and version of the pipeline that produced it


_SPACES = re.compile(r"\s+")


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised title and body: equal for byte-different copies of one text."""
    norm = _SPACES.sub(" ", f"{title}\n{body}").strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def article_id(url: str) -> str:
    """Stable id from the canonical URL: re-crawling a URL updates the same record."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


class Article(BaseModel):
    """One news article as crawled; ``analysis`` is filled by the analyze stage."""

    model_config = ConfigDict(extra="ignore")

    url: str  # canonical URL
    source: str  # outlet name from the sources registry, e.g. "antara_jambi"
    title: str
    body: str = ""
    published_at: datetime | None = None  # always UTC
    language: str | None = "id"
    region: str | None = None  # region the source or dateline places the story in
    region_code: str | None = None
    author: str | None = None
    summary: str | None = None
    extraction_path: str | None = None  # "feed", "parser:antara_v2015", "jsonld", ...
    fetched_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    status: ArticleStatus = ArticleStatus.NEW
    error: str | None = None
    analysis: Analysis | None = None
    id: str = ""
    content_hash: str = ""
    # Near-duplicate clustering (crawlers/cluster.py): every copy of one syndicated story
    # shares ``cluster_id``; ``original_id`` is the member published first (ANTARA on ties).
    cluster_id: str | None = None
    original_id: str | None = None

    @field_validator("published_at", "fetched_at")
    @classmethod
    def _to_utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("datetimes must carry a time zone; naive values are ambiguous")
        return value.astimezone(UTC)

    def model_post_init(self, __context: Any) -> None:
        if not self.id:
            self.id = article_id(self.url)
        if not self.content_hash:
            self.content_hash = content_hash(self.title, self.body)
