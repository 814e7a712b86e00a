"""Indonesian (and English) news dates to timezone-aware UTC datetimes.

Handles ISO 8601, RFC 822 (RSS ``pubDate``), "Senin, 12 Februari 2024 10:00 WIB",
"12/02/2024 10:00", English month names, WIB/WITA/WIT, relative listing times
("26 menit lalu", "2 jam yang lalu", "kemarin") and "Rabu (21/6)" inside body text.
Every function returns an aware UTC datetime or None; a wall-clock time without a zone
is read in ``default_tz`` (WIB unless the caller says otherwise).
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime

log = logging.getLogger(__name__)

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")
ZONES: dict[str, tzinfo] = {"wib": WIB, "wita": WITA, "wit": WIT, "utc": UTC, "gmt": UTC, "z": UTC}

MONTHS: dict[str, int] = {
    **dict.fromkeys(["januari", "january", "jan"], 1),
    **dict.fromkeys(["februari", "pebruari", "february", "feb", "peb"], 2),
    **dict.fromkeys(["maret", "march", "mar"], 3),
    **dict.fromkeys(["april", "apr"], 4),
    **dict.fromkeys(["mei", "may"], 5),
    **dict.fromkeys(["juni", "june", "jun"], 6),
    **dict.fromkeys(["juli", "july", "jul"], 7),
    **dict.fromkeys(["agustus", "august", "agu", "agt", "ags", "aug"], 8),
    **dict.fromkeys(["september", "sept", "sep"], 9),
    **dict.fromkeys(["oktober", "october", "okt", "oct"], 10),
    **dict.fromkeys(["november", "nopember", "nov", "nop"], 11),
    **dict.fromkeys(["desember", "december", "des", "dec"], 12),
}
DAYS: dict[str, int] = {
    **dict.fromkeys(["senin", "monday", "mon", "sen"], 0),
    **dict.fromkeys(["selasa", "tuesday", "tue", "sel"], 1),
    **dict.fromkeys(["rabu", "wednesday", "wed", "rab"], 2),
    **dict.fromkeys(["kamis", "thursday", "thu", "kam"], 3),
    **dict.fromkeys(["jumat", "jum'at", "jum’at", "friday", "fri", "jum"], 4),
    **dict.fromkeys(["sabtu", "saturday", "sat", "sab"], 5),
    **dict.fromkeys(["minggu", "ahad", "sunday", "sun", "min"], 6),
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ZONE_RE = r"(?:(?P<zone>WIB|WITA|WIT|UTC|GMT|Z)\b)?\s*(?P<offset>[+-]\d{2}:?\d{2})?"
_TIME_RE = r"(?:(?:pukul|pkl\.?|jam|at)\s*)?(?P<hh>\d{1,2})[:.](?P<mi>\d{2})(?:[:.](?P<ss>\d{2}))?"
_SEP = r"[\s,|\-–—]*"
_NAMED = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})"
    rf"(?:{_SEP}{_TIME_RE})?\s*{_ZONE_RE}",
    re.IGNORECASE,
)
_NAMED_US = re.compile(
    rf"\b(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})"
    rf"(?:{_SEP}{_TIME_RE})?\s*{_ZONE_RE}",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    rf"\b(?P<d>\d{{1,2}})[/.-](?P<m>\d{{1,2}})[/.-](?P<y>\d{{4}})"
    rf"(?:{_SEP}{_TIME_RE})?\s*{_ZONE_RE}",
    re.IGNORECASE,
)
_ISO = re.compile(
    r"\b(\d{4}-\d{2}-\d{2})(?:\s*T\s*|\s+)?(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?"
)
_RELATIVE = re.compile(
    r"\b(?P<n>\d+|se|satu|an|a)\s*(?P<unit>detik|menit|jam|hari|minggu|pekan|bulan|tahun|"
    r"seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s*(?:yang\s+)?(?:lalu|ago)",
    re.IGNORECASE,
)
_UNIT_SECONDS = {
    "detik": 1, "second": 1, "menit": 60, "minute": 60, "min": 60, "jam": 3600, "hour": 3600,
    "hari": 86400, "day": 86400, "minggu": 604800, "pekan": 604800, "week": 604800,
    "bulan": 2592000, "month": 2592000, "tahun": 31536000, "year": 31536000,
}  # fmt: skip
_DAY_RE = "|".join(sorted(DAYS, key=len, reverse=True))
_IN_TEXT = re.compile(
    rf"\b(?P<day>{_DAY_RE})\s*\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})"
    r"(?:/(?P<y>\d{2,4}))?\)",
    re.IGNORECASE,
)


def _zone(match: re.Match[str], default_tz: tzinfo) -> tzinfo:
    offset = match.group("offset")
    if offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    zone = match.group("zone")
    return ZONES[zone.lower()] if zone else default_tz


def _build(y: int, m: int, d: int, match: re.Match[str], tz: tzinfo) -> datetime | None:
    hh, mi, ss = (int(match.group(k) or 0) for k in ("hh", "mi", "ss"))
    try:
        return datetime(y, m, d, hh, mi, ss, tzinfo=tz).astimezone(UTC)
    except ValueError:
        return None


def to_utc(value: datetime, default_tz: tzinfo = WIB) -> datetime:
    """Attach ``default_tz`` to a naive datetime and convert to UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    return value.astimezone(UTC)


