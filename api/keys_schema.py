"""The ``api_keys`` table as numbered migrations, tracked in its own ``api_keys_version`` table.

The table lives in the Pantau SQLite store file when the store is SQLite, or in
``PANTAU_DATA_DIR/api.db`` when it is a search engine (as the alerts tables do). It keeps its
own version table, so store, alerts and API-key migrations never collide. Never edit a
released migration: add the next number.
"""

from __future__ import annotations

import logging

from store.sqlite.sidecar import Migrations

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

MIGRATIONS_SET = Migrations("api_keys", "api_keys_version", MIGRATIONS)
LATEST = MIGRATIONS_SET.latest
