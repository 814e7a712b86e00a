"""Alerts wired together: the analyze hook, the matcher, the outbox and the worker.

``AlertService.open(settings, store)`` puts the alerts tables in the store's SQLite file,
or in ``DATA_DIR/alerts.db`` when the store is a search engine. ``on_analyzed`` is the
``after`` hook of ``pantau.analyze.analyze_pending``.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from alerts.config import AlertsConfig
from alerts.db import AlertsDB
from alerts.document import cluster_key
from alerts.matcher import Matcher
from alerts.models import SubscriptionCreate, SubscriptionUpdate
from alerts.outbox import Outbox, RecordCounts
from alerts.repo import Subscription, SubscriptionRepo
from alerts.worker import DeliveryWorker
from store.base import Store

log = logging.getLogger(__name__)


class AlertService:
    def __init__(self, store: Store, db: AlertsDB, config: AlertsConfig) -> None:
        self.store, self.db, self.config = store, db, config
        self.repo = SubscriptionRepo(db)
        self.outbox = Outbox(db)
        self.matcher = Matcher()
        self.worker = DeliveryWorker(self.repo, self.outbox, config)
        self._generation = -1
        self._subs: dict[str, Subscription] = {}
        self._lock = threading.Lock()
        # Elasticsearch / OpenSearch: the engine's percolator pre-filters candidates.
        self.percolator: Any = store if hasattr(store, "percolate") else None

    @classmethod
    def open(cls, settings: Any, store: Store) -> AlertService:
        path = getattr(store, "path", None)
        if path is None or str(path) == ":memory:":
            path = Path(settings.data_dir) / "alerts.db"
        return cls(store, AlertsDB(path), AlertsConfig.from_settings(settings))

    # -- subscriptions (kept in step with the search engine's percolator) ------------------

    def create(self, data: SubscriptionCreate, owner: str | None = None) -> Subscription:
        sub = self.repo.create(data, owner)
        self._sync_percolator(sub)
        return sub

    def update(self, sub_id: str, data: SubscriptionUpdate) -> Subscription | None:
        sub = self.repo.update(sub_id, data)
        if sub is not None:
            self._sync_percolator(sub)
        return sub

    def delete(self, sub_id: str) -> bool:
        gone = self.repo.delete(sub_id)
        if gone and self.percolator is not None:
            self.percolator.delete_subscription_query(sub_id)
        return gone

    def _sync_percolator(self, sub: Subscription) -> None:
        query = _percolator_query(sub)
        if self.percolator is not None and query is not None:
            self.percolator.put_subscription_query(sub.id, query)

    # -- matching ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the index when any process changed the subscriptions."""
        generation = self.db.generation()
        if generation != self._generation:
            with self._lock:
                subs = self.repo.active()
                self.matcher.load((s.id, s.criteria) for s in subs)
                self._subs = {s.id: s for s in subs}
                self._generation = generation

    def on_analyzed(self, article_id: str) -> RecordCounts | None:
        """Match one freshly analysed article and queue its alerts (the ``after`` hook)."""
        article = self.store.get_article(article_id)
        if article is None:
            return None
        self.refresh()
        with self._lock:
            matcher, subs = self.matcher, self._subs
        only = None
        if self.percolator is not None:
            ids = set(self.percolator.percolate(article))
            only = ids | {s.id for s in subs.values() if _percolator_query(s) is None}
        hits = matcher.match(article, only)
        counts = self.outbox.record(article, cluster_key(article), hits, subs)
        if counts.alerted:
            self.worker.wake.set()
        return counts

    def hook(self, article_id: str) -> None:
        """``on_analyzed`` that never breaks the analysis; catch-up retries what failed."""
        try:
            self.on_analyzed(article_id)
        except Exception:
            log.exception("alert matching failed for article %s; catch-up will retry", article_id)

    def catch_up(self, limit: int = 1000) -> int:
        """Match analysed articles that a crash left unmatched (SQLite store in this file)."""
        conn = self.db.conn()
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='articles'").fetchone():
            return 0
        rows = conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN alert_seen s ON s.article_id = a.id "
            "WHERE a.status = 'analyzed' AND a.rid > (SELECT CAST(value AS INTEGER) FROM "
            "alerts_meta WHERE key = 'catchup_after_rid') "
            "AND (s.content_hash IS NULL OR s.content_hash != a.content_hash) LIMIT ?",
            (limit,),
        ).fetchall()
        for row in rows:
            self.hook(row["id"])
        if rows:
            log.info("alerts catch-up matched %d articles", len(rows))
        return len(rows)

    def close(self) -> None:
        self.worker.close()
        self.db.close()


def _percolator_query(sub: Subscription) -> dict[str, Any] | None:
    """The engine-side pre-filter, or None when no criterion maps onto the percolator."""
    c = sub.criteria
    query = {"q": c.query, "sources": c.outlets, "regions": c.region_codes,
             "violations": c.categories, "entities": c.entities}  # fmt: skip
    query = {k: v for k, v in query.items() if v}
    return query or None
