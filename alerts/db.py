"""The alerts database: one SQLite file (shared with the store or alerts.db), a connection
per thread, writes serialised by a lock and wrapped in ``BEGIN IMMEDIATE`` transactions."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alerts import schema
from store.sqlite.sidecar import SideDB


class AlertsDB(SideDB):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path, schema.MIGRATIONS_SET)

    def generation(self) -> int:
        row = (
            self.conn()
            .execute("SELECT value FROM alerts_meta WHERE key='subscriptions_generation'")
            .fetchone()
        )
        return int(row[0])

    @staticmethod
    def bump_generation(conn: sqlite3.Connection) -> None:
        conn.execute(
            "UPDATE alerts_meta SET value = CAST(value AS INTEGER) + 1 "
            "WHERE key='subscriptions_generation'"
        )
