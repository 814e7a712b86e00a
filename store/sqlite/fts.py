"""Translate the user's search syntax into a safe SQLite FTS5 MATCH expression.

Accepted syntax (the same on every backend): words, "quoted phrases", ``OR``, ``AND``,
``-word`` or ``NOT word`` to exclude, ``word*`` for a prefix, parentheses for grouping.
Anything else — stray FTS5 operators, colons, carets, unbalanced quotes or brackets — is
treated as plain text, so no user input can produce an FTS5 syntax error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.base import QueryError

_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s"()]+')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class ParsedQuery:
    expression: str  # FTS5 MATCH expression
    terms: tuple[str, ...]  # positive words, lower-cased, for highlighting elsewhere


def _words(raw: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(raw))


class _Parser:
    def __init__(self, q: str) -> None:
        self.tokens = _TOKEN.findall(q)
        self.pos = 0
        self.positive: list[str] = []

    def sequence(self, depth: int, collect: bool = True) -> str:
        """Parse until the matching ')' (or the end) and return an FTS5 fragment.

        Adjacent terms are ANDed; ``OR`` binds tighter than the implicit AND, as in web
        search engines: ``pemilu bawaslu OR kpu`` means pemilu AND (bawaslu OR kpu).
        """
        include: list[list[str]] = []  # AND of OR-groups
        exclude: list[str] = []
        op = "AND"
        negate = False
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok == ")":
                if depth > 0:
                    break
                continue  # a stray closing bracket is plain noise
            if tok in ("OR", "AND"):
                op = tok
                continue
            if tok in ("NOT", "-"):
                negate = True
                continue
            if tok == "(":
                fragment = self.sequence(depth + 1, collect=collect and not negate)
                fragment = f"({fragment})" if fragment else ""
            else:
                if tok.startswith("-") and len(tok) > 1:
                    negate, tok = True, tok[1:]
                fragment = self._term(tok, collect=collect and not negate)
            if fragment:
                if negate:
                    exclude.append(fragment)
                elif op == "OR" and include:
                    include[-1].append(fragment)
                else:
                    include.append([fragment])
            negate, op = False, "AND"
        if not include:
            return ""  # a group of exclusions alone matches nothing useful; drop it
        expression = " AND ".join(
            g[0] if len(g) == 1 else "(" + " OR ".join(g) + ")" for g in include
        )
        if exclude:
            expression = f"({expression})" + "".join(f" NOT {e}" for e in exclude)
        return expression

    def _term(self, tok: str, *, collect: bool) -> str:
        if tok.startswith('"'):
            words = _words(tok.strip('"'))
            suffix = ""
        else:
            words = _words(tok)
            suffix = "*" if tok.endswith("*") else ""
        if not words:
            return ""
        if collect:
            self.positive.extend(words)
        return '"' + " ".join(words) + '"' + suffix


def parse_query(q: str) -> ParsedQuery:
    parser = _Parser(q)
    expression = parser.sequence(0)
    if not expression:
        if any(_words(t) for t in parser.tokens):
            raise QueryError("the query only excludes words; add at least one word to search for")
        raise QueryError("the query has no searchable words; type at least one word")
    return ParsedQuery(expression=expression, terms=tuple(parser.positive))
