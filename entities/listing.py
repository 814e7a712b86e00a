"""``GET /api/v1/entities``: entities with mention and article counts, filtered and paged."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from entities.filters import ALIAS_JOIN, OFFICIAL_IDS, Where, cursor_values, next_cursor, when
from entities.keys import like_pattern
from entities.models import EntitySummary


@dataclass
class EntityFilter:
    type: str | None = None
    q: str | None = None
    regions: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    ids: list[str] = field(default_factory=list)


def _where(f: EntityFilter) -> Where:
    where = Where()
    where.days("ar.day", f.date_from, f.date_to)
    if f.type in ("person", "official"):
        where.add("e.kind = 'person'")
    elif f.type:
        where.add("e.kind = ?", f.type)
    if f.type == "official":
        where.add(f"a.entity_id IN ({OFFICIAL_IDS})")
    if f.q and f.q.strip():
        pattern = like_pattern(f.q)
        where.add(
            "(e.name_norm LIKE ? ESCAPE '\\' OR a.entity_id IN (SELECT a2.entity_id FROM "
            "ent_link l2 JOIN ent_alias a2 ON a2.kind = l2.kind AND a2.key = l2.key "
            "WHERE l2.text_norm LIKE ? ESCAPE '\\'))",
            pattern, pattern,
        )  # fmt: skip
    if f.regions:
        codes = Where()
        codes.regions("l3.code", f.regions)
        posts = Where()
        posts.regions("p.region_code", f.regions)
        where.add(
            "(a.entity_id IN (SELECT a3.entity_id FROM ent_link l3 JOIN ent_alias a3 "
            f"ON a3.kind = l3.kind AND a3.key = l3.key {codes.sql()}) "
            f"OR a.entity_id IN ({OFFICIAL_IDS} {posts.sql()}))",
            *codes.params, *posts.params,
        )  # fmt: skip
    if f.ids:
        where.add(f"a.entity_id IN ({','.join('?' * len(f.ids))})", *f.ids)
    return where


def list_entities(
    conn: sqlite3.Connection, f: EntityFilter, *, size: int = 20, cursor: str | None = None
) -> tuple[list[EntitySummary], str | None]:
    """Most-reported first (articles, then mentions, then id); keyset cursor on those."""
    where = _where(f)
    having = ""
    after = cursor_values(cursor, (int, int, str))
    if after is not None:
        n, m, last = after
        having = (
            "HAVING COUNT(DISTINCT l.article_id) < ? OR (COUNT(DISTINCT l.article_id) = ? AND "
            "(SUM(l.mentions) < ? OR (SUM(l.mentions) = ? AND a.entity_id > ?)))"
        )
        where.params += [n, n, m, m, last]
    rows = conn.execute(
        "SELECT a.entity_id AS id, e.kind, e.name, e.code, SUM(l.mentions) AS mentions, "
        "COUNT(DISTINCT l.article_id) AS articles, MIN(ar.seen_at) AS first_seen, "
        f"MAX(ar.seen_at) AS last_seen, a.entity_id IN ({OFFICIAL_IDS}) AS official "
        f"FROM ent_link l {ALIAS_JOIN} JOIN ent_entity e ON e.id = a.entity_id "
        f"JOIN ent_article ar ON ar.article_id = l.article_id {where.sql()} "
        f"GROUP BY a.entity_id {having} ORDER BY articles DESC, mentions DESC, id LIMIT ?",
        [*where.params, size + 1],
    ).fetchall()
    items = [summary_of(r) for r in rows[:size]]
    last_item = items[-1] if items else None
    token = (
        next_cursor(rows, size, last_item.articles, last_item.mentions, last_item.id)
        if last_item
        else None
    )
    return items, token


def summary_of(row: sqlite3.Row) -> EntitySummary:
    kind = "official" if row["kind"] == "person" and row["official"] else row["kind"]
    return EntitySummary(
        id=row["id"], type=kind, name=row["name"], code=row["code"],
        mentions=row["mentions"] or 0, articles=row["articles"] or 0,
        first_seen=when(row["first_seen"]), last_seen=when(row["last_seen"]),
    )  # fmt: skip
