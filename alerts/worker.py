"""The delivery worker: claims due outbox rows, sends them in a small thread pool, and
records the outcome (delivered, retry later with backoff and jitter, failed, dead-lettered).

At-least-once: a delivery is marked done only after the receiver answered, so a crash
resends it, with the same ``Idempotency-Key`` (the delivery id).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor

import httpx

from alerts.channels import SendResult, send_email, send_webhook
from alerts.config import AlertsConfig
from alerts.outbox import Delivery, Outbox
from alerts.repo import Subscription, SubscriptionRepo

log = logging.getLogger(__name__)

DIGEST_CHECK_SECONDS = 30.0


class DeliveryWorker:
    def __init__(self, repo: SubscriptionRepo, outbox: Outbox, config: AlertsConfig) -> None:
        self.repo, self.outbox, self.config = repo, outbox, config
        self.counters: Counter[str] = Counter()
        self.wake = threading.Event()
        self._lock = threading.Lock()
        self._slots = threading.Semaphore(config.workers)
        self._pool = ThreadPoolExecutor(config.workers, thread_name_prefix="pantau-deliver")
        self._client = httpx.Client(
            timeout=config.timeout_seconds, follow_redirects=False, trust_env=False
        )
        self._next_digest = 0.0

    def count(self, name: str, n: int = 1) -> None:
        with self._lock:
            self.counters[name] += n

    # -- one delivery --------------------------------------------------------------------

    def send(self, sub: Subscription, payload: dict, key: str) -> SendResult:
        channel = sub.channel
        if channel["type"] == "webhook":
            return send_webhook(self._client, channel["url"], sub.secret, payload, key, self.config)
        if channel["type"] == "email":
            return send_email(channel["to"], payload, key, self.config)
        return SendResult(True)  # feeds are read, not sent

    def deliver(self, d: Delivery) -> str:
        sub = self.repo.get(d.subscription_id)
        if sub is None:
            log.info("delivery %s cancelled: subscription %s was deleted", d.id, d.subscription_id)
            self.outbox.finish(d.id, "cancelled", d.attempts, "subscription deleted")
            return self._outcome("cancelled")
        if sub.paused:
            self.outbox.finish(d.id, "pending", d.attempts, "subscription paused",
                               retry_at=time.time() + 60)  # fmt: skip
            return self._outcome("held")
        attempts = d.attempts + 1
        try:
            result = self.send(sub, d.payload, d.id)
        except Exception as exc:  # a bug in one send must not stop the worker
            log.exception("delivery %s to subscription %s crashed", d.id, sub.id)
            result = SendResult(False, retry=True, error=f"{type(exc).__name__}: {exc}")
        if result.ok:
            self.outbox.finish(d.id, "delivered", attempts, None)
            return self._outcome("delivered")
        if result.retry and attempts < self.config.max_attempts:
            delay = self.backoff(attempts)
            log.warning("delivery %s (subscription %s) attempt %d failed: %s; retry in %.1fs",
                        d.id, sub.id, attempts, result.error, delay)  # fmt: skip
            self.outbox.finish(d.id, "pending", attempts, result.error, time.time() + delay)
            return self._outcome("retried")
        status = "dead" if result.retry else "failed"
        log.error("delivery %s (subscription %s) %s after %d attempt(s): %s",
                  d.id, sub.id, status, attempts, result.error)  # fmt: skip
        self.outbox.finish(d.id, status, attempts, result.error)
        return self._outcome(status)

    def _outcome(self, name: str) -> str:
        self.count(name)
        return name

    def backoff(self, attempts: int) -> float:
        """Exponential backoff with jitter: base·2^(n-1), between 50 % and 100 % of it."""
        delay = min(
            self.config.backoff_seconds * 2 ** (attempts - 1), self.config.backoff_max_seconds
        )
        return delay * (0.5 + random.random() / 2)

    # -- loops ---------------------------------------------------------------------------

    def _digests(self, force: bool = False) -> None:
        if force or time.monotonic() >= self._next_digest:
            self._next_digest = time.monotonic() + DIGEST_CHECK_SECONDS
            made = self.outbox.make_digests(self.repo.active())
            if made:
                log.info("%d digest deliveries queued", made)

    def _release(self, _future: Future) -> None:
        self._slots.release()
        self.wake.set()

    def tick(self) -> int:
        """Claim as many due deliveries as there are free senders; return how many."""
        self._digests()
        free = 0
        while self._slots.acquire(blocking=False):
            free += 1
        claimed = self.outbox.claim(free, self.config.lease_seconds) if free else []
        for _ in range(free - len(claimed)):
            self._slots.release()
        for d in claimed:
            self._pool.submit(self.deliver, d).add_done_callback(self._release)
        return len(claimed)

    def run(self, stop: threading.Event) -> None:
        log.info("delivery worker started (%d senders)", self.config.workers)
        while not stop.is_set():
            try:
                self.tick()
            except Exception:
                log.exception("delivery pass failed; retrying")
            self.wake.wait(self.config.poll_seconds)
            self.wake.clear()
        self.close()

    def run_once(self) -> Counter[str]:
        """Deliver everything due now (digests included); wait for the sends to finish."""
        self._digests(force=True)
        while True:
            batch = self.outbox.claim(self.config.workers * 4, self.config.lease_seconds)
            if not batch:
                break
            list(self._pool.map(self.deliver, batch))
        return self.counters

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self._client.close()
