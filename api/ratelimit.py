"""Per-key token buckets, in memory, one set per process.

A bucket holds up to ``burst`` tokens and refills at ``per_minute / 60`` tokens a second; each
request takes one. An empty bucket answers with the seconds until the next token, which the
API sends as ``Retry-After`` with a 429. With several worker processes each has its own
buckets, so the effective limit is per process (documented in docs/api.md).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000):
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self._max_keys = max_keys

    def take(self, key: str, per_minute: int, burst: int) -> float:
        """Take one token; returns 0 when allowed, else the seconds to wait (> 0)."""
        rate = per_minute / 60.0
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self._max_keys:
                    self._buckets.clear()  # a bound on memory; buckets simply refill
                bucket = self._buckets[key] = _Bucket(float(burst), now)
            bucket.tokens = min(float(burst), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate

    @staticmethod
    def retry_after(wait: float) -> str:
        """Retry-After in whole seconds, never 0."""
        return str(max(1, math.ceil(wait)))
