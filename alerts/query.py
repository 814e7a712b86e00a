"""Subscription queries: the store's search syntax, evaluated in process against one article.

The grammar is store/query_syntax.py, shared with both store backends. Matching is
case-insensitive and morphology-aware: a word matches a token when the word or its root is
among the token's affix candidates ("bagi" matches "membagikan").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from store import query_syntax as syntax

try:  # the colleague's Indonesian stemmer; plain lower-casing without it
    from nlp.morphology import candidates as _candidates
    from nlp.morphology import stem as _stem
except ImportError:  # pragma: no cover

    def _candidates(word: str) -> frozenset[str]:
        return frozenset({word.lower()})

    def _stem(word: str) -> str:  # type: ignore[misc]
        return word.lower()


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


def _node(node: syntax.Node) -> Node:
    """The shared query tree (store/query_syntax.py) with match keys attached."""
    if isinstance(node, syntax.Words):
        if len(node.words) == 1:
            return Term(node.words[0], node.prefix)
        return Phrase(node.words)  # "e-ktp", "c1/plano": adjacent words, as FTS5 reads them
    groups = tuple(
        _node(ors[0]) if len(ors) == 1 else Or(tuple(_node(c) for c in ors)) for ors in node.include
    )
    if len(groups) == 1 and not node.exclude:
        return groups[0]
    return And(groups, tuple(_node(e) for e in node.exclude))


@lru_cache(maxsize=16384)
def parse(q: str) -> Node:
    """The query tree; QueryError when nothing is left to search for."""
    return _node(syntax.parse(q))


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
