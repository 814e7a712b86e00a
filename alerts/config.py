"""Delivery settings the alerts package needs, read from pantau's Settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AlertsConfig:
    allow_private: bool = False
    timeout_seconds: float = 10.0
    max_attempts: int = 8
    backoff_seconds: float = 2.0
    backoff_max_seconds: float = 3600.0
    poll_seconds: float = 1.0
    workers: int = 4
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "pantau@localhost"
    smtp_starttls: bool = True
    user_agent: str = "Pantau-Alerts/0.1"

    @property
    def lease_seconds(self) -> float:
        """How long a claimed delivery is hidden from other workers (a send's upper bound)."""
        return self.timeout_seconds * 2 + 2

    @classmethod
    def from_settings(cls, settings: Any) -> AlertsConfig:
        password = getattr(settings, "smtp_password", None)
        return cls(
            allow_private=settings.webhook_allow_private,
            timeout_seconds=settings.alerts_timeout_seconds,
            max_attempts=settings.alerts_max_attempts,
            backoff_seconds=settings.alerts_backoff_seconds,
            poll_seconds=settings.alerts_poll_seconds,
            workers=settings.alerts_workers,
            smtp_host=settings.smtp_host,
            smtp_port=settings.smtp_port,
            smtp_user=settings.smtp_user,
            smtp_password=password.get_secret_value() if password is not None else None,
            smtp_from=settings.smtp_from,
            smtp_starttls=settings.smtp_starttls,
        )
