"""The user's search syntax as an engine query (the same syntax the SQLite backend accepts).

Words, "quoted phrases", ``OR``, ``AND``, ``-word`` or ``NOT word`` to exclude, ``word*`` for
a prefix, parentheses for grouping. Adjacent terms are ANDed and ``OR`` binds tighter than the
implicit AND (``pemilu bawaslu OR kpu`` = pemilu AND (bawaslu OR kpu)). Anything else is plain
text, so no input can produce an engine syntax error.
"""

from __future__ import annotations

import re
from typing import Any

from store.base import QueryError

_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s"()]+')
_WORD = re.compile(r"\w+", re.UNICODE)

# Title matches weigh more than body matches, as in the SQLite backend's bm25 weights.
TEXT_FIELDS = ["title^8", "body"]
PLAIN_FIELDS = ["title.plain^8", "body.plain"]

Query = dict[str, Any]


def _words(raw: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(raw)]


def _term(tok: str) -> Query | None:
    phrase = tok.startswith('"')
    words = _words(tok.strip('"') if phrase else tok)
    if not words:
        return None
    text = " ".join(words)
    if not phrase and tok.endswith("*"):
        return {"multi_match": {"query": text, "type": "phrase_prefix", "fields": PLAIN_FIELDS}}
    return {"multi_match": {"query": text, "type": "phrase", "fields": TEXT_FIELDS}}


def _any(group: list[Query]) -> Query:
    return group[0] if len(group) == 1 else {"bool": {"should": group, "minimum_should_match": 1}}


class _Parser:
    def __init__(self, q: str) -> None:
        self.tokens = _TOKEN.findall(q)
        self.pos = 0

    def sequence(self, depth: int) -> Query | None:
        include: list[list[Query]] = []  # AND of OR-groups
        exclude: list[Query] = []
        op, negate = "AND", False
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok == ")":
                if depth > 0:
                    break
                continue  # a stray closing bracket is noise
            if tok in ("OR", "AND"):
                op = tok
                continue
            if tok in ("NOT", "-"):
                negate = True
                continue
            if tok == "(":
                fragment = self.sequence(depth + 1)
            else:
                if tok.startswith("-") and len(tok) > 1:
                    negate, tok = True, tok[1:]
                fragment = _term(tok)
            if fragment is not None:
                if negate:
                    exclude.append(fragment)
                elif op == "OR" and include:
                    include[-1].append(fragment)
                else:
                    include.append([fragment])
            op, negate = "AND", False
        if not include:
            return None  # exclusions alone match nothing useful; drop the group
        must = [_any(g) for g in include]
        if len(must) == 1 and not exclude:
            return must[0]
        return {"bool": {"must": must, "must_not": exclude}}


def parse_query(q: str) -> Query:
    """The engine query for ``q``; ``QueryError`` when nothing searchable is left."""
    parser = _Parser(q)
    query = parser.sequence(0)
    if query is None:
        if any(_words(t) for t in parser.tokens):
            raise QueryError("the query only excludes words; add at least one word to search for")
        raise QueryError("the query has no searchable words; type at least one word")
    return query
