"""Retries with exponential backoff for transient engine errors; fail fast on the rest.

Transient: HTTP 429/502/503/504, unreachable nodes, blocked writes (an index being migrated).
Anything else (mapping errors, bad requests, other 4xx) raises at once: retrying cannot help.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from store.base import StoreError
from store.search.clients import TRANSIENT_STATUSES, EngineClient, EngineError

log = logging.getLogger(__name__)

T = TypeVar("T")


class BulkError(StoreError):
    """Some bulk items failed for good; ``errors`` holds (document id, status, reason)."""

    def __init__(self, errors: list[tuple[str, int, str]]) -> None:
        shown = "; ".join(f"{i}: {s} {r}" for i, s, r in errors[:5])
        super().__init__(f"{len(errors)} documents were not indexed ({shown})")
        self.errors = errors


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 6  # first try included
    base_delay: float = 0.2  # seconds; doubles each retry
    max_delay: float = 10.0
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int) -> float:
        """Exponential backoff with jitter for retry number ``attempt`` (1-based)."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)


def with_retries(call: Callable[[], T], policy: RetryPolicy, what: str) -> T:
    """Run ``call``; retry transient ``EngineError``s with backoff, re-raise the rest."""
    for attempt in range(1, policy.attempts + 1):
        try:
            return call()
        except EngineError as exc:
            if not exc.transient or attempt == policy.attempts:
                raise
            delay = policy.delay(attempt)
            log.warning("%s failed (%s); retry %d in %.2fs", what, exc, attempt, delay)
            policy.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover


def bulk_write(
    client: EngineClient,
    actions: Sequence[tuple[dict[str, Any], dict[str, Any] | None]],
    policy: RetryPolicy,
    refresh: str | None = None,
) -> list[dict[str, Any]]:
    """Send (action, source) pairs; retry only the items that failed transiently.

    Returns the per-item results in input order; raises ``BulkError`` when an item failed
    with a permanent error, or stayed transient after the last attempt.
    """
    results: list[dict[str, Any] | None] = [None] * len(actions)
    todo = list(range(len(actions)))
    for attempt in range(1, policy.attempts + 1):
        lines: list[dict[str, Any]] = []
        for i in todo:
            action, source = actions[i]
            lines.append(action)
            if source is not None:
                lines.append(source)

        def send(lines: list[dict[str, Any]] = lines) -> dict[str, Any]:
            return client.bulk(lines, refresh)

        body = with_retries(send, policy, "bulk request")
        retry: list[int] = []
        permanent: list[tuple[str, int, str]] = []
        for i, item in zip(todo, body.get("items", []), strict=True):
            result = next(iter(item.values()))
            results[i] = result
            status = int(result.get("status", 500))
            if status < 300:
                continue
            reason = str((result.get("error") or {}).get("reason", status))
            if status in TRANSIENT_STATUSES and attempt < policy.attempts:
                retry.append(i)
            else:
                permanent.append((str(result.get("_id")), status, reason))
        if permanent:
            raise BulkError(permanent)
        if not retry:
            break
        delay = policy.delay(attempt)
        log.warning("%d bulk items were throttled; retry %d in %.2fs", len(retry), attempt, delay)
        policy.sleep(delay)
        todo = retry
    return [r or {} for r in results]
