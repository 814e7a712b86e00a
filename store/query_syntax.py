"""The user's search syntax, parsed once for every consumer.

Words (ANDed), ``"quoted phrases"``, ``OR`` (binds tighter than the implicit AND, as in web
search engines: ``pemilu bawaslu OR kpu`` = pemilu AND (bawaslu OR kpu)), ``AND``, ``-word``
or ``NOT word`` to exclude, ``word*`` for a prefix, parentheses for grouping. Anything else —
stray operators, colons, carets, unbalanced quotes or brackets — is plain text, so no input
reaches an engine as a syntax error.

The tree is rendered by the SQLite backend (FTS5 MATCH), the search-engine backend (a bool
query) and the alert matcher (evaluated in process); they never parse the text themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from store.base import QueryError

_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s"()]+')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_CHARS = 1000


@dataclass(frozen=True)
class Words:
    """One token: a word, a ``"phrase"``, or a word split by punctuation ("e-ktp")."""

    words: tuple[str, ...]  # lower-cased
    quoted: bool = False
    prefix: bool = False  # ``word*`` (never for quoted phrases)


@dataclass(frozen=True)
class Group:
    """AND of OR-groups, minus the excluded nodes; never without an included node."""

    include: tuple[tuple[Node, ...], ...]
    exclude: tuple[Node, ...] = ()


Node = Words | Group


def words_of(raw: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(raw))


def positive_words(node: Node) -> tuple[str, ...]:
    """Words of the nodes that are not excluded (for highlighting)."""
    if isinstance(node, Words):
        return node.words
    return tuple(w for group in node.include for child in group for w in positive_words(child))


class _Parser:
    def __init__(self, q: str) -> None:
        self.tokens = _TOKEN.findall(q)
        self.pos = 0

    def group(self, depth: int) -> Group | None:
        """Parse until the matching ')' (or the end); None when nothing is included."""
        include: list[list[Node]] = []
        exclude: list[Node] = []
        op, negate = "AND", False
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
            node: Node | None
            if tok == "(":
                node = self.group(depth + 1)
            else:
                if tok.startswith("-") and len(tok) > 1:
                    negate, tok = True, tok[1:]
                node = _words(tok)
            if node is not None:
                if negate:
                    exclude.append(node)
                elif op == "OR" and include:
                    include[-1].append(node)
                else:
                    include.append([node])
            op, negate = "AND", False
        if not include:
            return None  # exclusions alone match nothing useful; drop the group
        return Group(tuple(tuple(g) for g in include), tuple(exclude))


def _words(tok: str) -> Words | None:
    if tok.startswith('"'):
        words = words_of(tok.strip('"'))
        return Words(words, quoted=True) if words else None
    words = words_of(tok)
    return Words(words, prefix=tok.endswith("*")) if words else None


@lru_cache(maxsize=4096)
def parse(q: str) -> Group:
    """The query tree; ``QueryError`` with what to do when nothing is left to search for."""
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    parser = _Parser(q)
    tree = parser.group(0)
    if tree is None:
        if any(words_of(t) for t in parser.tokens):
            raise QueryError("the query only excludes words; add at least one word to search for")
        raise QueryError("the query has no searchable words; type at least one word")
    return tree
