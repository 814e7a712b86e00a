"""Person names without a model: officials' names, NER PER spans and capitalisation cues.

Used for person recall in the evaluation and as a fallback where no NER model is loaded. Words
inside organizations, regions and ranks are masked first. A run of two or more name-like words
counts; a single word counts after a cue ("kata Benny", "alias Ken", a rank, a list comma), after
a lower-case word ("pemecatan Wahyudin oleh") or as a sentence subject ("Dadan tak memberikan").
"""

from __future__ import annotations

import re

from nlp.officials import extract_officials
from nlp.officials.lexicon import OfficialLexicon, get_official_lexicon
from nlp.officials.names import NameReader
from nlp.orgs import find_organizations
from nlp.regions.tokens import Token, is_mostly_upper, tokenize

_CUES = frozenset(
    {
        "kata",
        "ujar",
        "tutur",
        "ucap",
        "jelas",
        "tegas",
        "ungkap",
        "imbuh",
        "sebut",
        "menurut",
        "alias",
        "dan",
        "serta",
        "yaitu",
        "yakni",
        "adalah",
        "oleh",
        "bersama",
        "kepada",
        "terhadap",
        "pasangan",
    }
)
_VERB_LIKE = re.compile(r"^(?:me|ber|di)[a-z]{4,}$")
_SUBJECT_NEXT = frozenset(
    {"tak", "tidak", "belum", "juga", "sudah", "telah", "akan", "pun", "kemudian", "lalu"}
)
_SENTENCE_END = frozenset({".", "!", "?", '"', "“", "”", ":", "("})


def _masked(
    text: str, tokens: list[Token], lex: OfficialLexicon, upper: bool
) -> tuple[set[int], set[int]]:
    """Token indexes inside organizations, regions and ranks; and the indexes right after ranks."""
    spans = [(o["start"], o["end"]) for o in find_organizations(text)]
    masked = {t.index for t in tokens if any(s <= t.start < e for s, e in spans)}
    for m in lex.regions.scan(tokens, upper):
        masked.update(range(m.first, m.last))
    after_rank: set[int] = set()
    for i in range(len(tokens)):
        rank = lex.ranks.match(tokens, i)
        if rank:
            masked.update(range(i, rank[0]))
            after_rank.add(rank[0])
    return masked, after_rank


def _single_ok(
    tokens: list[Token], i: int, after_rank: set[int], not_names: frozenset[str]
) -> bool:
    prev = tokens[i - 1] if i else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if i in after_rank or (prev is not None and (prev.key in _CUES or prev.text == ",")):
        return True
    if (nxt is not None and nxt.key == "alias") or (prev is not None and prev.key in not_names):
        return True  # "Candy alias Ken", "Tersangka Komeng"
    if nxt is not None and nxt.is_word and not nxt.is_lower:
        return False  # "Keputusan KPU", "Penugasan Guru"
    if prev is not None and prev.is_lower:
        return True
    at_start = prev is None or prev.text in _SENTENCE_END
    return (
        at_start
        and nxt is not None
        and (nxt.key in _SUBJECT_NEXT or bool(_VERB_LIKE.match(nxt.key)))
    )


def find_persons(text: str, entities: list[dict] | None = None) -> list[str]:
    """Distinct person names in text order (honorifics and ranks removed)."""
    if not text:
        return []
    names: list[str] = [o["name"] for o in extract_officials(text, entities)]
    names += [
        text[e["start"] : e["end"]] for e in entities or () if e.get("label") in {"PER", "PERSON"}
    ]
    lex = get_official_lexicon()
    tokens = tokenize(text)
    upper = is_mostly_upper(text)
    reader = NameReader(lex, tokens, upper)
    masked, after_rank = _masked(text, tokens, lex, upper)
    i = 0
    while i < len(tokens):
        if (
            i in masked
            or not reader.is_name_token(i)
            or (i and reader.is_name_token(i - 1) and i - 1 not in masked)
        ):
            i += 1
            continue
        span = reader.read_right(i)
        if span is None:
            i += 1
            continue
        last = next((k for k in range(span.first, span.last) if k in masked), span.last)
        plain = [t for t in tokens[span.first : last] if t.is_word]
        blocked = not plain or any(lex.orgs.is_org_word(t.text) for t in (plain[0], plain[-1]))
        blocked = blocked or any(c.isdigit() for t in plain for c in t.text)
        if not blocked and (
            len(plain) > 1 or _single_ok(tokens, span.first, after_rank, lex.not_names)
        ):
            names.append(" ".join(text[tokens[span.first].start : tokens[last - 1].end].split()))
        i = max(last, i + 1)
    seen: set[str] = set()
    out = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out
