"""SQLite backend of the Store contract: WAL, FTS5 with bm25, one file, no service."""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path

from store.base import (
    CorruptStoreError,
    PutResult,
    SearchPage,
    SearchQuery,
    SourceHealth,
    Store,
    StoreError,
)
from store.derived import derived_rows
from store.records import Analysis, Article, ArticleStatus
from store.sqlite import schema
from store.sqlite.search import run_search
from store.sqlite.sidecar import transaction

log = logging.getLogger(__name__)

_ARTICLE_COLUMNS = (
    "id, url, source, title, body, published_at, language, region, region_code, author, "
    "summary, extraction_path, fetched_at, status, error, content_hash, analysis, cluster_id, "
    "original_id"
)


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds")


def row_to_article(row: sqlite3.Row) -> Article:
    analysis = row["analysis"]
    return Article(
        id=row["id"],
        url=row["url"],
        source=row["source"],
        title=row["title"],
        body=row["body"],
        published_at=datetime.fromisoformat(row["published_at"]) if row["published_at"] else None,
        language=row["language"],
        region=row["region"],
        region_code=row["region_code"],
        author=row["author"],
        summary=row["summary"],
        extraction_path=row["extraction_path"],
        fetched_at=datetime.fromisoformat(row["fetched_at"]),
        status=ArticleStatus(row["status"]),
        error=row["error"],
        content_hash=row["content_hash"],
        analysis=Analysis.model_validate_json(analysis) if analysis else None,
        cluster_id=row["cluster_id"],
        original_id=row["original_id"],
    )


