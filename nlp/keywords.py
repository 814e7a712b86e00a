"""Morphology-aware phrase matching: flagged keyword lists and the pattern engine under them.

Pattern syntax (one string, elements separated by spaces):

- ``bagi``        a root: matches any token whose affix candidates contain it
                  ("membagikan", "dibagi-bagikan", "pembagian", "bagi-bagi");
- ``a|b|c``       alternatives; ``mobil_dinas`` is a multi-word alternative;
- ``=tak``        exact lower-cased surface form (no affix peeling);
- ``^SARA``       exact, case-sensitive surface form;
- ``netral*``     surface prefix;
- ``@MONEY``      any entry of a named word set (entries follow the same syntax);
- ``~membagikan`` loose: shares a root of four letters or more with the token.

A pattern may allow up to ``gap`` unmatched tokens between consecutive elements.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nlp.morphology import Token, candidates, tokenize

log = logging.getLogger(__name__)

Part = tuple[str, str]  # (kind, word); kind in root / exact / cased / prefix / loose


def _part_matches(part: Part, tok: Token) -> bool:
    kind, word = part
    if kind == "root":
        return word in candidates(tok.text)
    if kind == "exact":
        return tok.text.lower() == word
    if kind == "cased":
        return tok.text == word
    if kind == "prefix":
        return tok.text.lower().startswith(word)
    shared = candidates(word) & candidates(tok.text)
    return tok.text.lower() == word or any(len(s) >= 4 for s in shared)


def _parse_part(word: str) -> Part:
    if word.startswith("="):
        return ("exact", word[1:].lower())
    if word.startswith("^"):
        return ("cased", word[1:])
    if word.startswith("~"):
        return ("loose", word[1:].lower())
    if word.endswith("*") and len(word) > 1:
        return ("prefix", word[:-1].lower())
    return ("root", word.lower())


@dataclass(frozen=True, slots=True)
class Element:
    """One slot of a pattern: alternatives, each a sequence of parts (multi-word)."""

    alts: tuple[tuple[Part, ...], ...]

    def ends(self, tokens: list[Token], i: int) -> list[int]:
        """End indices (exclusive) of every alternative matching at token ``i``."""
        out = []
        for alt in self.alts:
            j = i
            for part in alt:
                if j >= len(tokens) or not _part_matches(part, tokens[j]):
                    break
                j += 1
            else:
                out.append(j)
        return out


@dataclass(frozen=True, slots=True)
class TokenPattern:
    elements: tuple[Element, ...]
    gap: int = 0
    gaps: tuple[int, ...] = ()  # per transition; overrides ``gap`` where given

    def triggers(self) -> frozenset[str] | None:
        """Lower-cased words that can start a match, or None when any token might."""
        keys = set()
        for alt in self.elements[0].alts:
            kind, word = alt[0]
            if kind in ("prefix", "loose"):
                return None
            keys.add(word.lower())
        return frozenset(keys)

    def match_at(self, tokens: list[Token], i: int) -> int | None:
        """End index (exclusive) of the shortest match starting exactly at ``i``."""
        return self._match(tokens, 0, i, anchored=True)

    def _match(self, tokens: list[Token], k: int, i: int, anchored: bool) -> int | None:
        if k == len(self.elements):
            return i
        gap = self.gaps[k - 1] if 0 < k <= len(self.gaps) else self.gap
        last = i if anchored else min(len(tokens) - 1, i + gap)
        for start in range(i, last + 1):
            for end in sorted(self.elements[k].ends(tokens, start)):
                found = self._match(tokens, k + 1, end, anchored=False)
                if found is not None:
                    return found
        return None

    def finditer(self, tokens: list[Token]) -> Iterable[tuple[int, int]]:
        for i in range(len(tokens)):
            end = self.match_at(tokens, i)
            if end is not None:
                yield i, end


def compile_pattern(
    spec: str,
    sets: Mapping[str, Iterable[str]] | None = None,
    gap: int = 0,
    gaps: Iterable[int] = (),
) -> TokenPattern:
    """Compile a pattern string (see the module docstring)."""
    elements = []
    for raw in spec.split():
        alts: list[tuple[Part, ...]] = []
        for alt in raw.split("|"):
            if alt.startswith("@"):
                if sets is None or alt[1:] not in sets:
                    raise ValueError(f"unknown word set {alt!r} in pattern {spec!r}")
                names = [a.replace(" ", "_") for a in sets[alt[1:]]]
            else:
                names = [alt]
            for name in names:
                marker = name[0] if name[:1] in "=^~" else ""
                words = [w for w in name[len(marker) :].split("_") if w]
                alts.append(tuple(_parse_part(marker + w) for w in words))
        elements.append(Element(tuple(alts)))
    if not elements:
        raise ValueError("empty pattern")
    return TokenPattern(tuple(elements), gap, tuple(gaps))


class PatternIndex:
    """Many patterns matched in one pass: only patterns whose first slot can match a
    token's surface form or affix candidates are tried at that token."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[int, TokenPattern]]] = {}
        self._always: list[tuple[int, TokenPattern]] = []
        self._size = 0

    def add(self, pattern: TokenPattern) -> int:
        """Register ``pattern``; returns its id (insertion order)."""
        pid = self._size
        self._size += 1
        keys = pattern.triggers()
        if keys is None:
            self._always.append((pid, pattern))
        else:
            for key in keys:
                self._by_key.setdefault(key, []).append((pid, pattern))
        return pid

    def find(self, tokens: list[Token]) -> list[tuple[int, int, int]]:
        """All (pattern id, start, end) matches, by start then pattern id."""
        hits = []
        for i, tok in enumerate(tokens):
            tried: set[int] = set()
            keys = {tok.text.lower(), tok.text} | candidates(tok.text)
            for key in keys:
                for pid, pattern in self._by_key.get(key, ()):
                    if pid not in tried:
                        tried.add(pid)
                        end = pattern.match_at(tokens, i)
                        if end is not None:
                            hits.append((pid, i, end))
            for pid, pattern in self._always:
                end = pattern.match_at(tokens, i)
                if end is not None:
                    hits.append((pid, i, end))
        hits.sort(key=lambda h: (h[1], h[0]))
        return hits


class KeywordMatcher:
    """Flag keywords from named lists, ignoring affixes and reduplication.

    ``KeywordMatcher({"uang": ["bagi uang"]}).match("Caleg membagikan uang")`` finds
    "membagikan uang". Keywords are matched token by token, loosely (shared root).
    """

    def __init__(self, lists: Mapping[str, list[str]], max_gap: int = 0) -> None:
        self._patterns: list[tuple[str, str, TokenPattern]] = []
        for name, keywords in lists.items():
            for keyword in keywords:
                words = [t.text for t in tokenize(keyword)]
                if not words:
                    log.warning("keyword list %s: skipping empty keyword %r", name, keyword)
                    continue
                spec = " ".join("~" + w.lower() for w in words)
                self._patterns.append((name, keyword, compile_pattern(spec, gap=max_gap)))

    def match(self, text: str) -> list[dict]:
        """Every keyword occurrence as {list, keyword, text, start, end}, in text order."""
        tokens = tokenize(text)
        hits = []
        for name, keyword, pattern in self._patterns:
            for i, j in pattern.finditer(tokens):
                start, end = tokens[i].start, tokens[j - 1].end
                hits.append(
                    {
                        "list": name,
                        "keyword": keyword,
                        "text": text[start:end],
                        "start": start,
                        "end": end,
                    }
                )
        hits.sort(key=lambda h: (h["start"], h["end"], h["list"], h["keyword"]))
        return hits
