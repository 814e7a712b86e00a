"""The spider ``pantau crawl`` runs: feeds, sitemaps and listings of the chosen sources in one
crawl, so that one downloader enforces each source's politeness (one download slot per
source) and one set of counters becomes each source's health."""

from __future__ import annotations

import logging
from typing import ClassVar

from crawlers.spiders.feeds import FeedsSpider
from crawlers.spiders.listings import ListingsSpider
from crawlers.spiders.sitemaps import SitemapsSpider

log = logging.getLogger(__name__)


class SourcesSpider(FeedsSpider, SitemapsSpider, ListingsSpider):
    name = "sources"
    kinds: ClassVar[tuple[str, ...]] = ("feeds", "sitemaps", "listings")
