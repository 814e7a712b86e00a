"""The ``api_keys`` table as numbered migrations, tracked in its own ``api_keys_version`` table.

The table lives in the Pantau SQLite store file when the store is SQLite, or in
``PANTAU_DATA_DIR/api.db`` when it is a search engine (as the alerts tables do). It keeps its
own version table, so store, alerts and API-key migrations never collide. Never edit a
released migration: add the next number.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from store.sqlite.schema import _statements

log = logging.getLogger(__name__)

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,              -- the public part of pk_<id>_<secret>
        name TEXT NOT NULL,
        scopes TEXT NOT NULL,             -- space-separated: read subscribe admin
        hash TEXT NOT NULL,               -- sha256 hex of the whole token (never stored)
        rate_per_minute INTEGER,          -- NULL: PANTAU_API_RATE_PER_MINUTE
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at TEXT
    );
    """,
}

LATEST = max(MIGRATIONS)


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, busy timeout."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS api_keys_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM api_keys_version").fetchone()
    return int(row[0] or 0)


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every API-key migration newer than the file's; return the final version."""
    version = current_version(conn)
    if version > LATEST:
        raise RuntimeError(
            f"the api_keys table was written by a newer Pantau (schema {version}, this one "
            f"knows {LATEST}); upgrade Pantau"
        )
    for number in range(version + 1, LATEST + 1):
        log.info("applying api_keys migration %d", number)
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute("INSERT INTO api_keys_version VALUES (?)", (number,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return LATEST
