"""Matches and the outbox: one alert per story cluster, no re-alert unless the reason
changed, digests in the subscriber's time zone, and catch-up after a crash."""

from __future__ import annotations

from datetime import UTC, datetime

from alerts.digest import last_boundary
from alerts.service import AlertService
from store.records import Analysis
from tests.alerts.conftest import analyzed, subscribe
from tests.alerts.receiver import Receiver
from tests.store.samples import analysis_for, article, corpus


def hook(receiver: Receiver) -> dict:
    return {"type": "webhook", "url": receiver.url}


def test_reanalysis_alerts_again_only_when_the_reason_changed(
    service: AlertService, receiver: Receiver
) -> None:
    sub = subscribe(service, {"query": "uang OR amplop"}, hook(receiver))
    a = article(1, title="Politik uang", body="Ada laporan politik uang.")
    assert analyzed(service, a).alerted == 1
    again = analyzed(service, a)  # same text, same reason
    assert again.alerted == 0 and again.unchanged == 1
    changed = article(1, title="Politik uang", body="Ada laporan politik uang dan amplop.")
    assert analyzed(service, changed).alerted == 1  # "amplop" now matches too
    same_words = article(1, title="Politik uang", body="Laporan amplop dan uang.")
    assert analyzed(service, same_words).alerted == 0
    assert len(service.outbox.matches(sub.id)) == 1
    service.worker.run_once()
    assert len(receiver.received) == 2


def test_one_alert_per_story_cluster(service: AlertService, receiver: Receiver) -> None:
    sub = subscribe(service, {"query": "pemilu"}, hook(receiver))
    first = article(1, body="Pemilu di Jambi.", cluster_id="story-1")
    second = article(2, body="Pemilu di Jambi, laporan lain.", cluster_id="story-1")
    analyzed(service, first)
    counts = analyzed(service, second)
    assert counts.same_story == 1 and counts.alerted == 0
    items = service.outbox.matches(sub.id)
    assert [m["alerted"] for m in items] == [False, True]  # both listed, one alerted
    service.worker.run_once()
    assert len(receiver.received) == 1


def test_without_clusters_each_article_alerts(service: AlertService, receiver: Receiver) -> None:
    subscribe(service, {"query": "pemilu"}, hook(receiver))
    analyzed(service, article(1, body="Pemilu di Jambi."))
    analyzed(service, article(2, body="Pemilu di Jambi, laporan lain."))
    service.worker.run_once()
    assert len(receiver.received) == 2


def test_boundaries_follow_the_subscriber_zone() -> None:
    now = datetime(2024, 2, 14, 1, 30, tzinfo=UTC)  # 08:30 WIB, 10:30 WIT, 09:30 Kolkata-ish
    assert last_boundary("daily", "Asia/Jakarta", 7, now) == datetime(2024, 2, 14, 0, 0, tzinfo=UTC)
    assert last_boundary("daily", "Asia/Jayapura", 11, now) == datetime(
        2024, 2, 13, 2, 0, tzinfo=UTC
    )
    assert last_boundary("hourly", "Asia/Kolkata", 0, now) == datetime(
        2024, 2, 14, 1, 30, tzinfo=UTC
    )
    assert last_boundary("hourly", "Asia/Jakarta", 0, now) == datetime(
        2024, 2, 14, 1, 0, tzinfo=UTC
    )


def test_daily_digest_collects_matches_once(service: AlertService, receiver: Receiver) -> None:
    sub = subscribe(service, {"query": "pemilu"}, hook(receiver), frequency="daily",
                    timezone="Asia/Makassar", digest_hour=6)  # fmt: skip
    analyzed(service, corpus()[1])
    analyzed(service, corpus()[3], analysis_for(4))
    service.worker.run_once()
    assert receiver.received == []  # the period that holds these matches has not ended
    service.db.conn().execute("UPDATE matches SET matched_at='2020-01-01T00:00:00+00:00'")
    service.db.conn().execute(
        "UPDATE subscriptions SET last_digest_at='2020-01-01T00:00:00+00:00' WHERE id=?", (sub.id,)
    )
    service.worker.run_once()
    (digest,) = receiver.received
    assert digest.json["type"] == "pantau.alert.digest"
    assert len(digest.json["matches"]) == 2
    service.worker.run_once()
    assert len(receiver.received) == 1


def test_catch_up_matches_what_a_crash_left_unmatched(
    service: AlertService, receiver: Receiver
) -> None:
    subscribe(service, {"query": "pemilu"}, hook(receiver))
    a = corpus()[1]
    service.store.put_article(a)
    service.store.put_analysis(a.id, Analysis())  # and the process dies before the hook
    assert service.catch_up() == 1
    assert service.catch_up() == 0
    service.worker.run_once()
    assert len(receiver.received) == 1


def test_feed_subscriptions_queue_no_deliveries(service: AlertService) -> None:
    sub = subscribe(service, {"query": "pemilu"}, {"type": "feed"})
    assert analyzed(service, corpus()[1]).alerted == 1
    assert service.outbox.stats() == {}
    assert len(service.outbox.matches(sub.id, alerted_only=True)) == 1


def test_analyze_pending_hook_queues_alerts(service: AlertService, receiver: Receiver) -> None:
    from pantau.analyze import analyze_pending

    class Stub:  # the NLP pipeline is not under test here
        def analysis(self, text: str, title: str | None = None) -> Analysis:
            return analysis_for(1)

    subscribe(service, {"categories": ["politik_uang"]}, hook(receiver))
    service.store.put_articles(corpus()[:3])
    counts = analyze_pending(service.store, Stub(), after=service.hook)  # type: ignore[arg-type]
    assert counts.analyzed == 3
    assert service.worker.run_once()["delivered"] == 3
