"""Text helpers of the official linker: position casing and sentence numbering."""

from __future__ import annotations

from nlp.regions.tokens import Token

_LOWER_WORDS = frozenset({"dan", "atau", "serta", "dari", "untuk", "di", "ke", "se", "&"})
_NO_SPACE_BEFORE = frozenset({",", ")", ".", ";", ":"})
_ENDS = frozenset({".", "!", "?"})
# A dot after these does not end a sentence ("H. Abdul", "Kab. Probolinggo", "M. Jauhari").
_ABBREVIATIONS = frozenset(
    {"h", "hj", "dr", "drs", "prof", "ir", "kh", "kab", "kec", "prov", "no", "jl", "sdr", "st"}
)


def _case(tok: Token) -> str:
    text = tok.text
    if text.casefold() in _LOWER_WORDS:
        return text.lower()
    if text.islower():
        return text[:1].upper() + text[1:]
    if text.isupper() and len(text) > 3 and text.isalpha():
        return text[:1] + text[1:].lower()  # drop caps: "ANGGOTA" -> "Anggota"
    return text


def join_title(head: str, ranges: list[tuple[int, int]], tokens: list[Token], text: str) -> str:
    """The position as one string: head plus its field words, in title case."""
    out = head
    for a, b in ranges:
        for tok in tokens[a:b]:
            word = _case(tok)
            if tok.text in _NO_SPACE_BEFORE or out.endswith("("):
                out += word
            else:
                out += " " + word
    return out


def sentence_ids(tokens: list[Token]) -> list[int]:
    """Sentence number of each token."""
    ids: list[int] = []
    current = 0
    for i, tok in enumerate(tokens):
        ids.append(current)
        if tok.text in _ENDS and i + 1 < len(tokens):
            prev = tokens[i - 1] if i else None
            if (
                tok.text == "."
                and prev is not None
                and (prev.key in _ABBREVIATIONS or len(prev.text) == 1)
            ):
                continue
            current += 1
    return ids
