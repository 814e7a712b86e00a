"""Entities wired together: the database, the linker, overrides, queries and rebuild.

``EntityService.open(settings, store)`` puts the entities tables in the store's SQLite file,
or in ``DATA_DIR/entities.db`` when the store is a search engine. ``hook`` is the ``after``
callback of ``pantau.analyze.analyze_pending``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from entities import overrides
from entities.db import EntitiesDB
from entities.linker import AfterAnalysis, Linker
from store.base import SearchQuery, Store
from store.records import ArticleStatus

log = logging.getLogger(__name__)

REBUILD_PAGE = 200


class EntityService:
    def __init__(self, store: Store, db: EntitiesDB) -> None:
        self.store, self.db = store, db
        self.linker = Linker(db)

    @classmethod
    def open(cls, settings: Any, store: Store) -> EntityService:
        path = getattr(store, "path", None)
        if path is None or str(path) == ":memory:":
            path = Path(settings.data_dir) / "entities.db"
        return cls(store, EntitiesDB(path))

    @property
    def hook(self) -> AfterAnalysis:
        return self.linker.hook(self.store)

    def merge(self, entity_id: str, other_id: str) -> str:
        return overrides.merge(self.db, entity_id, other_id)

    def split(self, entity_id: str, alias: str) -> str:
        return overrides.split(self.db, entity_id, alias)

    def rebuild(self, *, progress: bool = False) -> int:
        """Re-link every analyzed article (overrides re-applied); return how many."""
        self.linker.reresolve()
        with self.db.write() as conn:
            for table in ("ent_link", "ent_position", "ent_violation", "ent_quote", "ent_article"):
                conn.execute(f"DELETE FROM {table}")
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(total=self.store.count(ArticleStatus.ANALYZED), unit="article", desc="link")
        done, cursor = 0, None
        try:
            while True:
                query = SearchQuery(
                    article_status=ArticleStatus.ANALYZED, sort="date", size=REBUILD_PAGE,
                    cursor=cursor, facets=False, histogram=None, highlight=False,
                )  # fmt: skip
                page = self.store.search(query)
                for hit in page.hits:
                    self.linker.link_article(hit.article)
                    done += 1
                    if bar is not None:
                        bar.update(1)
                cursor = page.next_cursor
                if not page.hits or cursor is None:
                    break
        finally:
            if bar is not None:
                bar.close()
        log.info("re-linked %d analyzed articles", done)
        return done

    def close(self) -> None:
        self.db.close()
