"""Downloader middleware that sends every request to one local server (tests, benches,
offline demos) while the rest of Scrapy — robots.txt, dedup, items — keeps the real URLs.

With ``PANTAU_HOST_MAP = "http://127.0.0.1:8765"`` a request for
``https://www.antaranews.com/rss/politik.xml`` is fetched from
``http://127.0.0.1:8765/https/www.antaranews.com/rss/politik.xml`` and its response carries
the original URL again.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response


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
        if request.meta.get("pantau_original_url") or request.url.startswith(self.base):
            return None
        meta = {**request.meta, "pantau_original_url": request.url}
        return request.replace(url=mapped_url(self.base, request.url), meta=meta)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        original = request.meta.get("pantau_original_url")
        if original:
            return response.replace(url=original)
        return response
