"""The sources registry: which outlets Pantau crawls, where their feeds are, and how politely."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator


class Policy(StrEnum):
    FEED_ONLY = "feed_only"  # use what the feed publishes; never fetch article pages
    FETCH_ARTICLES = "fetch_articles"  # fetch and parse each article page


class Source(BaseModel):
    name: str = Field(pattern=r"^[a-z0-9_]+$")
    outlet: str
    title: str
    region: str | None = None
    region_code: str | None = Field(default=None, pattern=r"^\d{2}(\.\d{2}){0,3}$")
    policy: Policy = Policy.FETCH_ARTICLES
    language: str = "id"
    feeds: list[str] = Field(default_factory=list)
    sitemaps: list[str] = Field(default_factory=list)
    listings: list[str] = Field(default_factory=list)
    delay: float = Field(2.0, ge=0)
    concurrency: int = Field(2, ge=1, le=16)
    enabled: bool = True

    @field_validator("feeds", "sitemaps", "listings")
    @classmethod
    def _urls(cls, urls: list[str]) -> list[str]:
        for url in urls:
            if not url.startswith(("http://", "https://")):
                raise ValueError(f"{url!r} is not an http(s) URL")
        return urls


class RegistryError(Exception):
    """The sources file is missing or invalid; the message names the entry and field."""


class Registry:
    def __init__(self, sources: list[Source]) -> None:
        self.sources = {s.name: s for s in sources}
        if len(self.sources) != len(sources):
            counts = Counter(s.name for s in sources)
            dupes = sorted(name for name, n in counts.items() if n > 1)
            raise RegistryError(f"duplicate source names in the registry: {', '.join(dupes)}")

    def get(self, name: str) -> Source:
        try:
            return self.sources[name]
        except KeyError:
            known = ", ".join(sorted(self.sources)[:10])
            raise RegistryError(
                f"no source named {name!r}; known sources include: {known}"
            ) from None

    def enabled(self) -> list[Source]:
        return [s for s in self.sources.values() if s.enabled]

    def __iter__(self) -> Iterator[Source]:
        return iter(self.sources.values())

    def __len__(self) -> int:
        return len(self.sources)


def load_registry(path: Path) -> Registry:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"sources file {path} not found; set PANTAU_SOURCES_FILE") from None
    except yaml.YAMLError as exc:
        raise RegistryError(f"sources file {path} is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise RegistryError(f"sources file {path} needs a top-level 'sources:' list")
    defaults = raw.get("defaults") or {}
    sources = []
    for i, entry in enumerate(raw["sources"]):
        try:
            sources.append(Source.model_validate({**defaults, **entry}))
        except ValidationError as exc:
            name = entry.get("name", f"#{i + 1}") if isinstance(entry, dict) else f"#{i + 1}"
            raise RegistryError(f"source {name} in {path} is invalid: {exc}") from exc
    return Registry(sources)
