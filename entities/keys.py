"""Alias keys: how an extracted name becomes the key it links by, and default entity ids.

- persons (and officials): the normalised name without honorifics or academic titles;
- organizations: the normalised canonical name from organization normalisation;
- locations: the Kemendagri code, or ``name:<normalised name>`` for a region without one.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime, timedelta, timezone

from store.derived import norm

WIB = timezone(timedelta(hours=7), "WIB")
KINDS = ("person", "organization", "location")

_HONORIFICS = frozenset(
    ("h", "hj", "dr", "drs", "dra", "ir", "prof", "kh", "k.h", "kyai", "habib", "bapak", "ibu",
     "pak", "bu", "saudara", "saudari", "sdr", "sdri", "tuan", "nyonya", "ny")
)  # fmt: skip
_TITLE = re.compile(r"^[A-Z][A-Za-z]{0,3}\.(?:[A-Za-z]{1,4}\.?)+$")  # S.H., M.Si, S.Pd.I
_LIKE = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


def strip_honorifics(name: str) -> str:
    """'H. Fathul Qorib, S.H., M.H.' -> 'Fathul Qorib'."""
    base = name.split(",")[0]
    tokens = base.split()
    while len(tokens) > 1 and tokens[0].lower().rstrip(".") in _HONORIFICS:
        tokens.pop(0)
    while len(tokens) > 1 and _TITLE.match(tokens[-1]):
        tokens.pop()
    return " ".join(tokens).strip()


def person_key(name: str) -> str:
    return norm(strip_honorifics(name))


def organization_key(canonical: str) -> str:
    return norm(canonical)


def location_key(code: str | None, name: str | None) -> str:
    if code and code.strip():
        return code.strip()
    return "name:" + norm(name or "")


def alias_key(kind: str, alias: str) -> str:
    """The key an analyst's alias text stands for (used by splits)."""
    if kind == "person":
        return person_key(alias)
    if kind == "location":
        value = alias.strip()
        return value if re.fullmatch(r"\d{2}(?:\.\d{2,4})*", value) else location_key(None, value)
    return organization_key(alias)


def default_id(kind: str, key: str) -> str:
    """The entity an alias key links to when no override says otherwise (stable)."""
    return "ent_" + hashlib.sha1(f"{kind}:{key}".encode()).hexdigest()[:12]


def wib_day(value: datetime) -> str:
    return value.astimezone(WIB).date().isoformat()


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def like_pattern(text: str) -> str:
    """A LIKE pattern (ESCAPE '\\') matching ``text`` anywhere, case-insensitively."""
    return "%" + norm(text).translate(_LIKE) + "%"
