"""SQLite schema as numbered migrations; ``PRAGMA user_version`` records the applied one.

Never edit a released migration: add the next number. Each migration runs in one
transaction, so a crash leaves the file at the previous version.
"""

from __future__ import annotations

import logging
import sqlite3

from store.sqlite.sidecar import split_statements

log = logging.getLogger(__name__)

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE articles (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        published_at TEXT,
        sort_date TEXT NOT NULL,
        language TEXT,
        region TEXT,
        region_code TEXT,
        author TEXT,
        summary TEXT,
        extraction_path TEXT,
        fetched_at TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        content_hash TEXT NOT NULL,
        analysis TEXT,
        extra TEXT
    );
    CREATE INDEX articles_status ON articles(status, rid);
    CREATE INDEX articles_sort_date ON articles(sort_date, rid);
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_hash ON articles(content_hash);

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='rid',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.rid, old.title, old.body);
    END;
    CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.rid, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
    END;

    -- Derived from the analysis; rebuilt whenever an analysis is written.
    CREATE TABLE entities (
        article_rid INTEGER NOT NULL REFERENCES articles(rid) ON DELETE CASCADE,
        kind TEXT NOT NULL,          -- person | organization | location | official
        value TEXT NOT NULL,
        norm TEXT NOT NULL,
        code TEXT,
        PRIMARY KEY (article_rid, kind, norm)
    ) WITHOUT ROWID;
    CREATE INDEX entities_norm ON entities(norm, kind);

    CREATE TABLE article_regions (
        article_rid INTEGER NOT NULL REFERENCES articles(rid) ON DELETE CASCADE,
        name TEXT NOT NULL,
        norm TEXT NOT NULL,
        code TEXT,
        PRIMARY KEY (article_rid, norm)
    ) WITHOUT ROWID;
    CREATE INDEX article_regions_norm ON article_regions(norm);
    CREATE INDEX article_regions_code ON article_regions(code);

    CREATE TABLE violations (
        article_rid INTEGER NOT NULL REFERENCES articles(rid) ON DELETE CASCADE,
        category TEXT NOT NULL,
        status TEXT NOT NULL,
        confidence REAL NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (article_rid, category)
    ) WITHOUT ROWID;
    CREATE INDEX violations_category ON violations(category, status);

    CREATE TABLE source_health (
        source TEXT PRIMARY KEY,
        last_run TEXT,
        ok INTEGER NOT NULL,
        error TEXT,
        counters TEXT NOT NULL
    );
    """,
    2: """
    -- Near-duplicate clusters of syndicated stories (crawlers/cluster.py).
    ALTER TABLE articles ADD COLUMN cluster_id TEXT;
    ALTER TABLE articles ADD COLUMN original_id TEXT;
    CREATE INDEX articles_cluster ON articles(cluster_id);
    """,
}

LATEST = max(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration newer than the file's version; return the final version."""
    version = current_version(conn)
    if version > LATEST:
        raise RuntimeError(
            f"the store was written by a newer Pantau (schema {version}, this one knows "
            f"{LATEST}); upgrade Pantau or point PANTAU_STORE_URL at another file"
        )
    for number in range(version + 1, LATEST + 1):
        log.info("applying store migration %d", number)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in split_statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return LATEST
