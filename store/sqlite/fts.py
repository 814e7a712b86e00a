"""The user's search syntax (store/query_syntax.py) as a safe SQLite FTS5 MATCH expression.

Every word is quoted, so no user input can produce an FTS5 syntax error.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.query_syntax import Group, Node, Words, parse, positive_words


@dataclass(frozen=True)
class ParsedQuery:
    expression: str  # FTS5 MATCH expression
    terms: tuple[str, ...]  # positive words, lower-cased, for highlighting elsewhere


def _fragment(node: Node) -> str:
    if isinstance(node, Words):
        return '"' + " ".join(node.words) + '"' + ("*" if node.prefix else "")
    return f"({_expression(node)})"


def _expression(group: Group) -> str:
    expression = " AND ".join(
        _fragment(ors[0]) if len(ors) == 1 else "(" + " OR ".join(map(_fragment, ors)) + ")"
        for ors in group.include
    )
    if group.exclude:
        expression = f"({expression})" + "".join(f" NOT {_fragment(e)}" for e in group.exclude)
    return expression


def parse_query(q: str) -> ParsedQuery:
    """The FTS5 expression for ``q``; ``QueryError`` when nothing searchable is left."""
    tree = parse(q)
    return ParsedQuery(expression=_expression(tree), terms=positive_words(tree))
