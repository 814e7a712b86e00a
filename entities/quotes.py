"""``GET /api/v1/quotes``: reported statements with their speaker and article, newest first."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from entities.filters import Where, newest_first_after, page_cursor, when
from entities.models import QuotePublic
from store.derived import norm

QUOTE_COLUMNS = (
    "qt.article_id, qt.idx, qt.kind, qt.text, qt.speaker, qt.cue, qt.confidence, qt.position, "
    "qt.institution, qt.start, qt.end, sa.entity_id AS speaker_entity_id, "
    "ar.url, ar.title, ar.source, ar.published_at, ar.seen_at, ar.region, ar.region_code"
)


@dataclass
class QuoteFilter:
    speaker: str | None = None  # words of the speaker's name (case and accents ignored)
    entity: str | None = None  # canonical person entity id
    q: str | None = None  # words that must occur in the statement
    regions: list[str] = field(default_factory=list)
    date_from: str | None = None
    date_to: str | None = None
    min_confidence: float | None = None


def list_quotes(
    conn: sqlite3.Connection, f: QuoteFilter, *, size: int = 20, cursor: str | None = None
) -> tuple[list[QuotePublic], str | None]:
    """Newest first (published_at, else fetched_at), then article id, then order in article."""
    where = Where()
    if f.speaker:
        for word in norm(f.speaker).split():
            where.add("(' ' || lower(qt.speaker) || ' ') LIKE ?", f"% {word} %")
    if f.entity:
        where.add("sa.entity_id = ?", f.entity)
    if f.q:
        for word in norm(f.q).split():
            where.add("(' ' || qt.text_norm || ' ') LIKE ?", f"% {word} %")
    where.regions("ar.region_code", f.regions)
    where.days("ar.day", f.date_from, f.date_to)
    if f.min_confidence is not None:
        where.add("qt.confidence >= ?", f.min_confidence)
    newest_first_after(where, cursor, "qt")
    rows = conn.execute(
        f"SELECT {QUOTE_COLUMNS} FROM ent_quote qt JOIN ent_article ar "
        "ON ar.article_id = qt.article_id "
        "LEFT JOIN ent_alias sa ON sa.kind = 'person' AND sa.key = qt.speaker_key "
        f"{where.sql()} ORDER BY ar.seen_at DESC, qt.article_id DESC, qt.idx LIMIT ?",
        [*where.params, size + 1],
    ).fetchall()
    page = rows[:size]
    token = page_cursor(rows, size)
    return [quote_of(r) for r in page], token


def quote_of(row: sqlite3.Row) -> QuotePublic:
    return QuotePublic(
        article_id=row["article_id"], url=row["url"], title=row["title"], source=row["source"],
        published_at=when(row["published_at"]), kind=row["kind"], text=row["text"],
        speaker=row["speaker"], speaker_entity_id=row["speaker_entity_id"], cue=row["cue"],
        confidence=row["confidence"], position=row["position"],
        institution=row["institution"], start=row["start"], end=row["end"],
        region=row["region"], region_code=row["region_code"],
    )  # fmt: skip
