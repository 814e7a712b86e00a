"""Shared query pieces: WIB day ranges, region clauses, keyset cursors, row conversion."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from entities.models import ViolationPublic
from entities.regions import code_clause, region_codes
from store.base import QueryError, decode_cursor, encode_cursor

ALIAS_JOIN = "JOIN ent_alias a ON a.kind = l.kind AND a.key = l.key"
OFFICIAL_IDS = (
    "SELECT pa.entity_id FROM ent_position p "
    "JOIN ent_alias pa ON pa.kind = 'person' AND pa.key = p.key"
)


@dataclass
class Where:
    """A growing WHERE clause with its parameters."""

    parts: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def days(self, column: str, date_from: str | None, date_to: str | None) -> None:
        if date_from:
            self.add(f"{column} >= ?", date_from)
        if date_to:
            self.add(f"{column} <= ?", date_to)

    def regions(self, column: str, values: list[str]) -> None:
        if values:
            codes = [c for v in values for c in region_codes(v)]
            sql, params = code_clause(column, codes)
            self.add(sql, *params)

    def sql(self, keyword: str = "WHERE") -> str:
        return f"{keyword} " + " AND ".join(self.parts) if self.parts else ""


def cursor_values(cursor: str | None, types: tuple[type, ...]) -> list[Any] | None:
    """Decode an opaque cursor and check its shape (QueryError → HTTP 400)."""
    if not cursor:
        return None
    values = decode_cursor(cursor)
    if len(values) != len(types) or not all(
        isinstance(v, t) for v, t in zip(values, types, strict=True)
    ):
        raise QueryError("invalid cursor: pass back the next_cursor value unchanged")
    return values


def newest_first_after(where: Where, cursor: str | None, alias: str) -> None:
    """Keyset clause for rows listed newest article first, then article id descending, then
    ``alias.idx`` ascending (violations, statements): resume after the cursor's row."""
    after = cursor_values(cursor, (str, str, int))
    if after is not None:
        seen, article, idx = after
        where.add(
            f"(ar.seen_at < ? OR (ar.seen_at = ? AND ({alias}.article_id < ? OR "
            f"({alias}.article_id = ? AND {alias}.idx > ?))))",
            seen, seen, article, article, idx,
        )  # fmt: skip


def page_cursor(rows: list[Any], size: int) -> str | None:
    """The cursor after the last row of a page of ``size`` (None when it was the last page)."""
    last = rows[size - 1] if len(rows) > size else None
    return (
        next_cursor(rows, size, last["seen_at"], last["article_id"], last["idx"]) if last else None
    )


def next_cursor(rows: list[Any], size: int, *last: Any) -> str | None:
    return encode_cursor(list(last)) if len(rows) > size else None


def when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


VIOLATION_COLUMNS = (
    "v.article_id, v.idx, v.category, v.status, v.confidence, v.evidence, v.actors, "
    "ar.url, ar.title, ar.source, ar.published_at, ar.seen_at, ar.region, ar.region_code"
)


def violation_of(row: sqlite3.Row) -> ViolationPublic:
    return ViolationPublic(
        article_id=row["article_id"], url=row["url"], title=row["title"], source=row["source"],
        published_at=when(row["published_at"]), category=row["category"],
        status=row["status"], confidence=row["confidence"], evidence=row["evidence"],
        actors=json.loads(row["actors"]), region=row["region"], region_code=row["region_code"],
    )  # fmt: skip
