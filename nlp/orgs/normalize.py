"""Canonical organization names: one spelling per body and region.

"Bawaslu Probolinggo", "Bawaslu Kab. Probolinggo" and "Badan Pengawas Pemilu Kabupaten
Probolinggo" all become "Bawaslu Kabupaten Probolinggo"; a bare region name is a kabupaten unless
the context writes "Kota ..." (see nlp.regions).
"""

from __future__ import annotations

import logging
import re

from nlp.orgs.lexicon import OrgEntry, get_lexicon
from nlp.regions import Region, get_gazetteer
from nlp.regions.tokens import Token, is_mostly_upper, tokenize

log = logging.getLogger(__name__)

_PAREN = re.compile(r"\s*\(([^()]{1,40})\)\s*")
_SPACES = re.compile(r"\s+")


def region_label(region: Region) -> str:
    """How a region is written after an organization: "Provinsi Jawa Timur", "Kota Batu"."""
    if region.type == "provinsi":
        return f"Provinsi {region.name}"
    if region.type == "kecamatan":
        return f"Kecamatan {region.name}"
    return region.name


def _context_regions(context: str | None) -> list[Region]:
    if not context:
        return []
    # scan_text: the same scan as the region marker's, cached per text
    return [m.region for m in get_gazetteer().scan_text(context) if m.explicit]


def _region_suffix(
    tokens: list[Token], start: int, context: list[Region]
) -> tuple[int, Region] | None:
    """The region written at the end of the name (its first token index and the region)."""
    gazetteer = get_gazetteer()
    upper = all(t.is_all_caps or not t.text[0].isalpha() for t in tokens)
    for i in range(start, len(tokens)):
        match = gazetteer.match_at(tokens, i, upper=upper)
        if match and match.last == len(tokens):
            pick = next((r for r in match.candidates if r in context), None)
            if pick is None and not match.explicit:
                pick = next((r for r in match.candidates for c in context if r.related(c)), None)
            return i, pick or match.region
    return None


def normalize_organization(name: str, context: str | None = None) -> dict:
    """{"name", "canonical", "acronym"} for an organization name as written."""
    return normalize_with_regions(name, _context_regions(context))


def context_regions(text: str | None) -> list[Region]:
    """Regions written out with a type prefix in ``text``: they settle bare names."""
    return _context_regions(text)


def normalize_with_regions(name: str, regions: list[Region]) -> dict:
    """``normalize_organization`` with the context's regions computed once by the caller."""
    written = _SPACES.sub(" ", name or "").strip()
    if not written:
        return {"name": written, "canonical": "", "acronym": None}
    acronym: str | None = None
    paren = _PAREN.search(written)
    base_text = written
    if paren:
        inner = paren.group(1).strip()
        if (
            inner.replace(" ", "").isalnum() and any(c.isupper() for c in inner[1:])
        ) or inner.isupper():
            acronym = inner
        base_text = _SPACES.sub(" ", _PAREN.sub(" ", written)).strip()
    tokens = [t for t in tokenize(base_text) if t.is_word]
    lexicon = get_lexicon()
    upper = is_mostly_upper(base_text)
    hit = lexicon.entry_at(tokens, 0, upper) if tokens else None
    entry: OrgEntry | None = hit[1] if hit else None
    rest_at = hit[0] if hit else 0
    suffix = _region_suffix(tokens, rest_at if entry else 1, regions)
    if entry is not None:
        acronym = entry.acronym or acronym
        middle = tokens[rest_at : suffix[0]] if suffix else tokens[rest_at:]
        parts = [entry.canonical, *(t.text for t in middle)]
        if suffix:
            label = region_label(suffix[1]) if entry.regional else _written(tokens, suffix[0])
            parts.append(_undouble(" ".join(p for p in parts if p), label))
        canonical = " ".join(p for p in parts if p)
    elif suffix and suffix[0] > 0:
        head = base_text[: tokens[suffix[0]].start].strip()
        canonical = f"{head} {_undouble(head, region_label(suffix[1]))}"
    else:
        canonical = base_text
        if acronym is None and len(tokens) == 1 and tokens[0].is_all_caps:
            acronym = tokens[0].text
    return {"name": written, "canonical": canonical, "acronym": acronym}


# Heads that already say which kind of region follows: "Pemkab Lumajang", not "Pemkab
# Kabupaten Lumajang".
_TYPED_HEADS = {"pemkab": "kabupaten", "pemkot": "kota", "pemprov": "provinsi"}


def _undouble(head: str, label: str) -> str:
    """``label`` without its type word when ``head`` already carries the type."""
    last = head.split()[-1].lower() if head.split() else ""
    kind = _TYPED_HEADS.get(last)
    if kind and label.lower().startswith(kind + " "):
        return label[len(kind) + 1 :]
    return label


def _written(tokens: list[Token], start: int) -> str:
    return " ".join(t.text for t in tokens[start:])