def parse_iso(text: str, default_tz: tzinfo = WIB) -> datetime | None:
    match = _ISO.search(text)
    if not match:
        return None
    day, clock, zone = match.groups()
    stamp = f"{day}T{clock or '00:00'}{zone or ''}"
    try:
        return to_utc(datetime.fromisoformat(stamp), default_tz)
    except ValueError:
        return None


def parse_rfc822(text: str) -> datetime | None:
    try:
        return to_utc(parsedate_to_datetime(text.strip()), UTC)
    except (TypeError, ValueError, IndexError):
        return None


def parse_relative(text: str, now: datetime | None, default_tz: tzinfo = WIB) -> datetime | None:
    """ "26 menit lalu", "2 jam yang lalu", "kemarin 10:00", "baru saja" relative to ``now``."""
    now = to_utc(now or datetime.now(UTC), default_tz)
    lowered = text.lower()
    match = _RELATIVE.search(lowered)
    if match:
        raw = match.group("n")
        count = int(raw) if raw.isdigit() else 1
        unit = match.group("unit").rstrip("s") if match.group("unit") != "jam" else "jam"
        return now - timedelta(seconds=count * _UNIT_SECONDS[unit])
    if re.search(r"\b(baru saja|just now)\b", lowered):
        return now
    for word, days_back in (("kemarin lusa", 2), ("kemarin", 1), ("yesterday", 1), ("hari ini", 0)):
        if word in lowered:
            local = now.astimezone(default_tz) - timedelta(days=days_back)
            clock = re.search(r"(\d{1,2})[:.](\d{2})", lowered)
            if clock:
                local = local.replace(hour=int(clock[1]), minute=int(clock[2]), second=0)
                local = local.replace(microsecond=0)
            return local.astimezone(UTC)
    return None


def parse_date(
    text: str | None, *, now: datetime | None = None, default_tz: tzinfo = WIB
) -> datetime | None:
    """Parse any date form news pages use; None when nothing date-like is found."""
    if not text or not text.strip():
        return None
    text = " ".join(text.split())[:300]
    for pattern in (_NAMED, _NAMED_US):
        match = pattern.search(text)
        if match:
            month = MONTHS[match.group("mon").lower()]
            tz = _zone(match, default_tz)
            return _build(int(match.group("y")), month, int(match.group("d")), match, tz)
    found = parse_iso(text, default_tz)
    if found:
        return found
    match = _NUMERIC.search(text)
    if match:
        tz = _zone(match, default_tz)
        return _build(int(match["y"]), int(match["m"]), int(match["d"]), match, tz)
    return parse_rfc822(text) or parse_relative(text, now, default_tz)


def find_text_dates(text: str, reference: datetime, default_tz: tzinfo = WIB) -> list[datetime]:
    """Dates written "Rabu (21/6)" inside body text; the year comes from ``reference``.

    The year is the one (reference year, one before, one after) whose date matches the named
    weekday, else the one closest to the reference date. Each date is local midnight in
    ``default_tz`` converted to UTC.
    """
    ref = to_utc(reference, default_tz).astimezone(default_tz)
    found = []
    for match in _IN_TEXT.finditer(text):
        day, month = int(match["d"]), int(match["m"])
        if match["y"]:
            year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
            years = [year]
        else:
            years = [ref.year, ref.year - 1, ref.year + 1]
        candidates = []
        for year in years:
            try:
                candidates.append(datetime(year, month, day, tzinfo=default_tz))
            except ValueError:
                continue
        if not candidates:
            continue
        weekday = DAYS[match["day"].lower()]
        same_day = [c for c in candidates if c.weekday() == weekday]
        pool = same_day or candidates
        best = min(pool, key=lambda c: abs(c - ref))
        found.append(best.astimezone(UTC))
    return found
