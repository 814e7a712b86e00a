"""The feed spider: RSS/Atom feeds of registry sources → articles.

``feed_only`` sources (ANTARA by default) become articles from what the feed itself
publishes; ``fetch_articles`` sources have each linked page fetched and parsed, falling back
to the feed's text when the page cannot be fetched or parsed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawlers.feeds import FeedEntry, FeedError, html_to_text, parse_feed
from crawlers.items import ArticleItem
from crawlers.pipelines import count
from crawlers.registry import Policy, Source, load_registry

log = logging.getLogger(__name__)


class FeedsSpider(scrapy.Spider):
    name = "feeds"

    def __init__(self, sources: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.source_names = [s for s in sources.split(",") if s]

    def _sources(self) -> list[Source]:
        registry = load_registry(Path(self.settings.get("PANTAU_SOURCES_FILE")))
        if self.source_names:
            return [registry.get(name) for name in self.source_names]
        return registry.enabled()

    async def start(self) -> Any:
        for request in self._start_requests():
            yield request

    def _start_requests(self) -> Iterator[scrapy.Request]:
        for source in self._sources():
            if not source.feeds:
                count(self.crawler, source.name, "no_feeds")
            for url in source.feeds:
                yield scrapy.Request(
                    url,
                    callback=self.parse_feed,
                    errback=self.feed_failed,
                    cb_kwargs={"source": source},
                    meta={"pantau_source": source.name},
                    dont_filter=True,
                )

    def parse_feed(self, response: Response, source: Source) -> Iterator[Any]:
        try:
            charset = response.headers.get(b"Content-Type", b"").decode("latin-1")
            http_charset = charset.split("charset=")[-1].strip() if "charset=" in charset else None
            feed = parse_feed(response.body, response.url, http_charset)
        except FeedError as exc:
            self._error(source, f"{response.url}: {exc}")
            count(self.crawler, source.name, "feeds_failed")
            return
        count(self.crawler, source.name, "feeds_ok")
        count(self.crawler, source.name, "feed_items", len(feed.entries))
        for reason, n in feed.skipped.items():
            count(self.crawler, source.name, f"skipped_{reason}", n)
        for entry in feed.entries:
            if entry.published_at is None:
                count(self.crawler, source.name, "missing_date")
            if source.policy is Policy.FEED_ONLY:
                yield self._from_feed(entry, source)
            else:
                yield scrapy.Request(
                    entry.link,
                    callback=self.parse_article,
                    errback=self.article_failed,
                    cb_kwargs={"source": source, "entry": entry},
                    meta={"pantau_source": source.name},
                )

    def parse_article(self, response: Response, source: Source, entry: FeedEntry) -> Any:
        from crawlers.parsers import ParseError, parse_article

        count(self.crawler, source.name, "pages_ok")
        try:
            parsed = parse_article(
                response.body, response.url, outlet=source.outlet, encoding=response.encoding
            )
        except ParseError as exc:
            log.info("%s: cannot parse %s (%s); using the feed text", source.name, entry.link, exc)
            count(self.crawler, source.name, "parse_failed")
            return self._from_feed(entry, source)
        path_key = parsed.extraction_path.split(":")[0]
        count(self.crawler, source.name, f"path_{path_key}")
        return ArticleItem(
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
        )

    def _from_feed(self, entry: FeedEntry, source: Source) -> ArticleItem:
        count(self.crawler, source.name, "path_feed")
        summary = html_to_text(entry.summary_html)
        return ArticleItem(
            url=entry.link,
            source=source.name,
            title=entry.title,
            body=html_to_text(entry.content_html) or summary,
            published_at=entry.published_at,
            author=entry.author,
            summary=summary or None,
            region=source.region,
            region_code=source.region_code,
            extraction_path="feed",
            tags=entry.categories,
        )

    def feed_failed(self, failure: Failure) -> None:
        source: Source = failure.request.cb_kwargs["source"]  # type: ignore[attr-defined]
        request = failure.request  # type: ignore[attr-defined]
        url = request.meta.get("pantau_original_url", request.url)
        self._error(source, f"{url}: {_describe(failure)}")
        count(self.crawler, source.name, "feeds_failed")

    def article_failed(self, failure: Failure) -> Any:
        kwargs = failure.request.cb_kwargs  # type: ignore[attr-defined]
        source: Source = kwargs["source"]
        count(self.crawler, source.name, "pages_failed")
        log.info("%s: %s", source.name, _describe(failure))
        return self._from_feed(kwargs["entry"], source)

    def _error(self, source: Source, message: str) -> None:
        log.warning("source %s: %s", source.name, message)
        assert self.crawler.stats is not None
        errors = self.crawler.stats.get_value("pantau_errors") or {}
        errors[source.name] = message
        self.crawler.stats.set_value("pantau_errors", errors)


def _describe(failure: Failure) -> str:
    """A one-line reason for a failed request (HTTP status, DNS, timeout, robots)."""
    from scrapy.spidermiddlewares.httperror import HttpError

    exc = failure.value
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    return f"{type(exc).__name__}: {exc}"
