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
from dataclasses import dataclass, field

from nlp.morphology import Token, candidates, tokenize

log = logging.getLogger(__name__)

Part = tuple[str, str]  # (kind, word); kind in root / exact / cased / prefix / loose
# A token as the matcher sees it: surface form, lower-cased form and affix candidates, computed
# once per token instead of once per pattern part tried on it.
Word = tuple[str, str, frozenset[str]]


def prepare_words(tokens: list[Token]) -> list[Word]:
    """The tokens as the pattern engine reads them (see ``Word``)."""
    out = []
    for tok in tokens:
        lower = tok.text.lower()
        out.append((tok.text, lower, candidates(lower)))
    return out


def _loose_matches(word: str, forms: frozenset[str], tok: Word) -> bool:
    """``~word``: the token is the word itself or shares a root of four letters or more."""
    return tok[1] == word or any(len(s) >= 4 for s in forms & tok[2])


def _part_matches(part: Part, tok: Word) -> bool:
    kind, word = part
    if kind == "root":
        return word in tok[2]
    if kind == "exact":
        return tok[1] == word
    if kind == "cased":
        return tok[0] == word
    if kind == "prefix":
        return tok[1].startswith(word)
    return _loose_matches(word, candidates(word), tok)


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
    # One-word alternatives, grouped by kind so that a token is tested with a few set
    # look-ups; longer (or empty) alternatives are tried part by part.
    _roots: frozenset[str] = field(init=False, repr=False, compare=False)
    _exact: frozenset[str] = field(init=False, repr=False, compare=False)
    _cased: frozenset[str] = field(init=False, repr=False, compare=False)
    _prefixes: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _loose: tuple[tuple[str, frozenset[str]], ...] = field(init=False, repr=False, compare=False)
    _phrases: tuple[tuple[Part, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        single: dict[str, list[str]] = {
            k: [] for k in ("root", "exact", "cased", "prefix", "loose")
        }
        phrases = []
        for alt in self.alts:
            if len(alt) == 1:
                kind, word = alt[0]
                single[kind].append(word)
            else:
                phrases.append(alt)
        loose = tuple(dict.fromkeys(single["loose"]))
        derived = {
            "_roots": frozenset(single["root"]),
            "_exact": frozenset(single["exact"]),
            "_cased": frozenset(single["cased"]),
            "_prefixes": tuple(dict.fromkeys(single["prefix"])),
            "_loose": tuple((w, candidates(w)) for w in loose),
            "_phrases": tuple(phrases),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def _single(self, tok: Word) -> bool:
        text, lower, forms = tok
        return (
            not self._roots.isdisjoint(forms)
            or lower in self._exact
            or text in self._cased
            or any(lower.startswith(p) for p in self._prefixes)
            or any(_loose_matches(w, f, tok) for w, f in self._loose)
        )

    def ends(self, words: list[Word], i: int) -> list[int]:
        """End indices (exclusive) of the alternatives matching at token ``i``, each once."""
        out = [i + 1] if i < len(words) and self._single(words[i]) else []
        for alt in self._phrases:
            j = i
            for part in alt:
                if j >= len(words) or not _part_matches(part, words[j]):
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
    # the gap allowed before each element (the first one's is unused: matches are anchored)
    _gap_before: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        gap_before = tuple(
            self.gaps[k - 1] if 0 < k <= len(self.gaps) else self.gap
            for k in range(len(self.elements))
        )
        object.__setattr__(self, "_gap_before", gap_before)

    def triggers(self) -> tuple[frozenset[str], frozenset[str]] | None:
        """(words, prefixes): a match can only start at a token whose surface form or affix
        candidates include one of the words, or whose lower-cased form starts with one of the
        prefixes. None when any token might (loose first words)."""
        keys, prefixes = set(), set()
        for alt in self.elements[0].alts:
            kind, word = alt[0]
            if kind == "loose":
                return None
            if kind == "prefix":
                prefixes.add(word)
            else:
                keys.add(word.lower())
        return frozenset(keys), frozenset(prefixes)

    def match_at(self, tokens: list[Token], i: int) -> int | None:
        """End index (exclusive) of the shortest match starting exactly at ``i``."""
        return self.match_words_at(prepare_words(tokens), i)

    def match_words_at(self, words: list[Word], i: int) -> int | None:
        """``match_at`` over tokens already prepared with ``prepare_words``."""
        return self._match(words, 0, i, anchored=True)

    def _match(self, words: list[Word], k: int, i: int, anchored: bool) -> int | None:
        if k == len(self.elements):
            return i
        last = i if anchored else min(len(words) - 1, i + self._gap_before[k])
        element = self.elements[k]
        for start in range(i, last + 1):
            for end in sorted(element.ends(words, start)):
                found = self._match(words, k + 1, end, anchored=False)
                if found is not None:
                    return found
        return None

    def finditer(self, tokens: list[Token]) -> Iterable[tuple[int, int]]:
        return self.finditer_words(prepare_words(tokens))

    def finditer_words(self, words: list[Word]) -> Iterable[tuple[int, int]]:
        """``finditer`` over tokens already prepared with ``prepare_words``."""
        for i in range(len(words)):
            end = self.match_words_at(words, i)
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
    token's surface form, affix candidates or prefix are tried at that token."""

    _CACHE_SIZE = 65536  # surface forms whose triggered patterns are remembered

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[int, TokenPattern]]] = {}
        self._by_prefix: dict[str, list[tuple[int, TokenPattern]]] = {}
        self._always: list[tuple[int, TokenPattern]] = []
        self._size = 0
        self._triggered: dict[str, tuple[tuple[int, TokenPattern], ...]] = {}

    def add(self, pattern: TokenPattern) -> int:
        """Register ``pattern``; returns its id (insertion order)."""
        pid = self._size
        self._size += 1
        triggers = pattern.triggers()
        if triggers is None:
            self._always.append((pid, pattern))
        else:
            keys, prefixes = triggers
            for key in keys:
                self._by_key.setdefault(key, []).append((pid, pattern))
            for prefix in prefixes:
                self._by_prefix.setdefault(prefix, []).append((pid, pattern))
        self._triggered.clear()
        return pid

    def _patterns_for(self, word: Word) -> tuple[tuple[int, TokenPattern], ...]:
        """(id, pattern) of every pattern that may start at ``word``, each once."""
        text, lower, forms = word
        found = self._triggered.get(text)
        if found is None:
            groups = [self._by_key.get(key, ()) for key in {lower, text} | forms]
            groups += [g for prefix, g in self._by_prefix.items() if lower.startswith(prefix)]
            groups.append(self._always)
            found = tuple({pid: p for group in groups for pid, p in group}.items())
            if len(self._triggered) >= self._CACHE_SIZE:
                self._triggered.clear()
            self._triggered[text] = found  # lower and forms follow from text
        return found

    def find(self, tokens: list[Token]) -> list[tuple[int, int, int]]:
        """All (pattern id, start, end) matches, by start then pattern id."""
        words = prepare_words(tokens)
        hits = []
        for i, word in enumerate(words):
            for pid, pattern in self._patterns_for(word):
                end = pattern.match_words_at(words, i)
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
        if not self._patterns:
            return []  # no lists configured: nothing to tokenize for
        tokens = tokenize(text)
        words = prepare_words(tokens)
        hits = []
        for name, keyword, pattern in self._patterns:
            for i, j in pattern.finditer_words(words):
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
