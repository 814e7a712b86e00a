"""The alerts tables as numbered migrations, tracked in their own ``alerts_version`` table.

The alerts tables live next to the articles in the Pantau SQLite store file when the store is
SQLite, or in ``PANTAU_DATA_DIR/alerts.db`` when it is a search engine. They keep their own
version table (not ``PRAGMA user_version``) so store migrations and alerts migrations never
collide. Never edit a released migration: add the next number.
"""

from __future__ import annotations

import logging
import sqlite3

from store.sqlite.sidecar import Migrations

log = logging.getLogger(__name__)

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE subscriptions (
        id TEXT PRIMARY KEY,
        owner TEXT,
        name TEXT NOT NULL,
        criteria TEXT NOT NULL,           -- JSON: alerts.models.Criteria
        frequency TEXT NOT NULL,          -- instant | hourly | daily
        timezone TEXT NOT NULL,
        digest_hour INTEGER NOT NULL,
        channel TEXT NOT NULL,            -- JSON: {"type": "webhook"|"email"|"feed", ...}
        secret TEXT NOT NULL,             -- webhook signing secret
        feed_token TEXT NOT NULL UNIQUE,
        paused INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_digest_at TEXT
    );

    CREATE TABLE matches (
        id INTEGER PRIMARY KEY,
        subscription_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        cluster_key TEXT NOT NULL,        -- Article.cluster_id, or the article id
        reason TEXT NOT NULL,             -- JSON: terms, highlights, entities, categories, ...
        reason_hash TEXT NOT NULL,
        alerted INTEGER NOT NULL,         -- 0: same story as an earlier alert of this cluster
        article TEXT NOT NULL,            -- JSON: title, url, source, published_at
        matched_at TEXT NOT NULL,
        delivery_id TEXT,                 -- NULL until an instant alert or a digest takes it
        UNIQUE (subscription_id, article_id)
    );
    CREATE INDEX matches_cluster ON matches(cluster_key, alerted);
    CREATE INDEX matches_article ON matches(article_id);
    CREATE INDEX matches_undelivered ON matches(subscription_id)
        WHERE delivery_id IS NULL AND alerted = 1;

    -- The outbox: one row per message to send; the row id is the idempotency key.
    CREATE TABLE deliveries (
        id TEXT PRIMARY KEY,
        subscription_id TEXT NOT NULL,
        kind TEXT NOT NULL,               -- instant | digest
        payload TEXT NOT NULL,            -- JSON, frozen at creation: retries send the same body
        status TEXT NOT NULL,             -- pending | delivered | failed | dead | cancelled
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL,    -- unix seconds
        lease_until REAL NOT NULL DEFAULT 0,
        last_error TEXT,
        created_at REAL NOT NULL,
        delivered_at REAL
    );
    CREATE INDEX deliveries_due ON deliveries(status, next_attempt_at);
    CREATE INDEX deliveries_subscription ON deliveries(subscription_id, status);

    -- Which analysed version of each article has been matched (for crash catch-up).
    CREATE TABLE alert_seen (
        article_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE alerts_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO alerts_meta VALUES ('subscriptions_generation', '0');
    """,
}


def _after(conn: sqlite3.Connection, number: int) -> None:
    if number == 1:
        _record_watermark(conn)


MIGRATIONS_SET = Migrations("alerts", "alerts_version", MIGRATIONS, after=_after)
LATEST = MIGRATIONS_SET.latest


def _record_watermark(conn: sqlite3.Connection) -> None:
    """Articles already in a shared store file are old news: catch-up never alerts on them."""
    has_articles = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='articles'"
    ).fetchone()
    top = (
        conn.execute("SELECT coalesce(max(rid), 0) FROM articles").fetchone()[0]
        if has_articles
        else 0
    )
    conn.execute("INSERT INTO alerts_meta VALUES ('catchup_after_rid', ?)", (str(top),))
