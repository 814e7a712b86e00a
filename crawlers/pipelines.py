"""Item pipelines: normalise → dedup → store, each counting what it did per source.

Counters live in Scrapy's stats as ``pantau/<source>/<counter>``; the store pipeline writes
them to the store's source health when the spider closes.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawlers.items import ArticleItem
from crawlers.text.boilerplate import strip_boilerplate
from crawlers.text.dateline import parse_dateline
from crawlers.text.language import detect_language
from crawlers.urls import canonical_url
from store.base import SourceHealth, Store, StoreError
from store.records import Article

log = logging.getLogger(__name__)

MIN_BODY_CHARS = 40


def count(crawler: Crawler, source: str, counter: str, n: int = 1) -> None:
    assert crawler.stats is not None
    crawler.stats.inc_value(f"pantau/{source}/{counter}", n)


class _Counting:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    def drop(self, item: ArticleItem, reason: str) -> DropItem:
        count(self.crawler, item.source, f"skipped_{reason}")
        return DropItem(f"{item.source}: {reason}: {item.url}")


class NormalizePipeline(_Counting):
    """Canonical URL, boilerplate removal, dateline place, language check."""

    def process_item(self, item: ArticleItem, spider: Spider | None = None) -> ArticleItem:
        item.url = canonical_url(item.url)
        item.title = " ".join(item.title.split())
        item.body = strip_boilerplate(item.body or "")
        if not item.title:
            raise self.drop(item, "no_title")
        if item.dateline is None:
            dateline = parse_dateline(item.body)
            item.dateline = dateline.place if dateline else None
        language, _score = detect_language(f"{item.title}\n{item.body}")
        if language == "en":
            raise self.drop(item, "language_en")
        if language != "id":
            # Feed teasers are short and headline-like; a stopword check cannot call them
            # non-Indonesian with confidence, so keep them and count the doubt.
            count(self.crawler, item.source, "language_uncertain")
        item.language = "id" if language == "id" else None
        if len(item.body) < MIN_BODY_CHARS and not item.summary:
            raise self.drop(item, "empty_body")
        return item


class DedupPipeline(_Counting):
    """Drop a URL seen twice in one crawl (feeds repeat items across sections)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[str] = set()

    def process_item(self, item: ArticleItem, spider: Spider | None = None) -> ArticleItem:
        if item.url in self.seen:
            raise self.drop(item, "duplicate")
        self.seen.add(item.url)
        return item


class StorePipeline(_Counting):
    """Hand items to the store; record per-source health when the crawl ends."""

    store: Store

    def open_spider(self, spider: Spider | None = None) -> None:
        from store.factory import open_store

        url = self.crawler.settings.get("PANTAU_STORE_URL")
        if not url:
            raise StoreError("PANTAU_STORE_URL is not set for the crawl")
        self.store = open_store(url)

    def process_item(self, item: ArticleItem, spider: Spider | None = None) -> ArticleItem:
        fields = asdict(item)
        fields.pop("tags")
        if item.dateline and not item.region:
            fields["region"] = item.dateline
        fields.pop("dateline")
        article = Article(**fields)
        result = self.store.put_article(article)
        counter = "stored_new" if result.created else "updated" if result.changed else "unchanged"
        count(self.crawler, item.source, counter)
        return item

    def close_spider(self, spider: Spider | None = None) -> None:
        assert self.crawler.stats is not None
        stats = self.crawler.stats.get_stats()
        by_source: dict[str, dict[str, int]] = {}
        for key, value in stats.items():
            if key.startswith("pantau/") and isinstance(value, int):
                _, source, counter = key.split("/", 2)
                by_source.setdefault(source, {})[counter] = value
        errors: dict[str, str] = stats.get("pantau_errors", {})
        for source in sorted(set(by_source) | set(errors)):
            counters = by_source.get(source, {})
            feeds_ok = counters.get("feeds_ok", 0) + counters.get("pages_ok", 0)
            ok = feeds_ok > 0 or not errors.get(source)
            self.store.record_source_health(
                SourceHealth(
                    source=source,
                    last_run=datetime.now(UTC),
                    ok=ok,
                    error=None if ok else errors.get(source),
                    counters=counters,
                )
            )
        self.store.close()
