"""SQLite plumbing shared by the side tables (alerts, entities, API keys).

Each side keeps its own numbered migrations and its own version table, so the packages never
collide with each other or with the store's schema (which uses ``PRAGMA user_version``). With
the SQLite store they live in the store's file; with a search-engine store each gets a file in
``PANTAU_DATA_DIR``.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from store.base import StoreError

log = logging.getLogger(__name__)


def connect(path: Path | str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, busy timeout."""
    conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def split_statements(script: str) -> list[str]:
    """Split a migration script into statements, keeping trigger bodies whole."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


@contextmanager
def transaction(conn: sqlite3.Connection, lock: threading.Lock) -> Iterator[sqlite3.Connection]:
    """One writer at a time per process (the lock), ``BEGIN IMMEDIATE`` … COMMIT/ROLLBACK."""
    with lock:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


@dataclass(frozen=True)
class Migrations:
    """Numbered migration scripts recorded in their own ``version_table``."""

    name: str  # for messages: "alerts", "entities", "api_keys"
    version_table: str
    scripts: dict[int, str]
    after: Callable[[sqlite3.Connection, int], None] | None = None  # runs inside each step

    @property
    def latest(self) -> int:
        return max(self.scripts)

    def current(self, conn: sqlite3.Connection) -> int:
        conn.execute(f"CREATE TABLE IF NOT EXISTS {self.version_table} (version INTEGER NOT NULL)")
        row = conn.execute(f"SELECT max(version) FROM {self.version_table}").fetchone()
        return int(row[0] or 0)

    def migrate(self, conn: sqlite3.Connection) -> int:
        """Apply every migration newer than the file's, each in one transaction."""
        version = self.current(conn)
        if version > self.latest:
            raise RuntimeError(
                f"the {self.name} tables were written by a newer Pantau ({self.name} schema "
                f"{version}, this one knows {self.latest}); upgrade Pantau"
            )
        for number in range(version + 1, self.latest + 1):
            log.info("applying %s migration %d", self.name, number)
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in split_statements(self.scripts[number]):
                    conn.execute(statement)
                if self.after is not None:
                    self.after(conn, number)
                conn.execute(f"INSERT INTO {self.version_table} VALUES (?)", (number,))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return self.latest


class SideDB:
    """One SQLite file, a connection per thread, writes serialised by a lock inside
    ``BEGIN IMMEDIATE`` transactions; migrated on open."""

    def __init__(self, path: Path | str, migrations: Migrations) -> None:
        self.path = Path(path)
        self.migrations = migrations
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            migrations.migrate(self.conn())
        except (sqlite3.DatabaseError, RuntimeError) as exc:
            self.close()
            raise StoreError(
                f"{self.path} cannot hold the {migrations.name} tables ({exc}); nothing was changed"
            ) from exc

    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self.conn(), self._lock)

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                try:
                    conn.close()
                except sqlite3.Error:  # pragma: no cover - best effort
                    log.debug("closing a %s connection failed", self.migrations.name, exc_info=True)
            self._connections.clear()
        self._local = threading.local()
