"""Run a crawl in this process: ``pantau crawl`` calls ``run_crawl``.

Twisted's reactor cannot restart, so long-running callers (the ``pantau run`` scheduler)
start each crawl as a child process instead of calling this twice.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings as ScrapySettings

from crawlers.registry import Registry, Source
from pantau.settings import Settings

log = logging.getLogger(__name__)


def scrapy_settings(settings: Settings, sources: list[Source], **overrides: Any) -> ScrapySettings:
    s = ScrapySettings()
    s.setmodule("crawlers.settings", priority="project")
    s.set("USER_AGENT", settings.user_agent, priority="project")
    s.set("DOWNLOAD_DELAY", settings.download_delay, priority="project")
    s.set("AUTOTHROTTLE_START_DELAY", max(settings.download_delay, 0.1), priority="project")
    s.set("PANTAU_STORE_URL", settings.resolved_store_url, priority="project")
    s.set("PANTAU_SOURCES_FILE", str(settings.sources_file), priority="project")
    s.set("LOG_LEVEL", settings.log_level, priority="project")
    # Per-source politeness: one download slot per host with the source's own limits.
    slots: dict[str, dict[str, Any]] = {}
    for source in sources:
        for url in [*source.feeds, *source.sitemaps, *source.listings]:
            host = urlsplit(url).netloc
            slots[host] = {"concurrency": source.concurrency, "delay": source.delay}
    s.set("DOWNLOAD_SLOTS", slots, priority="project")
    for key, value in overrides.items():
        s.set(key, value, priority="cmdline")
    return s


def select_sources(registry: Registry, names: list[str], all_sources: bool) -> list[Source]:
    if all_sources:
        return registry.enabled()
    return [registry.get(name) for name in names]


def run_crawl(settings: Settings, sources: list[Source], **overrides: Any) -> dict[str, Any]:
    """Crawl the given sources' feeds into the store; returns Scrapy's final stats."""
    process = CrawlerProcess(
        scrapy_settings(settings, sources, **overrides), install_root_handler=False
    )
    logging.getLogger().setLevel(settings.log_level)  # Scrapy resets the root level to NOTSET
    crawler = process.create_crawler("feeds")
    process.crawl(crawler, sources=",".join(s.name for s in sources))
    process.start()
    assert crawler.stats is not None
    return dict(crawler.stats.get_stats())
