"""Fixtures: a temp SQLite store, an AlertService on it, a webhook receiver and an SMTP
server, all real and all on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alerts.models import SubscriptionCreate
from alerts.repo import Subscription
from alerts.service import AlertService
from pantau.settings import Settings
from store.records import Analysis, Article
from store.sqlite import SQLiteStore
from tests.alerts.receiver import Receiver


def settings_for(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path,
        "webhook_allow_private": True,
        "alerts_timeout_seconds": 1.0,
        "alerts_backoff_seconds": 0.01,
        "alerts_max_attempts": 3,
        "alerts_poll_seconds": 0.05,
        "smtp_starttls": False,
        "load_examples": False,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "pantau.db")
    yield s
    s.close()


@pytest.fixture
def service(tmp_path: Path, store: SQLiteStore) -> Iterator[AlertService]:
    svc = AlertService.open(settings_for(tmp_path), store)
    yield svc
    svc.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().start()
    yield r
    r.stop()


def subscribe(svc: AlertService, criteria: dict[str, Any], channel: dict[str, Any],
              **extra: Any) -> Subscription:  # fmt: skip
    data = SubscriptionCreate.model_validate(
        {"name": "test", "criteria": criteria, "channel": channel, **extra}
    )
    return svc.create(data)


def analyzed(svc: AlertService, article: Article, analysis: Analysis | None = None) -> Any:
    """Store, analyse and match one article, as ``analyze_pending`` with the hook does."""
    svc.store.put_article(article)
    svc.store.put_analysis(article.id, analysis or Analysis())
    return svc.on_analyzed(article.id)
