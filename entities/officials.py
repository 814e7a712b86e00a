"""``GET /api/v1/officials``: officials with every position held, filtered and paged by name."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from entities.filters import Where, cursor_values, next_cursor
from entities.keys import like_pattern
from entities.models import OfficialPublic
from entities.positions import positions_of
from store.derived import norm


@dataclass
class OfficialFilter:
    institution: str | None = None  # contains, case-insensitive ("Bawaslu")
    position: str | None = None  # equal, case-insensitive ("Ketua")
    regions: list[str] = field(default_factory=list)  # position region, sub-regions included
    name: str | None = None  # contains, over the name and every alias
    date_from: str | None = None
    date_to: str | None = None


def list_officials(
    conn: sqlite3.Connection, f: OfficialFilter, *, size: int = 20, cursor: str | None = None
) -> tuple[list[OfficialPublic], str | None]:
    """Officials holding a matching position, by name; each with all positions held."""
    held = Where()
    if f.institution and f.institution.strip():
        held.add("lower(p.institution) LIKE ? ESCAPE '\\'", like_pattern(f.institution))
    if f.position and f.position.strip():
        held.add("lower(p.position) = ?", norm(f.position))
    held.regions("p.region_code", f.regions)
    held.days("ar.day", f.date_from, f.date_to)
    where = Where()
    where.add(
        "e.id IN (SELECT pa.entity_id FROM ent_position p JOIN ent_alias pa ON pa.kind = "
        "'person' AND pa.key = p.key JOIN ent_article ar ON ar.article_id = p.article_id "
        f"{held.sql()})",
        *held.params,
    )
    if f.name and f.name.strip():
        pattern = like_pattern(f.name)
        where.add(
            "(e.name_norm LIKE ? ESCAPE '\\' OR e.id IN (SELECT a.entity_id FROM ent_link l "
            "JOIN ent_alias a ON a.kind = l.kind AND a.key = l.key "
            "WHERE l.text_norm LIKE ? ESCAPE '\\'))",
            pattern, pattern,
        )  # fmt: skip
    after = cursor_values(cursor, (str, str))
    if after is not None:
        where.add("(e.name_norm > ? OR (e.name_norm = ? AND e.id > ?))", after[0], *after)
    rows = conn.execute(
        f"SELECT e.id, e.name, e.name_norm FROM ent_entity e {where.sql()} "
        "ORDER BY e.name_norm, e.id LIMIT ?",
        [*where.params, size + 1],
    ).fetchall()
    page = rows[:size]
    positions = positions_of(conn, [r["id"] for r in page])
    items = []
    for r in page:
        held_positions = positions.get(r["id"], [])
        article_ids = [e.article_id for p in held_positions for e in p.evidence]
        items.append(
            OfficialPublic(
                id=r["id"],
                name=r["name"],
                positions=held_positions,
                first_seen=min(p.first_seen for p in held_positions),
                last_seen=max(p.last_seen for p in held_positions),
                evidence_article_ids=sorted(set(article_ids)),
            )
        )
    last = page[-1] if page else None
    return items, next_cursor(rows, size, last["name_norm"], last["id"]) if last else None
