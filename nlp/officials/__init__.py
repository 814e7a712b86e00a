"""Officials in Indonesian news: (name, position, institution, region) with evidence."""

from __future__ import annotations

import logging

from nlp.officials.lexicon import get_official_lexicon
from nlp.officials.linker import Link, Linker
from nlp.regions.tokens import is_mostly_upper, tokenize

log = logging.getLogger(__name__)

__all__ = ["extract_officials"]


def _per_spans(entities: list[dict] | None) -> dict[int, int]:
    spans: dict[int, int] = {}
    for ent in entities or ():
        if ent.get("label") in {"PER", "PERSON"}:
            spans[int(ent["start"])] = int(ent["end"])
    return spans


def _record(link: Link, linker: Linker) -> dict:
    tokens, text = linker.tokens, linker.text
    assert link.name is not None
    start, end = tokens[link.start].start, tokens[link.end - 1].end
    region = link.inst.region
    return {
        "name": link.name.text(tokens, text),
        "position": link.title,
        "institution": link.inst.text(tokens, text),
        "region": region.name if region else None,
        "region_code": region.code if region else None,
        "evidence": text[start:end],
        "start": start,
        "end": end,
        "former": link.mention.former,
        "honorifics": list(link.name.honorifics),
    }


def extract_officials(text: str, entities: list[dict] | None = None) -> list[dict]:
    """Officials named in ``text``; NER PER spans, when given, fix where names start and end."""
    if not text or not text.strip():
        return []
    tokens = tokenize(text)
    linker = Linker(
        get_official_lexicon(), text, tokens, is_mostly_upper(text), _per_spans(entities)
    )
    out: list[dict] = []
    seen: set[tuple[str, str, str | None]] = set()
    for link in linker.links():
        record = _record(link, linker)
        key = (record["name"].casefold(), record["position"].casefold(), record["institution"])
        if key not in seen:
            seen.add(key)
            out.append(record)
    return out
