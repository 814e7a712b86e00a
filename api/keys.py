"""API keys: ``pk_<id>_<secret>`` tokens, stored only as a sha256 hash, with scopes.

The token is shown once, when the key is created. The secret is 256 random bits, so a plain
sha256 (no slow password hash) is enough to make a leaked table useless; the id is public and
finds the row, ``hmac.compare_digest`` compares the hashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from api import keys_schema
from store.base import StoreError
from store.sqlite import sidecar

SCOPES = ("read", "subscribe", "admin")
PREFIX = "pk"
_TOUCH_EVERY_S = 60.0  # last_used_at is written at most once a minute per key


@dataclass(frozen=True)
class ApiKey:
    id: str
    name: str
    scopes: tuple[str, ...]
    rate_per_minute: int | None
    created_at: str
    last_used_at: str | None = None
    revoked_at: str | None = None

    def allows(self, scope: str) -> bool:
        """``admin`` implies every scope; the others are granted one by one."""
        return scope in self.scopes or "admin" in self.scopes

    def public(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "scopes": list(self.scopes),
            "rate_per_minute": self.rate_per_minute, "created_at": self.created_at,
            "last_used_at": self.last_used_at, "revoked": self.revoked_at is not None,
            "revoked_at": self.revoked_at,
        }  # fmt: skip


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def split_token(token: str) -> str | None:
    """The key id of a well-formed token, else None."""
    parts = token.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1].isalnum() or len(parts[2]) < 20:
        return None
    return parts[1]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class KeyStore:
    """The api_keys table in one SQLite file; safe to share between threads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._touched: dict[str, float] = {}
        if str(self.path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = sidecar.connect(self.path)
            keys_schema.MIGRATIONS_SET.migrate(self._conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path} cannot hold the api_keys table ({exc}); nothing was changed"
            ) from exc

    @classmethod
    def open(cls, settings: Any, store: Any) -> KeyStore:
        """Beside the articles in a SQLite store file, else DATA_DIR/api.db."""
        path = getattr(store, "path", None)
        if path is None or str(path) == ":memory:":
            path = Path(settings.data_dir) / "api.db"
        return cls(path)

    def create(
        self, name: str, scopes: list[str], rate_per_minute: int | None = None
    ) -> tuple[ApiKey, str]:
        """A new key and its token (the only time the token exists in clear)."""
        unknown = sorted(set(scopes) - set(SCOPES))
        if unknown or not scopes:
            raise ValueError(f"unknown or missing scopes {unknown}; use some of {list(SCOPES)}")
        if not name.strip():
            raise ValueError("a key needs a name that says who or what uses it")
        key_id = secrets.token_hex(6)
        token = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
        ordered = tuple(s for s in SCOPES if s in scopes)
        key = ApiKey(key_id, name.strip(), ordered, rate_per_minute, _now())
        with self._lock:
            self._conn.execute(
                "INSERT INTO api_keys (id, name, scopes, hash, rate_per_minute, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (key.id, key.name, " ".join(ordered), hash_token(token), rate_per_minute,
                 key.created_at),
            )  # fmt: skip
        return key, token

    def _row(self, key_id: str) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(
                "SELECT * FROM api_keys WHERE id = ?", (key_id,)
            ).fetchone()
        return row

    @staticmethod
    def _key(row: sqlite3.Row) -> ApiKey:
        return ApiKey(
            row["id"], row["name"], tuple(row["scopes"].split()), row["rate_per_minute"],
            row["created_at"], row["last_used_at"], row["revoked_at"],
        )  # fmt: skip

    def get(self, key_id: str) -> ApiKey | None:
        row = self._row(key_id)
        return self._key(row) if row else None

    def verify(self, token: str) -> ApiKey | None:
        """The live key a token belongs to, or None (unknown, wrong secret, revoked)."""
        key_id = split_token(token)
        row = self._row(key_id) if key_id else None
        if row is None or row["revoked_at"] is not None:
            return None
        if not hmac.compare_digest(row["hash"], hash_token(token.strip())):
            return None
        self._touch(row["id"])
        return self._key(row)

    def _touch(self, key_id: str) -> None:
        now = time.monotonic()
        if now - self._touched.get(key_id, -_TOUCH_EVERY_S) < _TOUCH_EVERY_S:
            return
        self._touched[key_id] = now
        with self._lock:
            self._conn.execute(
                "UPDATE api_keys SET last_used_at = ? WHERE id = ?", (_now(), key_id)
            )

    def all(self) -> list[ApiKey]:
        with self._lock:
            rows = self._conn.execute("SELECT * FROM api_keys ORDER BY created_at, id").fetchall()
        return [self._key(r) for r in rows]

    def revoke(self, key_id: str) -> ApiKey | None:
        """Revoke a key (idempotent); None when no key has this id."""
        with self._lock:
            self._conn.execute(
                "UPDATE api_keys SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                (_now(), key_id),
            )
        return self.get(key_id)

    def close(self) -> None:
        with self._lock:
            self._conn.close()
