"""Region filters: a name or a Kemendagri code, resolved to codes with ``lokal``.

A province code includes its kabupaten/kota ("35" matches "35.13"): the SQL compares the
code itself and every code under it on a dot boundary.
"""

from __future__ import annotations

import logging

from nlp.regions.names import codes_for_name, is_region_code

log = logging.getLogger(__name__)


class UnknownRegion(ValueError):
    """The region filter names no known region."""


def is_code(value: str) -> bool:
    return is_region_code(value)


def region_codes(value: str) -> list[str]:
    """Codes a filter value stands for; UnknownRegion with what to pass instead."""
    value = value.strip()
    codes = [value] if is_code(value) else list(codes_for_name(value))
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
