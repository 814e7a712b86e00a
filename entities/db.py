"""The entities database: one SQLite file (shared with the store or entities.db), a
connection per thread, writes serialised by a lock inside ``BEGIN IMMEDIATE`` transactions."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from entities import schema
from store.base import StoreError

log = logging.getLogger(__name__)


class EntitiesDB:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            schema.migrate(self.conn())
        except (sqlite3.DatabaseError, RuntimeError) as exc:
            self.close()
            raise StoreError(
                f"{self.path} cannot hold the entities tables ({exc}); nothing was changed"
            ) from exc

    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = schema.connect(self.path)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn()
        with self._lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                try:
                    conn.close()
                except sqlite3.Error:  # pragma: no cover - best effort
                    log.debug("closing an entities connection failed", exc_info=True)
            self._connections.clear()
        self._local = threading.local()
