"""What every source spider shares: the registry, start requests per kind, article pages.

A spider lists the kinds it crawls (``kinds = ("feeds",)``); for each selected source and
kind, ``<kind>_requests(source)`` yields the start requests. Feeds, sitemaps and listings
("control pages") are fetched with conditional headers (crawlers/middlewares.py); a 304
reaches the callback and is counted as ``<kind>_not_modified``. Article pages go through
``page_request``, which skips URLs already stored unless the feed or sitemap gives them a
newer date than the one they were stored with.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers.feeds import FeedEntry, html_to_text
from crawlers.items import ArticleItem
from crawlers.pipelines import count
from crawlers.registry import Source, load_registry
from crawlers.spiders.reasons import describe, reason
from crawlers.state import state_for
from crawlers.urls import canonical_url

log = logging.getLogger(__name__)


@dataclass
class PageItem(ArticleItem):
    """An article from a fetched page; ``version`` is the date its feed or sitemap gave."""

    version: str | None = None


class SourceSpider(scrapy.Spider):
    kinds: ClassVar[tuple[str, ...]] = ()

    def __init__(self, sources: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source_names = [s for s in sources.split(",") if s]
        self._by_name: dict[str, Source] | None = None
        self.links_seen: set[str] = set()

    # -- sources -------------------------------------------------------------------------

    def _sources(self) -> list[Source]:
        registry = load_registry(Path(self.settings.get("PANTAU_SOURCES_FILE")))
        if self.source_names:
            return [registry.get(name) for name in self.source_names]
        return registry.enabled()

    def source(self, name: str) -> Source:
        """Sources by name, loaded on first use (requests restored by a resumed crawl can
        arrive before ``start`` has run)."""
        if self._by_name is None:
            self._by_name = {s.name: s for s in self._sources()}
        return self._by_name[name]

    async def start(self) -> Any:
        for source in self._sources():
            for kind in self.kinds:
                for request in getattr(self, f"{kind}_requests")(source):
                    yield request

    def count(self, source: Source | str, counter: str, n: int = 1) -> None:
        count(self.crawler, source if isinstance(source, str) else source.name, counter, n)

    # -- control pages (feeds, sitemaps, listings) ---------------------------------------

    def control_request(
        self, url: str, source: Source, kind: str, callback: Callable[..., Any], **kwargs: Any
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.control_failed,
            cb_kwargs={"source_name": source.name, **kwargs},
            meta={
                "pantau_source": source.name,
                "pantau_kind": kind,
                "pantau_conditional": True,
                "handle_httpstatus_list": [304],
                "download_slot": source.name,
            },
            dont_filter=True,
        )

    def not_modified(self, response: Response, source: Source, kind: str) -> bool:
        if response.status != 304:
            return False
        self.count(source, f"{kind}_not_modified")
        return True

    def control_failed(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        source = self.source(request.cb_kwargs["source_name"])
        kind = request.meta.get("pantau_kind", "feeds")
        self.count(source, f"{kind}_failed")
        self.count(source, f"failed_{reason(failure)}")
        self.error(source, f"{request.meta.get('pantau_original_url', request.url)}: "
                           f"{describe(failure)}")  # fmt: skip

    def error(self, source: Source, message: str) -> None:
        log.warning("source %s: %s", source.name, message)
        assert self.crawler.stats is not None
        errors = self.crawler.stats.get_value("pantau_errors") or {}
        errors[source.name] = message
        self.crawler.stats.set_value("pantau_errors", errors)

    # -- article pages -------------------------------------------------------------------

    def page_request(
        self, source: Source, entry: FeedEntry, version: datetime | None = None
    ) -> scrapy.Request | None:
        """A request for an article page, or None when it is already stored (and its feed
        or sitemap date is not newer) or was already requested in this crawl."""
        url = canonical_url(entry.link)
        if url in self.links_seen:
            self.count(source, "skipped_duplicate_link")
            return None
        self.links_seen.add(url)
        stamp = version.isoformat() if version else None
        known, stored = state_for(self.crawler).page(url)
        if known:
            if not (stamp and stored and stamp > stored):
                self.count(source, "skipped_seen")
                return None
            self.count(source, "pages_changed")
        return scrapy.Request(
            entry.link,
            callback=self.parse_page,
            errback=self.page_failed,
            cb_kwargs={"source_name": source.name, "entry": entry, "version": stamp},
            meta={"pantau_source": source.name, "download_slot": source.name},
        )

    def parse_page(
        self, response: Response, source_name: str, entry: FeedEntry, version: str | None
    ) -> ArticleItem | None:
        from crawlers.parsers import ParseError, parse_article
        from crawlers.parsers.registry import PARSERS

        source = self.source(source_name)
        self.count(source, "pages_ok")
        has_parser = source.outlet in PARSERS
        try:
            parsed = parse_article(
                response.body,
                response.url,
                outlet=source.outlet if has_parser else None,  # else the URL's host decides
                encoding=response.encoding,
            )
        except ParseError as exc:
            log.info("%s: cannot parse %s (%s)", source.name, response.url, exc)
            self.count(source, "parse_failed")
            if has_parser:
                self.count(source, "layout_miss")
            return self.from_entry(entry, source)
        path_key = parsed.extraction_path.split(":")[0]
        self.count(source, f"path_{path_key}")
        if has_parser and path_key != "parser":
            self.count(source, "layout_miss")  # the outlet parser no longer matched
        return PageItem(
            url=entry.link,
            source=source.name,
            title=parsed.title or entry.title,
            body=parsed.body,
            published_at=parsed.published_at or entry.published_at,
            author=parsed.author or entry.author,
            summary=html_to_text(entry.summary_html) or parsed.summary,
            region=source.region,
            region_code=source.region_code,
            dateline=parsed.dateline,
            extraction_path=parsed.extraction_path,
            tags=parsed.tags or entry.categories,
            version=version,
        )

    def page_failed(self, failure: Failure) -> Iterator[ArticleItem]:
        kwargs = failure.request.cb_kwargs  # type: ignore[attr-defined]
        source = self.source(kwargs["source_name"])
        self.count(source, "pages_failed")
        self.count(source, f"failed_{reason(failure)}")
        log.info("%s: %s: %s", source.name, kwargs["entry"].link, describe(failure))
        item = self.from_entry(kwargs["entry"], source)
        if item is not None:
            yield item

    def from_entry(self, entry: FeedEntry, source: Source) -> ArticleItem | None:
        """An article from the feed's own text; None when the link came without text
        (sitemaps, listings): there is nothing to store."""
        summary = html_to_text(entry.summary_html)
        body = html_to_text(entry.content_html) or summary
        if not body:
            self.count(source, "skipped_no_text")
            return None
        self.count(source, "path_feed")
        return ArticleItem(
            url=entry.link,
            source=source.name,
            title=entry.title,
            body=body,
            published_at=entry.published_at,
            author=entry.author,
            summary=summary or None,
            region=source.region,
            region_code=source.region_code,
            extraction_path="feed",
            tags=entry.categories,
        )
