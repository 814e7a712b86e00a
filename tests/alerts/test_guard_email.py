"""The webhook target guard (no traffic to private ranges) and e-mail over a real SMTP
server (aiosmtpd on 127.0.0.1): plain text + HTML, refusals, unreachable servers."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from alerts.netguard import BlockedTarget, check_url
from alerts.service import AlertService
from store.sqlite import SQLiteStore
from tests.alerts.conftest import analyzed, settings_for, subscribe
from tests.alerts.receiver import Receiver
from tests.store.samples import analysis_for, corpus


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:9/x", "http://10.0.0.7/x", "https://169.254.169.254/latest/meta-data",
     "http://[::1]:8080/", "http://localhost/", "http://0.0.0.0/", "http://224.0.0.1/",
     "http://[::ffff:10.0.0.1]/", "http://100.64.0.1/"],
)  # fmt: skip
def test_guard_refuses_non_public_targets(url: str) -> None:
    with pytest.raises(BlockedTarget, match="non-public address"):
        check_url(url, allow_private=False)


def test_guard_pins_the_checked_public_address() -> None:
    assert str(check_url("https://93.184.216.34/hook", allow_private=False)) == "93.184.216.34"
    assert check_url("http://127.0.0.1/x", allow_private=True) is None


def test_blocked_delivery_fails_without_sending(tmp_path: Path, store: SQLiteStore,
                                                receiver: Receiver) -> None:  # fmt: skip
    svc = AlertService.open(settings_for(tmp_path, webhook_allow_private=False), store)
    try:
        subscribe(svc, {"query": "pemilu"}, {"type": "webhook", "url": receiver.url})
        analyzed(svc, corpus()[1])
        assert svc.worker.run_once()["failed"] == 1
        assert receiver.received == []
        error = svc.db.conn().execute("SELECT last_error FROM deliveries").fetchone()[0]
        assert "non-public address (127.0.0.1)" in error
    finally:
        svc.close()


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list) -> str:  # fmt: skip
        if address.startswith("refuse"):
            return "550 5.1.1 mailbox unavailable"
        if address.startswith("busy"):
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = email.message_from_bytes(envelope.content)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), msg))
        return "250 Message accepted"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def mail_service(tmp_path: Path, store: SQLiteStore, port: int, **overrides: Any) -> AlertService:
    settings = settings_for(tmp_path, smtp_host="127.0.0.1", smtp_port=port,
                            smtp_from="alerts@pantau.test", **overrides)  # fmt: skip
    return AlertService.open(settings, store)


def test_email_alert_has_text_and_html(tmp_path: Path, store: SQLiteStore,
                                       smtp: tuple[Inbox, int]) -> None:  # fmt: skip
    inbox, port = smtp
    svc = mail_service(tmp_path, store, port)
    try:
        subscribe(svc, {"query": "amplop"}, {"type": "email", "to": ["analis@pantau.test"]})
        analyzed(svc, corpus()[0], analysis_for(1))
        assert svc.worker.run_once()["delivered"] == 1
    finally:
        svc.close()
    ((sender, rcpts, msg),) = inbox.messages
    assert (sender, rcpts) == ("alerts@pantau.test", ["analis@pantau.test"])
    assert msg["Subject"].startswith("[Pantau] test: Bawaslu temukan politik uang")
    assert msg["Message-ID"].endswith("@pantau.alerts>")
    parts = {p.get_content_type(): p.get_payload(decode=True).decode() for p in msg.walk()
             if not p.is_multipart()}  # fmt: skip
    assert "Why: words: amplop" in parts["text/plain"]
    assert "<mark>amplop</mark>" in parts["text/html"]


@pytest.mark.parametrize(("to", "outcome", "attempts"),
                         [("refuse@pantau.test", "failed", 1), ("busy@pantau.test", "dead", 3)])  # fmt: skip
def test_smtp_refusals(tmp_path: Path, store: SQLiteStore, smtp: tuple[Inbox, int], to: str,
                       outcome: str, attempts: int) -> None:  # fmt: skip
    inbox, port = smtp
    svc = mail_service(tmp_path, store, port)
    try:
        subscribe(svc, {"query": "pemilu"}, {"type": "email", "to": [to]})
        analyzed(svc, corpus()[1])
        for _ in range(40):
            svc.worker.run_once()
            if not svc.outbox.stats().get("pending"):
                break
            import time

            time.sleep(0.03)
        row = svc.db.conn().execute("SELECT status, attempts FROM deliveries").fetchone()
        assert (row["status"], row["attempts"]) == (outcome, attempts)
        assert inbox.messages == []
    finally:
        svc.close()


def test_smtp_down_is_retried(tmp_path: Path, store: SQLiteStore) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # A long backoff: the retry must not come due again inside this run_once, however slow
    # the machine is.
    svc = mail_service(tmp_path, store, port, alerts_backoff_seconds=60.0)
    try:
        subscribe(svc, {"query": "pemilu"}, {"type": "email", "to": ["a@pantau.test"]})
        analyzed(svc, corpus()[1])
        assert svc.worker.run_once()["retried"] == 1
    finally:
        svc.close()
