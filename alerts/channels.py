"""Sending one delivery: webhook (signed JSON, idempotency key) or e-mail (SMTP).

A send returns a ``SendResult``; the worker decides about retries from ``retry``:
2xx delivered; 408, 429, 5xx, timeouts and connection errors retry; other 4xx, redirects
and refused targets fail at once.
"""

from __future__ import annotations

import json
import logging
import smtplib
import time
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from alerts.config import AlertsConfig
from alerts.netguard import BlockedTarget, check_url
from alerts.payload import email_html, email_subject, email_text
from alerts.signing import HEADER, sign

log = logging.getLogger(__name__)

RETRY_STATUS = {408, 429}


@dataclass
class SendResult:
    ok: bool
    retry: bool = False
    status_code: int | None = None
    error: str | None = None
    elapsed_ms: float = 0.0


def _body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def send_webhook(
    client: httpx.Client, url: str, secret: str, payload: dict[str, Any], key: str,
    config: AlertsConfig,
) -> SendResult:  # fmt: skip
    started = time.perf_counter()
    try:
        pinned = check_url(url, config.allow_private)
    except BlockedTarget as exc:
        return SendResult(False, retry="cannot resolve" in str(exc), error=str(exc))
    body = _body(payload)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": config.user_agent,
        "Idempotency-Key": key,
        HEADER: sign(secret, body),
    }
    target, extensions = url, {}
    if pinned is not None:  # connect to the checked address, keep the name for Host and TLS
        parts = urlsplit(url)
        host = f"[{pinned}]" if pinned.version == 6 else str(pinned)
        netloc = host + (f":{parts.port}" if parts.port else "")
        target = urlunsplit(parts._replace(netloc=netloc))
        headers["Host"] = parts.netloc
        extensions = {"sni_hostname": parts.hostname}
    try:
        response = client.post(target, content=body, headers=headers, extensions=extensions)
    except httpx.TimeoutException:
        return _done(started, SendResult(False, retry=True, error="timed out"))
    except httpx.HTTPError as exc:
        return _done(started, SendResult(False, retry=True, error=f"{type(exc).__name__}: {exc}"))
    code = response.status_code
    if 200 <= code < 300:
        return _done(started, SendResult(True, status_code=code))
    retry = code >= 500 or code in RETRY_STATUS
    return _done(started, SendResult(False, retry=retry, status_code=code, error=f"HTTP {code}"))


def _done(started: float, result: SendResult) -> SendResult:
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def send_email(
    to: list[str], payload: dict[str, Any], key: str, config: AlertsConfig
) -> SendResult:
    started = time.perf_counter()
    if not config.smtp_host:
        return SendResult(False, error="PANTAU_SMTP_HOST is not set; e-mail cannot be sent")
    msg = EmailMessage()
    msg["Subject"] = email_subject(payload)
    msg["From"] = config.smtp_from
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = f"<{key}@pantau.alerts>"  # stable per delivery: receivers can dedupe
    msg["X-Pantau-Delivery"] = key
    msg.set_content(email_text(payload))
    msg.add_alternative(email_html(payload), subtype="html")
    try:
        with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=config.timeout_seconds) as s:
            if config.smtp_starttls:
                s.starttls()
            if config.smtp_user:
                s.login(config.smtp_user, config.smtp_password or "")
            refused = s.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        transient = all(400 <= c < 500 for c in codes)
        error = f"recipients refused: {sorted(exc.recipients)}"
        first = codes[0] if codes else None
        return _done(started, SendResult(False, transient, first, error))
    except smtplib.SMTPResponseException as exc:
        code = exc.smtp_code
        error = f"SMTP {code}: {exc.smtp_error!r}"
        return _done(started, SendResult(False, 400 <= code < 500, code, error))
    except (smtplib.SMTPException, OSError) as exc:
        return _done(started, SendResult(False, retry=True, error=f"{type(exc).__name__}: {exc}"))
    if refused:
        log.warning("delivery %s: some recipients refused: %s", key, sorted(refused))
    return _done(started, SendResult(True, status_code=250))
