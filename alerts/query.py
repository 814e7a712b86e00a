"""Subscription queries: the store's search syntax, evaluated in process against one article.

Same grammar as store/sqlite/fts.py (and the search engines): words (AND), ``"phrases"``,
``OR`` (binds tighter than the implicit AND), ``-word`` / ``NOT word``, ``prefix*``,
parentheses. Matching is case-insensitive and morphology-aware: a word matches a token when
the word or its root is among the token's affix candidates ("bagi" matches "membagikan").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from store.base import QueryError

try:  # the colleague's Indonesian stemmer; plain lower-casing without it
    from nlp.morphology import candidates as _candidates
    from nlp.morphology import stem as _stem
except ImportError:  # pragma: no cover

    def _candidates(word: str) -> frozenset[str]:
        return frozenset({word.lower()})

    def _stem(word: str) -> str:  # type: ignore[misc]
        return word.lower()


_TOKEN = re.compile(r'"[^"]*"?|\(|\)|[^\s"()]+')
_WORD = re.compile(r"\w+", re.UNICODE)
PREFIX_KEY = 3  # prefix queries are indexed under their first three letters


@lru_cache(maxsize=65536)
def forms(word: str) -> frozenset[str]:
    """Keys a query word is looked up under: itself and its root."""
    word = word.lower()
    root = _stem(word)
    return frozenset({word, root}) if len(root) >= 3 else frozenset({word})


def token_keys(token: str) -> frozenset[str]:
    """Keys an article token is indexed under: every affix candidate, itself included."""
    return _candidates(token.lower())


@dataclass(frozen=True)
class Term:
    word: str
    prefix: bool = False
    keys: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.keys and not self.prefix:
            object.__setattr__(self, "keys", forms(self.word))


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    terms: tuple[Term, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.terms:
            object.__setattr__(self, "terms", tuple(Term(w) for w in self.words))


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]
    excluded: tuple[Node, ...] = ()


Node = Term | Phrase | Or | And


class _Parser:
    def __init__(self, q: str) -> None:
        self.tokens = _TOKEN.findall(q)
        self.pos = 0

    def sequence(self, depth: int) -> Node | None:
        include: list[list[Node]] = []
        exclude: list[Node] = []
        op, negate = "AND", False
        while self.pos < len(self.tokens):
            tok = self.tokens[self.pos]
            self.pos += 1
            if tok == ")":
                if depth > 0:
                    break
                continue
            if tok in ("OR", "AND"):
                op = tok
                continue
            if tok in ("NOT", "-"):
                negate = True
                continue
            if tok == "(":
                node = self.sequence(depth + 1)
            else:
                if tok.startswith("-") and len(tok) > 1:
                    negate, tok = True, tok[1:]
                node = _term(tok)
            if node is not None:
                if negate:
                    exclude.append(node)
                elif op == "OR" and include:
                    include[-1].append(node)
                else:
                    include.append([node])
            negate, op = False, "AND"
        if not include:
            return None
        groups = tuple(g[0] if len(g) == 1 else Or(tuple(g)) for g in include)
        if len(groups) == 1 and not exclude:
            return groups[0]
        return And(groups, tuple(exclude))


def _term(tok: str) -> Node | None:
    if tok.startswith('"'):
        words = tuple(w.lower() for w in _WORD.findall(tok.strip('"')))
        if not words:
            return None
        return Term(words[0]) if len(words) == 1 else Phrase(words)
    words = tuple(w.lower() for w in _WORD.findall(tok))
    if not words:
        return None
    prefix = tok.endswith("*")
    if len(words) == 1:
        return Term(words[0], prefix)
    return Phrase(words)  # "e-ktp", "c1/plano": adjacent words, as FTS5 reads them


@lru_cache(maxsize=16384)
def parse(q: str) -> Node:
    """The query tree; QueryError when nothing is left to search for."""
    if len(q) > 1000:
        raise QueryError("the query is longer than 1000 characters")
    parser = _Parser(q)
    node = parser.sequence(0)
    if node is None:
        if any(_WORD.search(t) for t in parser.tokens):
            raise QueryError("the query only excludes words; add at least one word to search for")
        raise QueryError("the query has no searchable words; type at least one word")
    return node


def index_keys(node: Node) -> frozenset[str] | None:
    """Keys of which an article must contain at least one for ``node`` to match (None: any)."""
    if isinstance(node, Term):
        if node.prefix:
            return (
                frozenset({"p:" + node.word[:PREFIX_KEY]}) if len(node.word) >= PREFIX_KEY else None
            )
        return frozenset("w:" + f for f in forms(node.word))
    if isinstance(node, Phrase):
        return frozenset("w:" + f for f in forms(max(node.words, key=len)))
    if isinstance(node, Or):
        out: set[str] = set()
        for child in node.children:
            keys = index_keys(child)
            if keys is None:
                return None
            out |= keys
        return frozenset(out)
    options = [k for k in (index_keys(c) for c in node.children) if k is not None]
    if not options:
        return None
    return min(options, key=lambda k: (len(k), -max(len(x) for x in k)))
