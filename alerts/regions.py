"""Region criteria: names or Kemendagri codes, resolved to codes with ``lokal``.

A province code includes its kabupaten/kota ("35" matches "35.13"), so matching compares
code prefixes on dot boundaries.
"""

from __future__ import annotations

import logging

from nlp.regions.names import codes_for_name, is_region_code

log = logging.getLogger(__name__)


def is_code(value: str) -> bool:
    return is_region_code(value)


def code_prefixes(code: str) -> list[str]:
    """'35.13.01' -> ['35', '35.13', '35.13.01']."""
    parts = code.strip().split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def resolve_name(name: str) -> tuple[str, ...]:
    """Codes for a region name (see nlp.regions.names.codes_for_name)."""
    return codes_for_name(name)


def resolve_regions(values: list[str]) -> list[str]:
    """Kemendagri codes for names and codes; ValueError naming the unknown region."""
    codes: list[str] = []
    for value in values:
        found = (value.strip(),) if is_code(value) else resolve_name(value)
        if not found:
            raise ValueError(
                f"unknown region {value!r}; use a Kemendagri code (e.g. 35.13) or a name such "
                "as 'Kabupaten Probolinggo'"
            )
        codes.extend(c for c in found if c not in codes)
    return codes
