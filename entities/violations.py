"""``GET /api/v1/violations``: every reported violation with its article, filtered and paged."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from entities.filters import VIOLATION_COLUMNS, Where, newest_first_after, page_cursor, violation_of
from entities.models import ViolationPublic


@dataclass
class ViolationFilter:
    categories: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)  # the article's region, sub-regions included
    date_from: str | None = None
    date_to: str | None = None
    min_confidence: float | None = None


def list_violations(
    conn: sqlite3.Connection, f: ViolationFilter, *, size: int = 20, cursor: str | None = None
) -> tuple[list[ViolationPublic], str | None]:
    """Newest first (published_at, else fetched_at), then article id, then order in article."""
    where = Where()
    if f.categories:
        where.add(f"v.category IN ({','.join('?' * len(f.categories))})", *f.categories)
    if f.statuses:
        where.add(f"v.status IN ({','.join('?' * len(f.statuses))})", *f.statuses)
    where.regions("ar.region_code", f.regions)
    where.days("ar.day", f.date_from, f.date_to)
    if f.min_confidence is not None:
        where.add("v.confidence >= ?", f.min_confidence)
    newest_first_after(where, cursor, "v")
    rows = conn.execute(
        f"SELECT {VIOLATION_COLUMNS} FROM ent_violation v JOIN ent_article ar "
        f"ON ar.article_id = v.article_id {where.sql()} "
        "ORDER BY ar.seen_at DESC, v.article_id DESC, v.idx LIMIT ?",
        [*where.params, size + 1],
    ).fetchall()
    page = rows[:size]
    token = page_cursor(rows, size)
    return [violation_of(r) for r in page], token
