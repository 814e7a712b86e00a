"""The user's search syntax (store/query_syntax.py) as an engine query: the same tree the
SQLite backend renders, so both backends read a query alike."""

from __future__ import annotations

from typing import Any

from store.query_syntax import Node, Words, parse

# Title matches weigh more than body matches, as in the SQLite backend's bm25 weights.
TEXT_FIELDS = ["title^8", "body"]
PLAIN_FIELDS = ["title.plain^8", "body.plain"]

Query = dict[str, Any]


def _term(node: Words) -> Query:
    text = " ".join(node.words)
    if node.prefix:
        return {"multi_match": {"query": text, "type": "phrase_prefix", "fields": PLAIN_FIELDS}}
    return {"multi_match": {"query": text, "type": "phrase", "fields": TEXT_FIELDS}}


def _any(group: list[Query]) -> Query:
    return group[0] if len(group) == 1 else {"bool": {"should": group, "minimum_should_match": 1}}


def _render(node: Node) -> Query:
    if isinstance(node, Words):
        return _term(node)
    must = [_any([_render(c) for c in ors]) for ors in node.include]
    if len(must) == 1 and not node.exclude:
        return must[0]
    return {"bool": {"must": must, "must_not": [_render(e) for e in node.exclude]}}


def parse_query(q: str) -> Query:
    """The engine query for ``q``; ``QueryError`` when nothing searchable is left."""
    return _render(parse(q))
