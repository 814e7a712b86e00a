"""Digest periods in the subscriber's time zone: hourly on the hour, daily at a local hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo


def last_boundary(frequency: str, tz: str, digest_hour: int, now: datetime) -> datetime:
    """The most recent digest time at or before ``now`` (UTC), in the subscriber's zone."""
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    if frequency == "hourly":
        boundary = local.replace(minute=0, second=0, microsecond=0)
    elif frequency == "daily":
        boundary = local.replace(hour=digest_hour, minute=0, second=0, microsecond=0)
        if boundary > local:
            boundary = (boundary - timedelta(days=1)).replace(hour=digest_hour)
    else:
        raise ValueError(f"{frequency!r} has no digest period")
    # Round-trip through UTC so that a wall-clock time skipped by DST still orders correctly.
    return boundary.astimezone(UTC)
