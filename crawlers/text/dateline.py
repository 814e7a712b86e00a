"""Datelines that open Indonesian news bodies.

Recognised shapes (the dash may be "-", "--", "–" or "—"):

- place + (source):     "Probolinggo (ANTARA) - ", "Mataram, NTB (ANTARA News) - ",
                        "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --"
- place, source:        "JAKARTA, KOMPAS.com - ", "Jakarta, CNN Indonesia -- "
- source, place:        "Liputan6.com, Jakarta - ", "REPUBLIKA.CO.ID, JAKARTA -- "
- source only:          "Kapanlagi.com - ", "VIVA.co.id - "
- place only:           "Jakarta - " (detik, okezone), at most three capitalised words
- source, place + colon: "Metrotvnews.com, Jakarta: " (a colon needs a source)

``split_dateline`` returns the dateline and the body without it; the rest of the body is
returned unchanged. Article parsers keep the dateline in ``ParsedArticle.body`` (most saved
expected bodies include it) and report the place in ``ParsedArticle.dateline``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

KNOWN_SOURCES = (
    "CNN Indonesia", "KompasOtomotif", "KompasTekno", "Kompas", "ANTARA", "Antara", "detikcom",
    "detikNews", "detikFinance", "detikInet", "VIVAnews", "VIVA", "Okezone", "Sindonews",
    "Metrotvnews", "Medcom", "Tribunnews", "JPNN", "Beritasatu",
)  # fmt: skip
_SOURCE_RE = re.compile(r"^(?:[A-Za-z0-9]+(?:\.[A-Za-z]{2,4})+|" + "|".join(KNOWN_SOURCES) + r")$")
_HEAD_RE = re.compile(
    r"^\s*(?P<head>[^\n()\-–—:\"“]{2,70}?)\s*(?:\((?P<paren>[^()\n]{2,40})\))?\s*"
    r"(?P<sep>-{1,2}|–|—|:)(?=\s|$)\s*"
)
_DATE_SEGMENT_RE = re.compile(
    r"^(?:\d{1,2}\s+[A-Za-z]+\s+\d{4}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|"
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)(?:\s*\(\d{1,2}/\d{1,2}\))?)$"
)
_PLACE_WORD_RE = re.compile(r"^(?:[A-Z][\w'’.-]*|di|dan)$")


@dataclass(frozen=True)
class Dateline:
    place: str | None
    source: str | None
    raw: str


def _is_place(segment: str, max_words: int = 4) -> bool:
    words = segment.split()
    return 0 < len(words) <= max_words and all(_PLACE_WORD_RE.match(w) for w in words)


def parse_dateline(body: str) -> Dateline | None:
    """The dateline opening ``body``, or None when it does not open with one."""
    match = _HEAD_RE.match(body[:200])
    if not match:
        return None
    head, paren = match.group("head").strip(), match.group("paren")
    places: list[str] = []
    sources: list[str] = [paren.strip()] if paren else []
    for segment in (s.strip() for s in head.split(",")):
        if not segment:
            continue
        if _SOURCE_RE.match(segment):
            sources.append(segment)
        elif _DATE_SEGMENT_RE.match(segment):
            continue
        elif _is_place(segment):
            places.append(segment)
        else:
            return None
    if not sources and (match["sep"] == ":" or not (len(places) == 1 and _is_place(places[0], 3))):
        return None
    place = ", ".join(places) or None
    return Dateline(place=place, source=", ".join(sources) or None, raw=match.group(0).strip())


def split_dateline(body: str) -> tuple[Dateline | None, str]:
    """(dateline, body without the dateline); the body is returned as is when none is found."""
    dateline = parse_dateline(body)
    if dateline is None:
        return None, body
    rest = body[body.index(dateline.raw) + len(dateline.raw) :].lstrip()
    return dateline, rest
