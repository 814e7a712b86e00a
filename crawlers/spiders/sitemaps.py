"""The sitemap spider: registry ``sitemaps`` (plain, Google News, sitemap indexes) → pages.

Only ``fetch_articles`` sources: a sitemap gives links, not text, so a ``feed_only``
source has nothing to take from it (counted as ``skipped_sitemaps_policy``).

- A sitemap index is followed to its ``PANTAU_SITEMAP_MAX_CHILDREN`` newest children
  (by ``lastmod``); each child is fetched with conditional headers like the index.
- A ``<urlset>`` yields one page request per URL, skipping URLs whose date (``lastmod``,
  else ``news:publication_date``) is older than ``PANTAU_SITEMAP_MAX_AGE_DAYS`` (0 = no
  limit) and URLs already stored with the same or a newer date.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawlers.feeds import FeedEntry
from crawlers.registry import Policy, Source
from crawlers.sitemaps import SitemapError, SitemapUrl, parse_sitemap
from crawlers.spiders.base import SourceSpider

log = logging.getLogger(__name__)


class SitemapsSpider(SourceSpider):
    name = "sitemaps"
    kinds: ClassVar[tuple[str, ...]] = ("sitemaps",)

    def sitemaps_requests(self, source: Source) -> Iterator[scrapy.Request]:
        if source.sitemaps and source.policy is not Policy.FETCH_ARTICLES:
            self.count(source, "skipped_sitemaps_policy", len(source.sitemaps))
            return
        for url in source.sitemaps:
            yield self.control_request(url, source, "sitemaps", self.parse_sitemap, depth=0)

    def parse_sitemap(self, response: Response, source_name: str, depth: int) -> Iterator[Any]:
        source = self.source(source_name)
        if self.not_modified(response, source, "sitemaps"):
            return
        try:
            sitemap = parse_sitemap(response.body)
        except SitemapError as exc:
            self.error(source, f"{response.url}: {exc}")
            self.count(source, "sitemaps_failed")
            return
        self.count(source, "sitemaps_ok")
        if sitemap.kind == "sitemapindex":
            yield from self._children(source, sitemap.urls, depth)
            return
        max_age = self.settings.getfloat("PANTAU_SITEMAP_MAX_AGE_DAYS", 2)
        oldest = datetime.now(UTC) - timedelta(days=max_age) if max_age > 0 else None
        self.count(source, "sitemap_urls", len(sitemap.urls))
        for url in sitemap.urls:
            if oldest and url.version and url.version < oldest:
                self.count(source, "skipped_old")
                continue
            request = self.page_request(source, _entry(url), url.version)
            if request is not None:
                yield request

    def _children(self, source: Source, children: list[SitemapUrl], depth: int) -> Iterator[Any]:
        if depth >= 2:  # an index of indexes of indexes is a loop or a mistake
            self.count(source, "skipped_sitemap_depth", len(children))
            return
        limit = self.settings.getint("PANTAU_SITEMAP_MAX_CHILDREN", 10)
        newest = datetime.min.replace(tzinfo=UTC)
        ordered = sorted(children, key=lambda c: c.lastmod or newest, reverse=True)
        self.count(source, "skipped_sitemap_children", max(0, len(ordered) - limit))
        for child in ordered[:limit]:
            yield self.control_request(
                child.loc, source, "sitemaps", self.parse_sitemap, depth=depth + 1
            )


def _entry(url: SitemapUrl) -> FeedEntry:
    """A sitemap URL in the shape the page callback takes (no text: pages give it)."""
    return FeedEntry(
        link=url.loc,
        title=url.title or "",
        published_at=url.published_at,
        categories=url.keywords,
    )
