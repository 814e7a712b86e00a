"""Matches and the outbox: a match and its delivery row are written in one transaction, so
a crash never leaves a match without a delivery, or a delivery without its match."""

from __future__ import annotations

import json
import logging
import sqlite3
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from alerts.db import AlertsDB
from alerts.digest import last_boundary
from alerts.matcher import Hit
from alerts.payload import article_summary, build_payload
from alerts.repo import Subscription
from store.records import Article

log = logging.getLogger(__name__)


@dataclass
class Delivery:
    id: str
    subscription_id: str
    kind: str
    payload: dict[str, Any]
    attempts: int


@dataclass
class RecordCounts:
    matched: int = 0
    alerted: int = 0
    same_story: int = 0  # another article of the cluster was already alerted
    unchanged: int = 0  # re-analysed article with the same reason


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


class Outbox:
    def __init__(self, db: AlertsDB) -> None:
        self.db = db

    def record(
        self, article: Article, cluster_key: str, hits: list[Hit], subs: dict[str, Subscription]
    ) -> RecordCounts:
        """Store the matches of one analysed article and queue their instant alerts."""
        counts = RecordCounts()
        summary = article_summary(article)
        summary_json = json.dumps(summary, ensure_ascii=False)
        now = _iso(datetime.now(UTC))
        inserts: list[tuple] = []
        with self.db.write() as conn:
            old = {
                r["subscription_id"]: r
                for r in conn.execute(
                    "SELECT id, subscription_id, reason_hash, alerted FROM matches "
                    "WHERE article_id=?",
                    (article.id,),
                )
            }
            clustered = {
                r[0]
                for r in conn.execute(
                    "SELECT subscription_id FROM matches WHERE cluster_key=? AND alerted=1",
                    (cluster_key,),
                )
            }
            for hit in hits:
                sub = subs.get(hit.subscription_id)
                if sub is None:
                    continue
                counts.matched += 1
                prev = old.get(sub.id)
                if prev is not None and prev["reason_hash"] == hit.reason_hash:
                    counts.unchanged += 1
                    continue
                alerted = bool(prev["alerted"]) if prev is not None else sub.id not in clustered
                delivery_id = None
                if alerted:
                    counts.alerted += 1
                    if sub.frequency == "instant" and sub.channel["type"] != "feed":
                        item = {"article": summary, "reason": hit.reason, "matched_at": now}
                        delivery_id = self._enqueue(conn, sub, "instant", [item])
                else:
                    counts.same_story += 1
                reason = json.dumps(hit.reason, ensure_ascii=False)
                if prev is not None:  # re-analysed with a new reason: alert again
                    conn.execute(
                        "UPDATE matches SET reason=?, reason_hash=?, article=?, matched_at=?, "
                        "delivery_id=? WHERE id=?",
                        (reason, hit.reason_hash, summary_json, now, delivery_id, prev["id"]),
                    )
                else:
                    inserts.append((sub.id, article.id, cluster_key, reason, hit.reason_hash,
                                    int(alerted), summary_json, now, delivery_id))  # fmt: skip
            conn.executemany(
                "INSERT INTO matches (subscription_id, article_id, cluster_key, reason, "
                "reason_hash, alerted, article, matched_at, delivery_id) "
                "VALUES (?,?,?,?,?,?,?,?,?)",
                inserts,
            )
            conn.execute(
                "INSERT OR REPLACE INTO alert_seen VALUES (?, ?)",
                (article.id, article.content_hash),
            )
        return counts

    @staticmethod
    def _enqueue(conn: sqlite3.Connection, sub: Subscription, kind: str, items: list) -> str:
        delivery_id = uuid.uuid4().hex
        payload = build_payload(delivery_id, sub.id, sub.name, kind, items)
        now = time.time()
        conn.execute(
            "INSERT INTO deliveries (id, subscription_id, kind, payload, status, attempts, "
            "next_attempt_at, created_at) VALUES (?,?,?,?, 'pending', 0, ?, ?)",
            (delivery_id, sub.id, kind, json.dumps(payload, ensure_ascii=False), now, now),
        )
        return delivery_id

    def make_digests(self, subs: list[Subscription], now: datetime | None = None) -> int:
        """Close every digest period that has ended; one delivery per period with matches."""
        now = now or datetime.now(UTC)
        made = 0
        for sub in subs:
            if sub.frequency == "instant" or sub.paused or sub.channel["type"] == "feed":
                continue
            boundary = last_boundary(sub.frequency, sub.timezone, sub.digest_hour, now)
            if sub.last_digest_at is not None and sub.last_digest_at >= boundary:
                continue
            with self.db.write() as conn:
                rows = conn.execute(
                    "SELECT id, article, reason, matched_at FROM matches WHERE subscription_id=? "
                    "AND alerted=1 AND delivery_id IS NULL AND matched_at < ? ORDER BY id",
                    (sub.id, _iso(boundary)),
                ).fetchall()
                if rows:
                    items = [
                        {"article": json.loads(r["article"]), "reason": json.loads(r["reason"]),
                         "matched_at": r["matched_at"]}
                        for r in rows
                    ]  # fmt: skip
                    delivery_id = self._enqueue(conn, sub, "digest", items)
                    conn.executemany(
                        "UPDATE matches SET delivery_id=? WHERE id=?",
                        [(delivery_id, r["id"]) for r in rows],
                    )
                    made += 1
                conn.execute(
                    "UPDATE subscriptions SET last_digest_at=? WHERE id=?", (_iso(boundary), sub.id)
                )
        return made

    def claim(self, limit: int, lease_seconds: float) -> list[Delivery]:
        """Due pending deliveries, leased to this worker so no other one sends them now."""
        now = time.time()
        with self.db.write() as conn:
            rows = conn.execute(
                "SELECT id, subscription_id, kind, payload, attempts FROM deliveries "
                "WHERE status='pending' AND next_attempt_at <= ? AND lease_until <= ? "
                "ORDER BY next_attempt_at LIMIT ?",
                (now, now, limit),
            ).fetchall()
            conn.executemany(
                "UPDATE deliveries SET lease_until=? WHERE id=?",
                [(now + lease_seconds, r["id"]) for r in rows],
            )
        return [
            Delivery(r["id"], r["subscription_id"], r["kind"], json.loads(r["payload"]),
                     r["attempts"])
            for r in rows
        ]  # fmt: skip

    def finish(self, delivery_id: str, status: str, attempts: int, error: str | None,
               retry_at: float | None = None) -> None:  # fmt: skip
        """status: delivered | failed | dead | cancelled, or pending with ``retry_at``."""
        with self.db.write() as conn:
            conn.execute(
                "UPDATE deliveries SET status=?, attempts=?, last_error=?, lease_until=0, "
                "next_attempt_at=coalesce(?, next_attempt_at), delivered_at=? "
                "WHERE id=? AND status='pending'",
                (status, attempts, error, retry_at,
                 time.time() if status == "delivered" else None, delivery_id),
            )  # fmt: skip

    def next_due(self) -> float | None:
        row = (
            self.db.conn()
            .execute("SELECT min(next_attempt_at) FROM deliveries WHERE status='pending'")
            .fetchone()
        )
        return row[0]

    def stats(self) -> dict[str, int]:
        rows = self.db.conn().execute("SELECT status, count(*) FROM deliveries GROUP BY status")
        return {r[0]: r[1] for r in rows}

    def matches(self, sub_id: str, limit: int = 50, before: int | None = None,
                alerted_only: bool = False) -> list[dict[str, Any]]:  # fmt: skip
        """Newest first; ``before`` is the ``cursor`` of the previous page's last item."""
        rows = self.db.conn().execute(
            "SELECT id, article, reason, alerted, matched_at, delivery_id FROM matches "
            "WHERE subscription_id=? AND (? IS NULL OR id < ?) AND (alerted=1 OR ?=0) "
            "ORDER BY id DESC LIMIT ?",
            (sub_id, before, before, int(alerted_only), limit),
        )
        return [
            {"cursor": r["id"], "article": json.loads(r["article"]),
             "reason": json.loads(r["reason"]), "alerted": bool(r["alerted"]),
             "matched_at": r["matched_at"], "delivery_id": r["delivery_id"]}
            for r in rows
        ]  # fmt: skip
