"""Item pipelines: normalise → dedup → cluster and store, each counting what it did per source.

Counters live in Scrapy's stats as ``pantau/<source>/<counter>``; the store pipeline writes
them to the store's source health when the spider closes.
"""

from __future__ import annotations

import logging
from dataclasses import asdict
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawlers.cluster import Clusterer
from crawlers.health import source_health
from crawlers.items import ArticleItem
from crawlers.state import state_for
from crawlers.text.boilerplate import strip_boilerplate
from crawlers.text.dateline import parse_dateline
from crawlers.text.language import detect_language
from crawlers.urls import canonical_url
from store.base import Store, StoreError
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
        if item.extraction_path != "feed":  # a fetched page: do not fetch it again unchanged
            state_for(self.crawler).mark_page(item.url, getattr(item, "version", None))
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
    """Cluster, hand items to the store, remember stored pages; record per-source health
    when the crawl ends."""

    store: Store

    def open_spider(self, spider: Spider | None = None) -> None:
        from store.factory import open_store

        url = self.crawler.settings.get("PANTAU_STORE_URL")
        if not url:
            raise StoreError("PANTAU_STORE_URL is not set for the crawl")
        self.store = open_store(url)
        self.state = state_for(self.crawler)
        self.clusterer = Clusterer(self.state)

    def process_item(self, item: ArticleItem, spider: Spider | None = None) -> ArticleItem:
        fields = asdict(item)
        fields.pop("tags")
        if item.dateline and not item.region:
            fields["region"] = item.dateline
        fields.pop("dateline")
        article = Article(**fields)
        assignment = self.clusterer.assign(article)
        article.cluster_id, article.original_id = assignment.cluster_id, assignment.original_id
        if assignment.how in ("exact", "near"):
            count(self.crawler, item.source, f"cluster_{assignment.how}")
        result = self.store.put_article(article)
        self._relabel(assignment.relabel, assignment.original_id)
        if item.extraction_path != "feed":
            self.state.mark_page(item.url, getattr(item, "version", None))
        counter = "stored_new" if result.created else "updated" if result.changed else "unchanged"
        count(self.crawler, item.source, counter)
        return item

    def _relabel(self, ids: list[str], original_id: str) -> None:
        """A new member became the cluster's original: point the others at it."""
        for article_id in ids:
            stored = self.store.get_article(article_id)
            if stored is not None and stored.original_id != original_id:
                self.store.put_article(stored.model_copy(update={"original_id": original_id}))

    def close_spider(self, spider: Spider | None = None) -> None:
        assert self.crawler.stats is not None
        settings = self.crawler.settings
        for health in source_health(
            self.crawler.stats.get_stats(),
            min_pages=settings.getint("PANTAU_LAYOUT_MIN_PAGES", 5),
            share=settings.getfloat("PANTAU_LAYOUT_MISS_SHARE", 0.5),
        ):
            self.store.record_source_health(health)
        self.store.close()