class SQLiteStore(Store):
    """One SQLite file; one connection per thread; writes serialised by a lock."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        if str(self.path) != ":memory:":
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"cannot create {self.path.parent} for the store ({exc.strerror}); set "
                    "PANTAU_DATA_DIR (or PANTAU_STORE_URL) to a writable location"
                ) from exc
        try:
            conn = self._conn()
            conn.execute("PRAGMA journal_mode=WAL")
            self.schema_version = schema.migrate(conn)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise CorruptStoreError(
                f"{self.path} is not a usable Pantau store ({exc}); nothing was changed. "
                "Restore it from a backup or move it away and start with a new file."
            ) from exc

    # -- connections -----------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(
                    self.path, timeout=30, isolation_level=None, check_same_thread=False
                )
            except sqlite3.OperationalError as exc:
                raise StoreError(
                    f"cannot open the store at {self.path} ({exc}); check that the data "
                    "directory exists and is writable (PANTAU_DATA_DIR)"
                ) from exc
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
            self._connections.append(conn)
        return conn

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        return transaction(self._conn(), self._write_lock)

    def close(self) -> None:
        for conn in self._connections:
            try:
                conn.close()
            except sqlite3.Error:  # pragma: no cover - closing is best effort
                log.debug("closing a connection failed", exc_info=True)
        self._connections.clear()
        self._local = threading.local()

    # -- articles --------------------------------------------------------------------

    def put_article(self, article: Article) -> PutResult:
        with self._write() as conn:
            return self._put(conn, article)

    def put_articles(self, articles: Iterator[Article] | list[Article]) -> list[PutResult]:  # type: ignore[override]
        with self._write() as conn:
            return [self._put(conn, a) for a in articles]

    def _put(self, conn: sqlite3.Connection, a: Article) -> PutResult:
        old = conn.execute(
            "SELECT rid, content_hash FROM articles WHERE id = ?", (a.id,)
        ).fetchone()
        sort_date = iso(a.published_at or a.fetched_at)
        values = (
            a.url, a.source, a.title, a.body, iso(a.published_at), sort_date, a.language,
            a.region, a.region_code, a.author, a.summary, a.extraction_path, iso(a.fetched_at),
            a.cluster_id, a.original_id,
        )  # fmt: skip
        # A put without cluster fields (None) keeps the stored ones.
        keep = "cluster_id=COALESCE(?, cluster_id), original_id=COALESCE(?, original_id)"
        if old is None:
            analysis = a.analysis.model_dump_json() if a.analysis else None
            cur = conn.execute(
                "INSERT INTO articles (url, source, title, body, published_at, sort_date, "
                "language, region, region_code, author, summary, extraction_path, fetched_at, "
                "cluster_id, original_id, id, status, error, content_hash, analysis) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*values, a.id, a.status.value, a.error, a.content_hash, analysis),
            )
            rid = cur.lastrowid
            assert rid is not None
            self._write_derived(conn, rid, a, a.analysis)
            return PutResult(id=a.id, created=True, changed=True)
        rid = old["rid"]
        if old["content_hash"] == a.content_hash:
            # Same text: refresh metadata only; keep status and analysis.
            conn.execute(
                "UPDATE articles SET url=?, source=?, title=?, body=?, published_at=?, "
                "sort_date=?, language=?, region=?, region_code=?, author=?, summary=?, "
                f"extraction_path=?, fetched_at=?, {keep} WHERE rid=?",
                (*values, rid),
            )
            return PutResult(id=a.id, created=False, changed=False)
        conn.execute(
            "UPDATE articles SET url=?, source=?, title=?, body=?, published_at=?, sort_date=?, "
            "language=?, region=?, region_code=?, author=?, summary=?, extraction_path=?, "
            f"fetched_at=?, {keep}, status='new', error=NULL, content_hash=?, analysis=NULL "
            "WHERE rid=?",
            (*values, a.content_hash, rid),
        )
        self._write_derived(conn, rid, a, None)
        return PutResult(id=a.id, created=False, changed=True)

    def get_article(self, article_id: str) -> Article | None:
        row = (
            self._conn()
            .execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,))
            .fetchone()
        )
        return row_to_article(row) if row else None

    def pending(self, limit: int = 100) -> list[Article]:
        rows = (
            self._conn()
            .execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE status = 'new' "
                "ORDER BY rid LIMIT ?",
                (limit,),
            )
            .fetchall()
        )
        return [row_to_article(r) for r in rows]

    def put_analysis(
        self,
        article_id: str,
        analysis: Analysis | None,
        *,
        status: ArticleStatus = ArticleStatus.ANALYZED,
        error: str | None = None,
    ) -> None:
        with self._write() as conn:
            row = conn.execute(
                f"SELECT rid, {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                raise StoreError(f"no article with id {article_id!r}; it may have been deleted")
            conn.execute(
                "UPDATE articles SET analysis=?, status=?, error=? WHERE rid=?",
                (analysis.model_dump_json() if analysis else None, status.value, error, row["rid"]),
            )
            self._write_derived(conn, row["rid"], row_to_article(row), analysis)

    def _write_derived(
        self, conn: sqlite3.Connection, rid: int, article: Article, analysis: Analysis | None
    ) -> None:
        for table in ("entities", "article_regions", "violations"):
            conn.execute(f"DELETE FROM {table} WHERE article_rid = ?", (rid,))
        entities, regions, violations = derived_rows(article, analysis)
        conn.executemany(
            "INSERT OR IGNORE INTO entities VALUES (?,?,?,?,?)",
            [(rid, *e) for e in entities],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO article_regions VALUES (?,?,?,?)",
            [(rid, *r) for r in regions],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO violations VALUES (?,?,?,?,?)",
            [(rid, *v) for v in violations],
        )

    def count(self, status: ArticleStatus | None = None) -> int:
        if status is None:
            row = self._conn().execute("SELECT count(*) FROM articles").fetchone()
        else:
            row = (
                self._conn()
                .execute("SELECT count(*) FROM articles WHERE status = ?", (status.value,))
                .fetchone()
            )
        return int(row[0])

    def search(self, query: SearchQuery) -> SearchPage:
        return run_search(self._conn(), query)

    # -- source health ---------------------------------------------------------------

    def record_source_health(self, health: SourceHealth) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO source_health VALUES (?,?,?,?,?)",
                (
                    health.source,
                    iso(health.last_run),
                    int(health.ok),
                    health.error,
                    json.dumps(health.counters, sort_keys=True),
                ),
            )

    def source_health(self) -> list[SourceHealth]:
        rows = self._conn().execute("SELECT * FROM source_health ORDER BY source").fetchall()
        return [
            SourceHealth(
                source=r["source"],
                last_run=datetime.fromisoformat(r["last_run"]) if r["last_run"] else None,
                ok=bool(r["ok"]),
                error=r["error"],
                counters=json.loads(r["counters"]),
            )
            for r in rows
        ]
