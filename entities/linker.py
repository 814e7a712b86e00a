"""Link an analyzed article to canonical entities, replacing whatever it linked before.

``link_article`` deletes the article's link, position and violation rows and writes them
again from its current Analysis (no double counting on re-analysis); every alias key is
resolved through the analysts' overrides (entities/overrides.py), so merges and splits hold.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable

from entities.db import EntitiesDB
from entities.facts import ArticleFacts, facts_of
from entities.keys import default_id, now_iso, person_key
from entities.overrides import resolve
from store.base import Store
from store.derived import norm
from store.records import Article, ArticleStatus

log = logging.getLogger(__name__)

AfterAnalysis = Callable[[str], None]


class Linker:
    def __init__(self, db: EntitiesDB) -> None:
        self.db = db

    def link_article(self, article: Article) -> None:
        """(Re-)link one article; an article without an analysis only loses its old links."""
        facts = facts_of(article)
        with self.db.write() as conn:
            _delete(conn, article.id)
            if article.status != ArticleStatus.ANALYZED or article.analysis is None:
                return
            _insert(conn, facts)

    def unlink(self, article_id: str) -> None:
        with self.db.write() as conn:
            _delete(conn, article_id)

    def hook(self, store: Store) -> AfterAnalysis:
        """The ``after`` callback of ``pantau.analyze.analyze_pending``; never raises."""

        def after(article_id: str) -> None:
            try:
                article = store.get_article(article_id)
                if article is not None:
                    self.link_article(article)
            except Exception:
                log.exception("linking entities of article %s failed", article_id)

        return after

    def reresolve(self) -> int:
        """Recompute every alias from the overrides (what a rebuild starts with)."""
        with self.db.write() as conn:
            rows = conn.execute("SELECT kind, key FROM ent_alias").fetchall()
            for kind, key in rows:
                conn.execute(
                    "UPDATE ent_alias SET entity_id=? WHERE kind=? AND key=?",
                    (resolve(conn, kind, key), kind, key),
                )
        return len(rows)


def chain_hooks(*hooks: AfterAnalysis | None) -> AfterAnalysis:
    """One ``after`` callback that calls each given hook in order (None entries skipped)."""
    present = [h for h in hooks if h is not None]

    def after(article_id: str) -> None:
        for hook in present:
            hook(article_id)

    return after


def _delete(conn: sqlite3.Connection, article_id: str) -> None:
    for table in ("ent_link", "ent_position", "ent_violation", "ent_quote", "ent_article"):
        conn.execute(f"DELETE FROM {table} WHERE article_id=?", (article_id,))


def _insert(conn: sqlite3.Connection, facts: ArticleFacts) -> None:
    a = facts.article
    conn.execute(
        "INSERT INTO ent_article VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (a.id, a.url, a.title, a.source, a.published_at.isoformat() if a.published_at else None,
         facts.seen_at, facts.day, facts.region, facts.region_code),
    )  # fmt: skip
    for link in facts.links:
        _ensure_alias(conn, link.kind, link.key, link.name, link.code)
        conn.execute(
            "INSERT INTO ent_link VALUES (?, ?, ?, ?, ?, ?, ?)",
            (a.id, link.kind, link.key, link.text, norm(link.text), link.mentions, link.code),
        )
    for idx, p in enumerate(facts.positions):
        conn.execute(
            "INSERT INTO ent_position VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, idx, p.key, p.position, p.institution, p.region, p.region_code, p.evidence,
             int(p.former)),
        )  # fmt: skip
    for idx, v in enumerate(a.analysis.violations if a.analysis else []):
        actors = list(getattr(v, "actors", None) or [])
        conn.execute(
            "INSERT INTO ent_violation VALUES (?, ?, ?, ?, ?, ?, ?)",
            (a.id, idx, v.category, v.status, v.confidence, v.evidence,
             json.dumps(actors, ensure_ascii=False)),
        )  # fmt: skip
    _insert_quotes(conn, a)


def _insert_quotes(conn: sqlite3.Connection, a: Article) -> None:
    for idx, q in enumerate(a.analysis.quotes if a.analysis else []):
        official = q.official or {}
        conn.execute(
            "INSERT INTO ent_quote VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (a.id, idx, q.kind, q.text, norm(q.text), q.speaker,
             person_key(q.speaker) if q.speaker else None, q.cue, q.confidence,
             official.get("position"), official.get("institution"), q.start, q.end),
        )  # fmt: skip


def _ensure_alias(
    conn: sqlite3.Connection, kind: str, key: str, name: str, code: str | None
) -> None:
    if conn.execute("SELECT 1 FROM ent_alias WHERE kind=? AND key=?", (kind, key)).fetchone():
        return
    base = default_id(kind, key)
    own_code = code if kind == "location" else None
    conn.execute(
        "INSERT OR IGNORE INTO ent_entity (id, kind, name, name_norm, code, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (base, kind, name, norm(name), own_code, now_iso()),
    )
    conn.execute("INSERT INTO ent_alias VALUES (?, ?, ?)", (kind, key, resolve(conn, kind, key)))
