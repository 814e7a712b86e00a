"""Subscriptions in the alerts database: create, read, list, update, pause, delete."""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from alerts.db import AlertsDB
from alerts.models import Criteria, SubscriptionCreate, SubscriptionPublic, SubscriptionUpdate

log = logging.getLogger(__name__)


@dataclass
class Subscription:
    id: str
    owner: str | None
    name: str
    criteria: Criteria
    frequency: str
    timezone: str
    digest_hour: int
    channel: dict[str, Any]
    secret: str
    feed_token: str
    paused: bool
    created_at: datetime
    updated_at: datetime
    last_digest_at: datetime | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Subscription:
        last = row["last_digest_at"]
        return cls(
            id=row["id"], owner=row["owner"], name=row["name"],
            criteria=Criteria.model_construct(**json.loads(row["criteria"])),
            frequency=row["frequency"], timezone=row["timezone"],
            digest_hour=row["digest_hour"], channel=json.loads(row["channel"]),
            secret=row["secret"], feed_token=row["feed_token"], paused=bool(row["paused"]),
            created_at=datetime.fromisoformat(row["created_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            last_digest_at=datetime.fromisoformat(last) if last else None,
        )  # fmt: skip

    @property
    def feed_path(self) -> str:
        return f"/feeds/{self.feed_token}.atom"

    def public(self, base_url: str = "") -> SubscriptionPublic:
        return SubscriptionPublic(
            id=self.id, name=self.name, criteria=self.criteria, channel=self.channel,
            frequency=self.frequency,
            timezone=self.timezone, digest_hour=self.digest_hour, paused=self.paused,
            feed_url=base_url.rstrip("/") + self.feed_path,
            created_at=self.created_at, updated_at=self.updated_at,
        )  # fmt: skip


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SubscriptionRepo:
    def __init__(self, db: AlertsDB) -> None:
        self.db = db

    def create(self, data: SubscriptionCreate, owner: str | None = None) -> Subscription:
        sub_id, now = uuid.uuid4().hex[:16], _now()
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO subscriptions (id, owner, name, criteria, frequency, timezone, "
                "digest_hour, channel, secret, feed_token, paused, created_at, updated_at, "
                "last_digest_at) VALUES (?,?,?,?,?,?,?,?,?,?,0,?,?,?)",
                (
                    sub_id, owner, data.name, data.criteria.model_dump_json(), data.frequency,
                    data.timezone, data.digest_hour, data.channel.model_dump_json(),
                    secrets.token_urlsafe(32), secrets.token_urlsafe(24), now, now, now,
                ),
            )  # fmt: skip
            self.db.bump_generation(conn)
        created = self.get(sub_id)
        assert created is not None
        log.info("subscription %s created (%s, %s)", sub_id, data.channel.type, data.frequency)
        return created

    def get(self, sub_id: str) -> Subscription | None:
        row = self.db.conn().execute("SELECT * FROM subscriptions WHERE id=?", (sub_id,)).fetchone()
        return Subscription.from_row(row) if row else None

    def by_feed_token(self, token: str) -> Subscription | None:
        row = (
            self.db.conn()
            .execute("SELECT * FROM subscriptions WHERE feed_token=?", (token,))
            .fetchone()
        )
        return Subscription.from_row(row) if row else None

    def owned_by(self, owner: str | None = None) -> list[Subscription]:
        rows = self.db.conn().execute(
            "SELECT * FROM subscriptions WHERE ? IS NULL OR owner IS ? ORDER BY created_at, id",
            (owner, owner),
        )
        return [Subscription.from_row(r) for r in rows]

    def active(self) -> list[Subscription]:
        rows = self.db.conn().execute("SELECT * FROM subscriptions WHERE paused=0")
        return [Subscription.from_row(r) for r in rows]

    def update(self, sub_id: str, data: SubscriptionUpdate) -> Subscription | None:
        changes: dict[str, Any] = {}
        for name in data.model_fields_set:
            value = getattr(data, name)
            if value is None:
                continue
            if name in ("criteria", "channel"):
                value = value.model_dump_json()
            changes[name] = int(value) if name == "paused" else value
        if changes:
            changes["updated_at"] = _now()
            assignments = ", ".join(f"{k}=?" for k in changes)
            with self.db.write() as conn:
                conn.execute(
                    f"UPDATE subscriptions SET {assignments} WHERE id=?",
                    (*changes.values(), sub_id),
                )
                self.db.bump_generation(conn)
        return self.get(sub_id)

    def delete(self, sub_id: str) -> bool:
        """Remove the subscription; its pending deliveries are cancelled (counted, logged)."""
        with self.db.write() as conn:
            gone = conn.execute("DELETE FROM subscriptions WHERE id=?", (sub_id,)).rowcount
            cancelled = conn.execute(
                "UPDATE deliveries SET status='cancelled', last_error='subscription deleted' "
                "WHERE subscription_id=? AND status='pending'",
                (sub_id,),
            ).rowcount
            conn.execute("DELETE FROM matches WHERE subscription_id=?", (sub_id,))
            self.db.bump_generation(conn)
        if gone and cancelled:
            log.info("subscription %s deleted; %d pending deliveries cancelled", sub_id, cancelled)
        return bool(gone)
