"""The listing spider: registry ``listings`` (``https://…/terkini?page={page}``) → pages.

Only ``fetch_articles`` sources: a listing gives links, not text, so a ``feed_only`` source
has nothing to take from it (counted as ``skipped_listings_policy``).

Pages are walked one after another from ``{page}`` = 1: page *n + 1* is requested only when
page *n* had at least one article link not stored before and *n* is below
``PANTAU_LISTING_MAX_PAGES``. A re-crawl therefore stops at the first page it has fully
seen (``listing_stopped_seen``); the first crawl stops at the page limit
(``listing_stopped_max_pages``) or at a page without article links (``listing_stopped_empty``).
A template without ``{page}`` is one page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response

from crawlers.feeds import FeedEntry
from crawlers.listing import article_links
from crawlers.registry import Policy, Source
from crawlers.spiders.base import SourceSpider

log = logging.getLogger(__name__)


class ListingsSpider(SourceSpider):
    name = "listings"
    kinds: ClassVar[tuple[str, ...]] = ("listings",)

    def listings_requests(self, source: Source) -> Iterator[scrapy.Request]:
        if source.listings and source.policy is not Policy.FETCH_ARTICLES:
            self.count(source, "skipped_listings_policy", len(source.listings))
            return
        for template in source.listings:
            yield self._listing(source, template, 1)

    def _listing(self, source: Source, template: str, page: int) -> scrapy.Request:
        url = template.replace("{page}", str(page))
        return self.control_request(
            url, source, "listings", self.parse_listing, template=template, page=page
        )

    def parse_listing(
        self, response: Response, source_name: str, template: str, page: int
    ) -> Iterator[Any]:
        source = self.source(source_name)
        if self.not_modified(response, source, "listings"):
            return
        self.count(source, "listings_ok")
        links = article_links(response.body, response.url)
        self.count(source, "listing_links", len(links))
        new = 0
        for link in links:
            request = self.page_request(
                source, FeedEntry(link=link.url, title=link.title, published_at=None)
            )
            if request is not None:
                new += 1
                yield request
        max_pages = self.settings.getint("PANTAU_LISTING_MAX_PAGES", 3)
        if "{page}" not in template:
            return
        if not links:
            self.count(source, "listing_stopped_empty")
        elif new == 0:
            self.count(source, "listing_stopped_seen")
        elif page >= max_pages:
            self.count(source, "listing_stopped_max_pages")
        else:
            yield self._listing(source, template, page + 1)
