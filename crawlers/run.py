"""Run a crawl in this process: ``pantau crawl`` calls ``run_crawl``.

Twisted's reactor cannot restart, so long-running callers (the ``pantau run`` scheduler)
start each crawl as a child process instead of calling this twice.

One crawl runs the ``sources`` spider (feeds + sitemaps + listings of every chosen source)
so that one downloader holds one download slot per source with that source's concurrency
and delay. With ``resume=True`` the crawl keeps Scrapy's job state (pending requests, seen
requests) in ``PANTAU_DATA_DIR/jobs/<sources hash>``: a crawl stopped by SIGINT/SIGTERM
continues where it stopped when run again with ``resume``; the job directory is removed
when a crawl finishes.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings as ScrapySettings

from crawlers.registry import Registry, Source
from pantau.settings import Settings

log = logging.getLogger(__name__)

SPIDER = "sources"


def job_dir(settings: Settings, sources: list[Source]) -> Path:
    names = ",".join(sorted(s.name for s in sources))
    digest = hashlib.sha1(names.encode("utf-8")).hexdigest()[:12]
    return settings.data_dir / "jobs" / digest


def scrapy_settings(settings: Settings, sources: list[Source], **overrides: Any) -> ScrapySettings:
    s = ScrapySettings()
    s.setmodule("crawlers.settings", priority="project")
    s.set("USER_AGENT", settings.user_agent, priority="project")
    s.set("DOWNLOAD_DELAY", settings.download_delay, priority="project")
    s.set("AUTOTHROTTLE_START_DELAY", max(settings.download_delay, 0.1), priority="project")
    s.set("PANTAU_STORE_URL", settings.resolved_store_url, priority="project")
    s.set("PANTAU_SOURCES_FILE", str(settings.sources_file), priority="project")
    s.set("PANTAU_STATE_FILE", str(settings.data_dir / "crawl-state.sqlite"), priority="project")
    s.set("LOG_LEVEL", settings.log_level, priority="project")
    if settings.crawl_host_map:
        s.set("PANTAU_HOST_MAP", settings.crawl_host_map, priority="project")
    # Per-source politeness: the spiders put every request of a source in the download
    # slot named after it, with the source's own concurrency and delay.
    slots = {s.name: {"concurrency": s.concurrency, "delay": s.delay} for s in sources}
    s.set("DOWNLOAD_SLOTS", slots, priority="project")
    for key, value in overrides.items():
        s.set(key, value, priority="cmdline")
    return s


def select_sources(registry: Registry, names: list[str], all_sources: bool) -> list[Source]:
    if all_sources:
        return registry.enabled()
    return [registry.get(name) for name in names]


def run_crawl(
    settings: Settings, sources: list[Source], *, resume: bool = False, **overrides: Any
) -> dict[str, Any]:
    """Crawl the given sources into the store; returns Scrapy's final stats."""
    jobdir = job_dir(settings, sources)
    if resume:
        overrides.setdefault("JOBDIR", str(jobdir))
        if jobdir.is_dir():
            log.info("resuming the crawl kept in %s", jobdir)
    process = CrawlerProcess(
        scrapy_settings(settings, sources, **overrides), install_root_handler=False
    )
    logging.getLogger().setLevel(settings.log_level)  # Scrapy resets the root level to NOTSET
    crawler = process.create_crawler(SPIDER)
    process.crawl(crawler, sources=",".join(s.name for s in sources))
    process.start()
    assert crawler.stats is not None
    stats = dict(crawler.stats.get_stats())
    if resume and stats.get("finish_reason") == "finished":
        shutil.rmtree(jobdir, ignore_errors=True)  # done: the next crawl starts fresh
    return stats
