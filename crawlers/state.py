"""Crawl state that outlives one crawl: HTTP validators, pages already stored, fingerprints.

One SQLite file next to the store (``PANTAU_DATA_DIR/crawl-state.sqlite``; the Scrapy
setting ``PANTAU_STATE_FILE``), whatever the store backend is, written only by the crawl.

- ``validators``: ETag / Last-Modified per feed, sitemap and listing URL. New validators are
  kept in memory and written only when the crawl *finishes*: a killed crawl fetches its feeds
  in full again next time, so no link found behind a 304 is ever lost.
- ``pages``: article URLs already stored, with the date the feed or sitemap gave for them;
  written after the store accepted the article.
- ``fingerprints`` / ``clusters``: near-duplicate clustering (crawlers/cluster.py).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from weakref import WeakKeyDictionary

from scrapy import Spider, signals
from scrapy.crawler import Crawler

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, last_seen TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, version TEXT, stored_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS fingerprints (
    article_id TEXT PRIMARY KEY, cluster_id TEXT NOT NULL, source TEXT NOT NULL,
    day TEXT NOT NULL, simhash INTEGER NOT NULL, content_hash TEXT NOT NULL,
    b0 INTEGER, b1 INTEGER, b2 INTEGER, b3 INTEGER, b4 INTEGER, b5 INTEGER, b6 INTEGER,
    b7 INTEGER);
CREATE INDEX IF NOT EXISTS fp_hash ON fingerprints(content_hash);
CREATE INDEX IF NOT EXISTS fp_cluster ON fingerprints(cluster_id);
CREATE INDEX IF NOT EXISTS fp_b0 ON fingerprints(b0); CREATE INDEX IF NOT EXISTS fp_b1 ON fingerprints(b1);
CREATE INDEX IF NOT EXISTS fp_b2 ON fingerprints(b2); CREATE INDEX IF NOT EXISTS fp_b3 ON fingerprints(b3);
CREATE INDEX IF NOT EXISTS fp_b4 ON fingerprints(b4); CREATE INDEX IF NOT EXISTS fp_b5 ON fingerprints(b5);
CREATE INDEX IF NOT EXISTS fp_b6 ON fingerprints(b6); CREATE INDEX IF NOT EXISTS fp_b7 ON fingerprints(b7);
CREATE TABLE IF NOT EXISTS clusters (cluster_id TEXT PRIMARY KEY, original_id TEXT NOT NULL);
"""  # noqa: E501 - one index per band reads better as a block


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class CrawlState:
    """The crawl state file; one connection, used from the reactor thread."""

    def __init__(self, path: str | Path = ":memory:") -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(SCHEMA)
        self.lock = threading.Lock()
        self._pending: dict[str, tuple[str | None, str | None]] = {}

    # -- conditional requests ------------------------------------------------------------

    def validators(self, url: str) -> tuple[str | None, str | None]:
        row = self.conn.execute(
            "SELECT etag, last_modified FROM validators WHERE url = ?", (url,)
        ).fetchone()
        return (row["etag"], row["last_modified"]) if row else (None, None)

    def remember_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        """Kept in memory until ``commit_validators`` (a finished crawl)."""
        if etag or last_modified:
            self._pending[url] = (etag, last_modified)

    def commit_validators(self) -> int:
        rows = [(url, e, m, now_iso()) for url, (e, m) in self._pending.items()]
        with self.lock:
            self.conn.executemany("INSERT OR REPLACE INTO validators VALUES (?,?,?,?)", rows)
        self._pending.clear()
        return len(rows)

    # -- pages already stored ------------------------------------------------------------

    def page(self, url: str) -> tuple[bool, str | None]:
        """(stored before, the version it was stored with)."""
        row = self.conn.execute("SELECT version FROM pages WHERE url = ?", (url,)).fetchone()
        return (True, row["version"]) if row else (False, None)

    def mark_page(self, url: str, version: str | None) -> None:
        with self.lock:
            self.conn.execute(
                "INSERT OR REPLACE INTO pages VALUES (?,?,?)", (url, version, now_iso())
            )

    def close(self) -> None:
        self.conn.close()


_STATES: WeakKeyDictionary[Crawler, CrawlState] = WeakKeyDictionary()


def state_for(crawler: Crawler) -> CrawlState:
    """The crawl's state, opened on first use; validators are committed when the spider
    closes with reason ``finished`` and dropped otherwise (shutdown, kill, errors)."""
    state = _STATES.get(crawler)
    if state is None:
        state = CrawlState(crawler.settings.get("PANTAU_STATE_FILE") or ":memory:")
        _STATES[crawler] = state

        def closed(spider: Spider, reason: str) -> None:
            if reason == "finished":
                log.info("crawl finished: %d validators saved", state.commit_validators())
            else:
                log.info("crawl ended (%s): validators not saved; feeds refetch in full", reason)
            state.close()

        crawler.signals.connect(closed, signal=signals.spider_closed, weak=False)
    return state
