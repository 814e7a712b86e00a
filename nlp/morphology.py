"""Rule-based Indonesian morphology: tokens with offsets, affix stripping, reduplication.

No dictionary is needed. ``candidates(word)`` returns every form reachable by peeling
affixes (meN-, di-, ter-, ber-, ke-, se-, pe(N)-, per-, -kan, -an, -i, -nya, particles) and
is what matchers use: a pattern written as a root ("bagi") matches a token whose candidate
set contains it ("membagikan", "dibagi-bagikan", "pembagian", "bagi-bagi").
``stem(word)`` picks one deterministic root for display and for keyword equality.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

log = logging.getLogger(__name__)

_WORD_RE = re.compile(r"\w+(?:[-‐]\w+)*", re.UNICODE)
_HYPHEN_RE = re.compile(r"[-‐]")
_MIN_ROOT = 3
_PARTICLES = ("lah", "kah", "tah", "pun")
_POSSESSIVES = ("nya", "ku", "mu")
_SUFFIXES = ("kan", "an", "i")

# Words that look affixed but are roots (or acronyms) themselves: never peel them further.
PROTECTED = frozenset(
    str.split(
        """
    pemilu pemilih keras kerja kepala kesan kecil kepada kemarin kena kenal tentang terang teror
    berita beras bersih benar besar berat perang peran pesan peta pena merah mereka meja menteri
    dinas diam dilema desa sekolah semua selalu seperti sesuai kampanye kandidat kasus pejabat
    perangkat periksa pemda pemkab pemkot pemprov pemerintah penjara pidana pilkada pilpres pileg
    sembako sanksi senjata teman tengah terima tepis bupati keluarga mesin pemuda segera
    parpol partai perintah permisi perdana bersama berapa ketua kelas kebal kejaksaan
    """
    )
)

_ANY = "*"
_V = "aeiou"
# Prefix rules: (prefix, letters allowed right after it, letters the prefix swallowed).
# "mem" + vowel -> p-root (memilih -> pilih); "men" + vowel -> t-root (menemukan -> temu).
_PREFIX_RULES: tuple[tuple[str, str, str], ...] = (
    *(
        (nasal.replace("N", head), nxt, repl)
        for head in ("me", "pe")
        for nasal, nxt, repl in (
            ("Nny", _V, "s"),
            ("Nng", _V + "ghk", ""),
            ("Nng", _V, "k"),
            ("Nm", "bfvp", ""),
            ("Nm", _V, "p"),
            ("Nn", "cdjzst", ""),
            ("Nn", _V, "t"),
            ("N", "lmnrwy", ""),
        )
    ),
    ("per", _ANY, ""),
    ("ber", _ANY, ""),
    ("be", "r", ""),
    ("ter", _ANY, ""),
    ("te", "r", ""),
    ("di", _ANY, ""),
    ("ke", _ANY, ""),
    ("se", _ANY, ""),
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word with its character offsets in the source text."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def _is_reduplication(parts: list[str]) -> bool:
    if len(parts) != 2:
        return False
    left, right = (p.lower() for p in parts)
    if left == right:
        return True
    return bool(_candidates(left) & _candidates(right) - {""})


def tokenize(text: str) -> list[Token]:
    """Split into word tokens; reduplicated forms ("bagi-bagi") stay one token."""
    tokens: list[Token] = []
    for m in _WORD_RE.finditer(text):
        word = m.group(0)
        if "-" not in word and "‐" not in word:
            tokens.append(Token(word, m.start(), m.end()))
            continue
        parts = _HYPHEN_RE.split(word)
        if _is_reduplication(parts):
            tokens.append(Token(word, m.start(), m.end()))
            continue
        offset = m.start()
        for part in parts:
            tokens.append(Token(part, offset, offset + len(part)))
            offset += len(part) + 1
    return tokens


def _strip_suffixes(word: str) -> set[str]:
    forms = {word}
    for group in (_PARTICLES, _POSSESSIVES, _SUFFIXES):
        for form in list(forms):
            if form in PROTECTED:
                continue
            for suffix in group:
                root = form[: -len(suffix)]
                if not form.endswith(suffix) or len(root) < _MIN_ROOT:
                    continue
                # -i: not after s (intimidasi, sosialisasi) and never leaving < 4 letters
                if suffix == "i" and (root.endswith("s") or len(root) < 4):
                    continue
                forms.add(root)
    return forms


def _strip_prefixes(word: str, depth: int = 0) -> set[str]:
    forms = {word}
    if depth >= 3 or word in PROTECTED:
        return forms
    for prefix, allowed, repl in _PREFIX_RULES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        if not rest or (allowed != _ANY and rest[0] not in allowed):
            continue
        if prefix in ("me", "pe") and rest[:2] in ("ng", "ny"):
            continue
        root = repl + rest
        if len(root) >= _MIN_ROOT:
            forms |= _strip_prefixes(root, depth + 1)
    return forms


@lru_cache(maxsize=65536)
def _candidates(word: str) -> frozenset[str]:
    word = word.lower()
    if "-" in word or "‐" in word:
        parts = [p for p in re.split(r"[-‐]", word) if p]
        out: set[str] = {word}
        for part in parts:
            out |= _candidates(part)
        return frozenset(out)
    out = set()
    for form in _strip_suffixes(word):
        for root in _strip_prefixes(form):
            out.add(root)
            # confix ke-an / per-an / ber-an leave a root that may end in -an again
            out |= _strip_suffixes(root) if root != form else set()
    return frozenset(out)


def candidates(word: str) -> frozenset[str]:
    """All forms of ``word`` (lower-cased) reachable by removing affixes, itself included."""
    return _candidates(word.lower())


_KNOWN_ROOTS: set[str] = set(PROTECTED)


def register_roots(words: object) -> None:
    """Teach ``stem`` roots it should prefer (e.g. the roots used in pattern files)."""
    _KNOWN_ROOTS.update(w.lower() for w in words if isinstance(w, str))  # type: ignore[attr-defined]
    stem.cache_clear()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """One deterministic root for ``word``.

    A known root among the candidates wins (the longest one); otherwise the shortest
    candidate of at least four letters. Use ``candidates`` when matching against roots.
    """
    word = word.lower()
    if "-" in word or "‐" in word:
        parts = [p for p in re.split(r"[-‐]", word) if p]
        if len(parts) == 2 and _is_reduplication(parts):
            return min((stem(p) for p in parts), key=lambda s: (len(s), s))
        return "-".join(stem(p) for p in parts)
    forms = _candidates(word)
    known = [f for f in forms if f in _KNOWN_ROOTS]
    if known:
        return max(known, key=lambda s: (len(s), s))
    long_forms = [f for f in forms if len(f) >= 4] or list(forms)
    return min(long_forms, key=lambda s: (len(s), s))


def stems(text: str) -> list[str]:
    """Stem every token of ``text`` (handy for debugging patterns)."""
    return [stem(t.text) for t in tokenize(text)]
