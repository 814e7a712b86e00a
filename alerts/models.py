"""API schemas for subscriptions: ``SubscriptionCreate / SubscriptionUpdate / SubscriptionPublic``.

Everything a user sends is validated here, with messages that say what to fix: unknown
category slugs, empty criteria, bad URLs or e-mail addresses, invalid query syntax and
unknown regions are refused (HTTP 422), never silently dropped.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from alerts.regions import resolve_regions
from store.base import QueryError

CATEGORIES = (
    "politik_uang", "netralitas", "fasilitas_negara", "kampanye_hitam", "sara", "intimidasi",
    "manipulasi_suara", "kampanye_ilegal", "dana_kampanye", "penyelenggara", "hak_pilih",
)  # fmt: skip
"""Violation category slugs (docs VIOLATIONS.md)."""
STATUSES = ("alleged", "investigated", "found", "sanctioned", "denied")
DEFAULT_TIMEZONE = "Asia/Jakarta"

_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)+$")
Names = Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], Field(max_length=50)]


def _clean(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values:
        value = " ".join(value.split())
        if not value:
            raise ValueError("empty names are not allowed; remove the blank entry")
        if value not in out:
            out.append(value)
    return out


class Criteria(BaseModel):
    """What an article must have to match: AND between fields, OR within a list."""

    model_config = ConfigDict(extra="forbid")

    query: str | None = Field(None, max_length=1000, description='Words, "phrases", OR, -exclude')
    keyword_lists: Names = Field(default_factory=list, description="Flagged keyword list names")
    entities: Names = Field(default_factory=list, description="Organization/person/official")
    speakers: Names = Field(
        default_factory=list,
        description="Who said something in the article: a speaker's name, or an official's "
        "position and institution ('Ketua KPU')",
    )
    regions: Names = Field(default_factory=list, description="Region names or Kemendagri codes")
    region_codes: list[str] = Field(default_factory=list, description="Resolved (read-only)")
    outlets: Names = Field(default_factory=list, description="Source names")
    categories: list[str] = Field(default_factory=list, description="Violation category slugs")
    statuses: list[str] = Field(default_factory=list, description="Violation statuses")
    min_confidence: float | None = Field(None, ge=0, le=1)

    @field_validator("keyword_lists", "entities", "speakers", "regions", "outlets")
    @classmethod
    def _names(cls, values: list[str]) -> list[str]:
        return _clean(values)

    @field_validator("query")
    @classmethod
    def _query(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        from alerts.query import parse

        try:
            parse(value)
        except QueryError as exc:
            raise ValueError(f"invalid query: {exc}") from None
        return value.strip()

    @field_validator("categories")
    @classmethod
    def _categories(cls, values: list[str]) -> list[str]:
        unknown = [v for v in values if v not in CATEGORIES]
        if unknown:
            raise ValueError(f"unknown categories {unknown}; use slugs from {list(CATEGORIES)}")
        return list(dict.fromkeys(values))

    @field_validator("statuses")
    @classmethod
    def _statuses(cls, values: list[str]) -> list[str]:
        unknown = [v for v in values if v not in STATUSES]
        if unknown:
            raise ValueError(f"unknown statuses {unknown}; use {list(STATUSES)}")
        return list(dict.fromkeys(values))

    @model_validator(mode="after")
    def _not_empty(self) -> Criteria:
        fields = ("query", "keyword_lists", "entities", "speakers", "regions", "outlets",
                  "categories", "statuses")  # fmt: skip
        if not any(getattr(self, f) for f in fields):
            raise ValueError(
                "criteria are empty; give at least one of query, keyword_lists, entities, "
                "speakers, regions, outlets, categories or statuses"
            )
        self.region_codes = resolve_regions(self.regions)
        return self


class WebhookChannel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["webhook"]
    url: str = Field(max_length=2000)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("webhook url must be an absolute http:// or https:// URL")
        if parts.username or parts.password:
            raise ValueError("put no credentials in the webhook url; verify the signature")
        return value.strip()


class EmailChannel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["email"]
    to: Annotated[list[str], Field(min_length=1, max_length=20)]

    @field_validator("to")
    @classmethod
    def _emails(cls, values: list[str]) -> list[str]:
        bad = [v for v in values if not _EMAIL.match(v.strip())]
        if bad:
            raise ValueError(f"invalid e-mail address {bad[0]!r}; expected name@example.org")
        return [v.strip() for v in values]


class FeedChannel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: Literal["feed"]


Channel = Annotated[WebhookChannel | EmailChannel | FeedChannel, Field(discriminator="type")]
Frequency = Literal["instant", "hourly", "daily"]


def _zone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(
            f"unknown time zone {value!r}; use an IANA name like Asia/Jakarta"
        ) from None
    return value


class SubscriptionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    criteria: Criteria
    channel: Channel
    frequency: Frequency = "instant"
    timezone: str = DEFAULT_TIMEZONE
    digest_hour: int = Field(7, ge=0, le=23, description="Local hour of the daily digest")

    _tz = field_validator("timezone")(_zone)


class SubscriptionUpdate(BaseModel):
    """Every field optional; a given field replaces the stored one."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, min_length=1, max_length=200)
    criteria: Criteria | None = None
    channel: Channel | None = None
    frequency: Frequency | None = None
    timezone: str | None = None
    digest_hour: int | None = Field(None, ge=0, le=23)
    paused: bool | None = None

    _tz = field_validator("timezone")(_zone)


class SubscriptionPublic(BaseModel):
    id: str
    name: str
    criteria: Criteria
    channel: dict[str, Any]
    frequency: Frequency
    timezone: str
    digest_hour: int
    paused: bool
    feed_url: str
    created_at: datetime
    updated_at: datetime


class SubscriptionCreated(SubscriptionPublic):
    secret: str = Field(description="Webhook signing secret; shown only in this response")


class MatchPublic(BaseModel):
    article_id: str
    title: str
    url: str
    source: str
    published_at: str | None
    matched_at: datetime
    alerted: bool
    delivery_id: str | None
    reason: dict[str, Any]


class TestResult(BaseModel):
    ok: bool
    channel: str
    status_code: int | None = None
    error: str | None = None
    elapsed_ms: float
