"""Webhook delivery through the outbox to a real receiver on 127.0.0.1: signature,
idempotency key, retries with backoff, 4xx failures, timeouts, dead letters, deletions."""

from __future__ import annotations

import json

import pytest

from alerts.service import AlertService
from alerts.signing import verify
from tests.alerts.conftest import analyzed, subscribe
from tests.alerts.receiver import Receiver
from tests.store.samples import analysis_for, corpus


def hook(receiver: Receiver) -> dict:
    return {"type": "webhook", "url": receiver.url}


def test_instant_alert_is_signed_and_keyed(service: AlertService, receiver: Receiver) -> None:
    sub = subscribe(service, {"query": "politik uang"}, hook(receiver))
    analyzed(service, corpus()[0], analysis_for(1))
    counters = service.worker.run_once()
    assert counters["delivered"] == 1
    (got,) = receiver.received
    assert verify(sub.secret, got.body, got.headers["x-pantau-signature"])
    assert not verify("wrong", got.body, got.headers["x-pantau-signature"])
    body = got.json
    assert got.key == body["delivery_id"]
    assert body["subscription"]["id"] == sub.id
    (match,) = body["matches"]
    assert match["article"]["title"] == corpus()[0].title
    assert match["reason"]["terms"] == ["politik", "uang"]
    assert service.outbox.stats() == {"delivered": 1}


@pytest.mark.parametrize(("status", "outcome"), [(500, "dead"), (503, "dead"), (429, "dead"),
                                                 (408, "dead"), (400, "failed"), (410, "failed"),
                                                 (301, "failed")])  # fmt: skip
def test_status_handling(
    service: AlertService, receiver: Receiver, status: int, outcome: str
) -> None:
    receiver.respond = lambda r: (status, 0.0)
    subscribe(service, {"query": "pemilu"}, hook(receiver))
    analyzed(service, corpus()[1])
    _drain(service)
    attempts = 3 if outcome == "dead" else 1
    assert len(receiver.received) == attempts
    assert len({r.key for r in receiver.received}) == 1  # retries keep the key ...
    assert len({r.json["delivery_id"] for r in receiver.received}) == 1  # ... and the body
    assert service.outbox.stats() == {outcome: 1}
    assert service.worker.counters[outcome] == 1


def _drain(service: AlertService, rounds: int = 50) -> None:
    import time

    for _ in range(rounds):
        service.worker.run_once()
        if not service.outbox.stats().get("pending"):
            return
        time.sleep(0.03)
    raise AssertionError(f"outbox not drained: {service.outbox.stats()}")


def test_5xx_then_success_is_delivered_once(service: AlertService, receiver: Receiver) -> None:
    answers = iter([502, 500, 200])
    receiver.respond = lambda r: (next(answers), 0.0)
    subscribe(service, {"query": "pemilu"}, hook(receiver))
    analyzed(service, corpus()[1])
    _drain(service)
    assert [r.key for r in receiver.received] == [receiver.received[0].key] * 3
    assert service.outbox.stats() == {"delivered": 1}
    assert service.worker.counters["retried"] == 2


def test_slow_receiver_times_out_without_delaying_others(
    service: AlertService, receiver: Receiver
) -> None:
    slow, fast = Receiver(respond=lambda r: (200, 1.5)).start(), receiver
    try:
        subscribe(service, {"query": "pemilu"}, hook(slow))
        subscribe(service, {"query": "pemilu"}, hook(fast))
        analyzed(service, corpus()[1])
        service.worker.run_once()
        assert len(fast.received) == 1
        stats = service.outbox.stats()
        assert stats == {"delivered": 1, "pending": 1}  # the timeout is retried later
    finally:
        slow.stop()


def test_unreachable_webhook_is_retried_then_dead_lettered(service: AlertService) -> None:
    import socket

    with socket.socket() as s:  # a port with nobody listening
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    subscribe(service, {"query": "pemilu"}, {"type": "webhook", "url": f"http://127.0.0.1:{port}/"})
    analyzed(service, corpus()[1])
    _drain(service)
    assert service.outbox.stats() == {"dead": 1}
    row = service.db.conn().execute("SELECT attempts, last_error FROM deliveries").fetchone()
    assert row["attempts"] == 3 and "ConnectError" in row["last_error"]


def test_deleted_subscription_cancels_pending_delivery(
    service: AlertService, receiver: Receiver
) -> None:
    sub = subscribe(service, {"query": "pemilu"}, hook(receiver))
    other = subscribe(service, {"query": "pemilu"}, hook(receiver))
    analyzed(service, corpus()[1])
    service.delete(sub.id)
    service.worker.run_once()
    assert [r.json["subscription"]["id"] for r in receiver.received] == [other.id]
    assert service.outbox.stats() == {"cancelled": 1, "delivered": 1}


def test_delivery_whose_subscription_vanished_mid_flight_is_cancelled(
    service: AlertService, receiver: Receiver
) -> None:
    sub = subscribe(service, {"query": "pemilu"}, hook(receiver))
    analyzed(service, corpus()[1])
    (delivery,) = service.outbox.claim(10, 30)
    service.db.conn().execute("DELETE FROM subscriptions WHERE id=?", (sub.id,))
    assert service.worker.deliver(delivery) == "cancelled"
    assert receiver.received == []


def test_paused_subscription_holds_deliveries(service: AlertService, receiver: Receiver) -> None:
    from alerts.models import SubscriptionUpdate

    sub = subscribe(service, {"query": "pemilu"}, hook(receiver))
    analyzed(service, corpus()[1])
    service.update(sub.id, SubscriptionUpdate(paused=True))
    service.worker.run_once()
    assert receiver.received == [] and service.outbox.stats() == {"pending": 1}
    analyzed(service, corpus()[3], analysis_for(4))  # paused: no new match
    assert service.outbox.matches(sub.id)[0]["article"]["id"] == corpus()[1].id


def test_payload_is_json_with_unicode(service: AlertService, receiver: Receiver) -> None:
    subscribe(service, {"query": "pemilu"}, hook(receiver))
    a = corpus()[1]
    a.title = "Pemilu — “kutipan” é"
    analyzed(service, a)
    service.worker.run_once()
    assert json.loads(receiver.received[0].body)["matches"][0]["article"]["title"] == a.title
