"""Downloader middlewares: the host map for local servers, conditional requests, and
retries that honour Retry-After.

``HostMapMiddleware`` sends every request to one local server (tests, benches, offline
demos) while the rest of Scrapy — robots.txt, dedup, items — keeps the real URLs.

With ``PANTAU_HOST_MAP = "http://127.0.0.1:8765"`` a request for
``https://www.antaranews.com/rss/politik.xml`` is fetched from
``http://127.0.0.1:8765/https/www.antaranews.com/rss/politik.xml`` and its response carries
the original URL again.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from scrapy.utils.asyncio import sleep

log = logging.getLogger(__name__)


def mapped_url(base: str, url: str) -> str:
    parts = urlsplit(url)
    target = f"{base.rstrip('/')}/{parts.scheme}/{parts.netloc}{parts.path or '/'}"
    return f"{target}?{parts.query}" if parts.query else target


class HostMapMiddleware:
    def __init__(self, base: str) -> None:
        self.base = base

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> HostMapMiddleware:
        base = crawler.settings.get("PANTAU_HOST_MAP")
        if not base:
            raise NotConfigured("PANTAU_HOST_MAP not set")
        return cls(base)

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if request.url.startswith(self.base):
            return None  # already mapped (a retry of a mapped request)
        # Rewritten in place, not replaced: a replaced request would go through the
        # scheduler (and the robots.txt check) a second time.
        request.meta["pantau_original_url"] = request.url
        request._set_url(mapped_url(self.base, request.url))
        return None

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        original = request.meta.get("pantau_original_url")
        if original:
            return response.replace(url=original)
        return response


class ConditionalRequestMiddleware:
    """ETag / Last-Modified for feeds, sitemaps and listings (``meta["pantau_conditional"]``).

    Sends ``If-None-Match`` / ``If-Modified-Since`` from the crawl state; remembers the
    validators of each 200 answer (saved when the crawl finishes, see crawlers/state.py).
    A 304 reaches the spider, which counts it as unchanged.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> Any:
        if not request.meta.get("pantau_conditional") or request.meta.get("pantau_validated"):
            return None
        from crawlers.state import state_for

        etag, last_modified = state_for(self.crawler).validators(request.url)
        if not etag and not last_modified:
            return None
        headers = dict(request.headers)
        if etag:
            headers[b"If-None-Match"] = [etag.encode("latin-1")]
        if last_modified:
            headers[b"If-Modified-Since"] = [last_modified.encode("latin-1")]
        meta = {**request.meta, "pantau_validated": True}
        return request.replace(headers=headers, meta=meta)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        if request.meta.get("pantau_conditional") and response.status == 200:
            from crawlers.state import state_for

            etag = response.headers.get(b"ETag")
            modified = response.headers.get(b"Last-Modified")
            state_for(self.crawler).remember_validators(
                request.meta.get("pantau_original_url", request.url),
                etag.decode("latin-1") if etag else None,
                modified.decode("latin-1") if modified else None,
            )
        return response


class RedirectLoopMiddleware:
    """Stops a redirect that leads back to a URL of its own chain (A → B → A) with an
    ``IgnoreRequest`` the spider counts as ``failed_redirect_loop``; without it the
    duplicate filter would drop the loop silently. Runs just before RedirectMiddleware."""

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in (301, 302, 303, 307, 308) or not location:
            return response
        here = request.meta.get("pantau_original_url", request.url)
        chain = [*request.meta.get("pantau_redirect_chain", []), here]
        target = urljoin(here, location.decode("latin-1"))
        if target in chain:
            raise IgnoreRequest(f"redirect loop: {' -> '.join([*chain, target])}")
        request.meta["pantau_redirect_chain"] = chain  # copied onto the redirected request
        return response


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retries, plus ``Retry-After`` on 429 and 503: wait that long before the
    retry when it is at most ``PANTAU_RETRY_AFTER_MAX`` seconds, give up at once when it is
    longer (the source is counted as failed with ``failed_http_503``)."""

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if response.status not in (429, 503) or request.meta.get("dont_retry"):
            return super().process_response(request, response)
        wait = _retry_after(response.headers.get(b"Retry-After"))
        limit = self.crawler.settings.getfloat("PANTAU_RETRY_AFTER_MAX", 30)
        if wait is None:
            return super().process_response(request, response)
        if wait > limit:
            log.info("%s asks to wait %.0f s (over %.0f s): not retried", request.url, wait, limit)
            return response
        retry = self._retry(request, f"HTTP {response.status}, Retry-After {wait:.0f}s")
        if retry is None:
            return response
        await sleep(wait)
        return retry


def _retry_after(value: bytes | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds()) if when.tzinfo else None
