"""The feed spider: RSS/Atom feeds of registry sources → articles.

``feed_only`` sources (ANTARA by default) become articles from what the feed itself
publishes; ``fetch_articles`` sources have each linked page fetched and parsed (unless it
is already stored and the feed gives no newer date), falling back to the feed's text when
the page cannot be fetched or parsed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawlers.feeds import FeedError, parse_feed
from crawlers.registry import Policy, Source
from crawlers.spiders.base import SourceSpider

log = logging.getLogger(__name__)


def http_charset(response: Response) -> str | None:
    content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
    return content_type.split("charset=")[-1].strip() if "charset=" in content_type else None


class FeedsSpider(SourceSpider):
    name = "feeds"
    kinds: ClassVar[tuple[str, ...]] = ("feeds",)

    def feeds_requests(self, source: Source) -> Iterator[scrapy.Request]:
        if not source.feeds:
            self.count(source, "no_feeds")
        for url in source.feeds:
            yield self.control_request(url, source, "feeds", self.parse_feed)

    def parse_feed(self, response: Response, source_name: str) -> Iterator[Any]:
        source = self.source(source_name)
        if self.not_modified(response, source, "feeds"):
            return
        try:
            feed = parse_feed(response.body, response.url, http_charset(response))
        except FeedError as exc:
            self.error(source, f"{response.url}: {exc}")
            self.count(source, "feeds_failed")
            return
        self.count(source, "feeds_ok")
        self.count(source, "feed_items", len(feed.entries))
        for reason, n in feed.skipped.items():
            self.count(source, f"skipped_{reason}", n)
        for entry in feed.entries:
            if entry.published_at is None:
                self.count(source, "missing_date")
            if source.policy is Policy.FEED_ONLY:
                item = self.from_entry(entry, source)
                if item is not None:
                    yield item
            else:
                request = self.page_request(source, entry, entry.published_at)
                if request is not None:
                    yield request
