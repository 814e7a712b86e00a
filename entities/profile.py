"""``GET /api/v1/entities/{id}``: aliases, timeline, co-occurring entities, violations and
what the person said (statements)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Literal

from entities.filters import ALIAS_JOIN, VIOLATION_COLUMNS, violation_of
from entities.listing import EntityFilter, list_entities
from entities.models import AliasPublic, CoEntity, EntityPublic, EntitySummary, TimelinePoint
from entities.overrides import final_id
from entities.positions import positions_of
from entities.quotes import QuoteFilter, list_quotes

CO_OCCURRING_LIMIT = 20
VIOLATIONS_LIMIT = 50
QUOTES_LIMIT = 20
MINE = f"SELECT DISTINCT l.article_id FROM ent_link l {ALIAS_JOIN} WHERE a.entity_id = ?"


def entity_profile(
    conn: sqlite3.Connection, entity_id: str, *, interval: Literal["day", "week"] = "day"
) -> EntityPublic | None:
    """The entity (merged ids resolve to the entity they were merged into), or None."""
    entity_id = final_id(conn, entity_id)
    row = conn.execute("SELECT * FROM ent_entity WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        return None
    summaries, _ = list_entities(conn, EntityFilter(ids=[entity_id]), size=1)
    positions = positions_of(conn, [entity_id]).get(entity_id, [])
    summary = summaries[0] if summaries else EntitySummary(
        id=entity_id, type="official" if positions else row["kind"], name=row["name"],
        code=row["code"], mentions=0, articles=0, first_seen=None, last_seen=None,
    )  # fmt: skip
    return EntityPublic(
        **summary.model_dump(),
        aliases=_aliases(conn, entity_id),
        interval=interval,
        timeline=_timeline(conn, entity_id, interval),
        co_occurring=_co_occurring(conn, entity_id),
        violations=[
            violation_of(r)
            for r in conn.execute(
                f"SELECT {VIOLATION_COLUMNS} FROM ent_violation v JOIN ent_article ar "
                f"ON ar.article_id = v.article_id WHERE v.article_id IN ({MINE}) "
                "ORDER BY ar.seen_at DESC, v.article_id DESC, v.idx LIMIT ?",
                (entity_id, VIOLATIONS_LIMIT),
            )
        ],
        positions=positions,
        quotes=list_quotes(conn, QuoteFilter(entity=entity_id), size=QUOTES_LIMIT)[0],
    )


def _aliases(conn: sqlite3.Connection, entity_id: str) -> list[AliasPublic]:
    rows = conn.execute(
        f"SELECT l.text, l.key, SUM(l.mentions) AS n FROM ent_link l {ALIAS_JOIN} "
        "WHERE a.entity_id = ? GROUP BY l.key, l.text ORDER BY n DESC, l.text",
        (entity_id,),
    )
    return [AliasPublic(text=r["text"], key=r["key"], mentions=r["n"]) for r in rows]


def _timeline(
    conn: sqlite3.Connection, entity_id: str, interval: Literal["day", "week"]
) -> list[TimelinePoint]:
    rows = conn.execute(
        f"SELECT ar.day, SUM(l.mentions) AS mentions, COUNT(DISTINCT l.article_id) AS articles "
        f"FROM ent_link l {ALIAS_JOIN} JOIN ent_article ar ON ar.article_id = l.article_id "
        "WHERE a.entity_id = ? GROUP BY ar.day ORDER BY ar.day",
        (entity_id,),
    )
    buckets: dict[str, TimelinePoint] = {}
    for r in rows:
        day = date.fromisoformat(r["day"])
        start = day - timedelta(days=day.weekday()) if interval == "week" else day
        point = buckets.setdefault(start.isoformat(), TimelinePoint(
            date=start.isoformat(), mentions=0, articles=0))  # fmt: skip
        point.mentions += r["mentions"]
        point.articles += r["articles"]  # an article has one day: per-day counts add up
    return list(buckets.values())


def _co_occurring(conn: sqlite3.Connection, entity_id: str) -> list[CoEntity]:
    rows = conn.execute(
        "SELECT a.entity_id AS id, e.kind, e.name, COUNT(DISTINCT l.article_id) AS n, "
        "a.entity_id IN (SELECT pa.entity_id FROM ent_position p JOIN ent_alias pa "
        "ON pa.kind = 'person' AND pa.key = p.key) AS official "
        f"FROM ent_link l {ALIAS_JOIN} JOIN ent_entity e ON e.id = a.entity_id "
        f"WHERE l.article_id IN ({MINE}) AND a.entity_id != ? "
        "GROUP BY a.entity_id ORDER BY n DESC, e.name_norm, a.entity_id LIMIT ?",
        (entity_id, entity_id, CO_OCCURRING_LIMIT),
    )
    found = []
    for r in rows:
        kind = "official" if r["kind"] == "person" and r["official"] else r["kind"]
        found.append(CoEntity(id=r["id"], type=kind, name=r["name"], articles=r["n"]))
    return found
