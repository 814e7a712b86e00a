"""Which regions an article is about: the dateline first, then the title, then the body."""

from __future__ import annotations

import logging
import re
from collections import Counter

from nlp.regions.gazetteer import Region, RegionGazetteer
from nlp.regions.tokens import is_mostly_upper, tokenize

log = logging.getLogger(__name__)

# "Probolinggo (ANTARA) - ", "JAKARTA, KOMPAS.com - ", "Jakarta, CNN Indonesia -- ",
# "TEMPO.CO, Jakarta - ", "Surabaya - ": an optional outlet, the place, an optional outlet, a dash.
_DATELINE = re.compile(
    r"^\s*(?:[\w.]+\.(?:com|co|id|net)\s*,\s*)?"
    r"(?P<place>[^\W\d_][^\W\d_'’ .-]*(?:[ '’.-][^\W\d_][^\W\d_'’.-]*){0,3})"
    r"\s*(?:,\s*[^,()\n–—-]{1,40}?)?\s*(?:\([^()\n]{1,40}\))?\s*[-–—]{1,2}\s"
)


def dateline_region(
    gazetteer: RegionGazetteer, text: str, context: list[Region] | None = None
) -> Region | None:
    """The region named by the dateline; a bare ambiguous name follows ``context``."""
    m = _DATELINE.match(text[:120])
    if not m:
        return None
    tokens = tokenize(m.group("place"))
    hit = gazetteer.match_at(tokens, 0, upper=True)
    if hit is None or hit.last != len(tokens):
        return None
    for region in hit.candidates:
        if any(region == other for other in context or ()):
            return region
    return hit.region


def article_regions(gazetteer: RegionGazetteer, text: str, title: str | None = None) -> list[dict]:
    """Regions of an article as {"name","code","type"} dicts, most telling first."""
    ordered: list[Region] = []
    text = text or ""
    body = gazetteer.scan_text(text)
    explicit = [m.region for m in body if m.explicit]
    first = dateline_region(gazetteer, text, explicit)
    if first:
        ordered.append(first)
    if title:
        ordered.extend(m.region for m in gazetteer.scan(tokenize(title), is_mostly_upper(title)))
    counts = Counter(m.region for m in body)
    seen_at: dict[Region, int] = {}
    for m in body:
        seen_at.setdefault(m.region, m.start)
    ordered.extend(sorted(counts, key=lambda r: (-counts[r], seen_at[r])))
    out: list[dict] = []
    codes: set[str] = set()
    for region in ordered:
        if region.code not in codes:
            codes.add(region.code)
            out.append({"name": region.name, "code": region.code, "type": region.type})
    return out
