"""Helpers for crawl tests: sources files, saved pages, sitemaps, and `pantau crawl` runs in
a child process against a LocalSite on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

from crawlers.localserver import LocalSite
from crawlers.parsers.evaluate import Case, load_cases
from store.sqlite import SQLiteStore

HTML = "text/html; charset=utf-8"
XML = "application/xml; charset=utf-8"
# Every crawl test finishes in seconds: no politeness delays, short timeouts, one retry.
FAST = ["DOWNLOAD_TIMEOUT=1", "RETRY_TIMES=1", "PANTAU_SITEMAP_MAX_AGE_DAYS=0"]


def source(name: str, outlet: str = "mixed", **fields: object) -> dict[str, object]:
    return {"name": name, "outlet": outlet, "title": name, "delay": 0, "concurrency": 4, **fields}


def write_sources(path: Path, entries: list[dict[str, object]]) -> Path:
    path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    return path


def saved_cases(shared_data: Path) -> list[Case]:
    return load_cases(shared_data)


def serve_case(site: LocalSite, case: Case, url: str | None = None, **kwargs: object) -> str:
    url = url or case.url
    headers = kwargs.pop("headers", {"Content-Type": HTML})
    site.add(url, case.path.read_bytes(), headers=headers, **kwargs)
    return url


def urlset(urls: Iterable[str | tuple[str, datetime | None]], news: bool = False) -> str:
    """A sitemap; with ``news`` a Google News sitemap (title and publication date)."""
    rows = []
    for i, entry in enumerate(urls):
        url, when = entry if isinstance(entry, tuple) else (entry, None)
        date = when.isoformat() if when else None
        if news:
            rows.append(
                f"<url><loc>{escape(url)}</loc><news:news><news:publication><news:name>X"
                f"</news:name><news:language>id</news:language></news:publication>"
                f"<news:publication_date>{date or '2016-02-23T10:00:00+07:00'}"
                f"</news:publication_date><news:title>Judul {i}</news:title>"
                f"<news:keywords>pilkada, kpu</news:keywords></news:news></url>"
            )
        else:
            lastmod = f"<lastmod>{date}</lastmod>" if date else ""
            rows.append(f"<url><loc>{escape(url)}</loc>{lastmod}</url>")
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
        f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>{"".join(rows)}</urlset>'
    )


def sitemap_index(children: Iterable[tuple[str, str]]) -> str:
    rows = "".join(
        f"<sitemap><loc>{escape(u)}</loc><lastmod>{m}</lastmod></sitemap>" for u, m in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>'
    )


def crawl_command(tmp_path: Path, site: LocalSite, sources_file: Path, *args: str) -> list[str]:
    sets = [a for s in FAST for a in ("--set", s)]
    return [sys.executable, "-m", "pantau", "crawl", *args, *sets, "--host-map", site.base_url]


def crawl_env(tmp_path: Path, sources_file: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PANTAU_DATA_DIR": str(tmp_path / "data"),
        "PANTAU_SOURCES_FILE": str(sources_file),
        "PANTAU_DOWNLOAD_DELAY": "0",
        "PANTAU_LOG_LEVEL": "WARNING",
    }


def crawl(tmp_path: Path, site: LocalSite, sources_file: Path, *args: str) -> dict[str, int]:
    """``pantau crawl ARGS`` in a child process; returns its counters."""
    done = subprocess.run(
        crawl_command(tmp_path, site, sources_file, *args),
        env=crawl_env(tmp_path, sources_file),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def open_result(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "data" / "pantau.db")


def page_hits(site: LocalSite, urls: Iterable[str]) -> dict[str, int]:
    return {url: site.hits.get(url, 0) for url in urls}
