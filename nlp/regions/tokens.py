"""A small offset-keeping tokenizer shared by the region, organization and official rules.

spaCy's tokenizer would do, but the rule modules must also run on bare strings (``pantau extract``
without a pipeline) and need one stable token key: case-folded, dots removed ("S.H." -> "sh").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# A word: letters/digits joined by inner apostrophes, dots or hyphens ("Syafi'i",
# "S.H", "se-Jabodetabek", "2024-2029"); otherwise one punctuation character.
_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*|[^\w\s]", re.UNICODE)
_ROMAN = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")
# Texts kept by the per-text caches below and in the gazetteer. With ``nlp.pipe`` batching,
# the region marker sees a whole batch of articles before the organization and official rules
# ask about the first one again, and short strings (names, titles) are asked about in between.
TEXT_CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    index: int
    # Asked for at nearly every token by every gazetteer and lexicon: computed once.
    key: str = field(init=False, repr=False, compare=False)
    is_word: bool = field(init=False, repr=False, compare=False)
    is_upper_initial: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first = self.text[0]
        object.__setattr__(self, "key", token_key(self.text))
        object.__setattr__(self, "is_word", first.isalnum())
        object.__setattr__(self, "is_upper_initial", first.isupper())

    @property
    def is_all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)

    @property
    def is_lower(self) -> bool:
        return self.text[0].islower()

    @property
    def is_digit(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_roman(self) -> bool:
        return bool(self.text) and self.text.isupper() and bool(_ROMAN.match(self.text))


@lru_cache(maxsize=65536)
def token_key(text: str) -> str:
    """Case-folded token without dots and with typographic apostrophes unified."""
    return text.casefold().replace(".", "").replace("’", "'")


def tokenize(text: str) -> list[Token]:
    # Regions, organizations and officials all tokenize the same article text: cache it.
    return list(_tokenize(text))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _tokenize(text: str) -> tuple[Token, ...]:
    return tuple(
        Token(m.group(), m.start(), m.end(), i) for i, m in enumerate(_TOKEN.finditer(text))
    )


def keys_of(phrase: str) -> tuple[str, ...]:
    """Token keys of a lexicon phrase, punctuation dropped ("Kab." -> ("kab",))."""
    return tuple(t.key for t in tokenize(phrase) if t.is_word)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def is_mostly_upper(text: str) -> bool:
    """True for headline-style texts written in capitals, where case says nothing."""
    letters = list(filter(str.isalpha, text))  # cached: asked about each article repeatedly
    if len(letters) < 12:
        return False
    return sum(map(str.isupper, letters)) / len(letters) > 0.8
