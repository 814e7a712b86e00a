"""Sentence and clause splitting that keeps character offsets."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Abbreviations that end with a period but do not end a sentence.
_ABBREV = frozenset(
    str.split(
        """
    rp no nomor dr drs prof ir h hj kh st sh mh msi mm mt se ssos spd kab kec kel jl jln tgl
    dll dsb dkk yth an a.n bpk ibu sdr pt tbk cv kol brigjen irjen kombes akbp akp aiptu bripka
    mr mrs gen mayjen letjen kapt lett no. vol hal
    """
    )
)
_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_CLAUSE_RE = re.compile(
    r"\s*(?:[,;:](?=\s|$)|[—–]|\s-\s|\((?=\s*\w)|\)"
    r"|\b(?:namun|tetapi|tapi|sedangkan|padahal|sementara itu|meski(?:pun)?|walaupun|kendati)"
    r"\b)\s*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int


def _is_abbreviation(text: str, dot: int) -> bool:
    m = re.search(r"([\w.]+)$", text[max(0, dot - 40) : dot])
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    # "1.000" or "Rp 300.000" never reach here (no space after the dot); initials do ("M. Yusuf")
    return word in _ABBREV or (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as spans with offsets; line breaks also end a sentence."""
    spans: list[Span] = []
    for block in re.finditer(r"[^\n]+", text):
        start = block.start()
        chunk_end = block.end()
        pos = start
        for m in _END_RE.finditer(text, start, chunk_end):
            if m.group(0).startswith(".") and _is_abbreviation(text, m.start()):
                continue
            after = text[m.end() : m.end() + 3].lstrip()
            if after and after[0].islower():
                continue
            _add(spans, text, pos, m.end())
            pos = m.end()
        _add(spans, text, pos, chunk_end)
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(text[start:end], start, end))


def split_clauses(sentence: Span) -> list[Span]:
    """Clauses of one sentence (split at commas, colons, dashes and contrastive conjunctions)."""
    out: list[Span] = []
    pos = 0
    for m in _CLAUSE_RE.finditer(sentence.text):
        if m.start() == 0 and m.end() == 0:
            continue
        _add_clause(out, sentence, pos, m.start())
        pos = m.end()
    _add_clause(out, sentence, pos, len(sentence.text))
    return out or [sentence]


def _add_clause(out: list[Span], sentence: Span, start: int, end: int) -> None:
    text = sentence.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(text[start:end], sentence.start + start, sentence.start + end))
