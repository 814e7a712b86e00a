"""Index names, settings and mappings shared by Elasticsearch and OpenSearch.

Every index is versioned behind an alias (``{prefix}articles-v1`` behind ``{prefix}articles``):
a mapping change bumps the version, and ``migrate()`` builds the new index and moves the alias,
so readers never see a missing index. Bump ``VERSIONS`` whenever a mapping below changes.
"""

from __future__ import annotations

import copy
from typing import Any

ARTICLES, SOURCES, SUBSCRIPTIONS = "articles", "sources", "subscriptions"
VERSIONS = {ARTICLES: 1, SOURCES: 1, SUBSCRIPTIONS: 1}
TEXT_FALLBACK = "standard"  # where the node lacks analysis-common (bare Elasticsearch)


def alias_name(prefix: str, kind: str) -> str:
    return f"{prefix}{kind}"


def index_name(prefix: str, kind: str, version: int | None = None) -> str:
    return f"{prefix}{kind}-v{VERSIONS[kind] if version is None else version}"


def index_version(name: str) -> int:
    """The version number at the end of a concrete index name (``...-v3`` -> 3)."""
    return int(name.rsplit("-v", 1)[1])


_KEYWORD = {"type": "keyword"}
_STORED_ONLY = {"type": "object", "enabled": False}


def _text(analyzer: str, keyword: bool = False) -> dict[str, Any]:
    """Analysed text with a standard-analysed ``.plain`` sub-field (exact words, prefixes)."""
    fields: dict[str, Any] = {"plain": {"type": "text", "analyzer": "standard"}}
    if keyword:
        fields["exact"] = {"type": "keyword", "ignore_above": 1024}
    return {"type": "text", "analyzer": analyzer, "fields": fields}


def article_properties(analyzer: str) -> dict[str, Any]:
    """Fields of an article document: the record itself plus derived filter/facet values."""
    return {
        "id": _KEYWORD,
        "seq": {"type": "long"},  # insertion order: the tiebreaker every backend uses
        "stored_at": {"type": "long"},  # last write (ns): what a migration's catch-up copies
        "url": _KEYWORD,
        "source": _KEYWORD,
        "title": _text(analyzer, keyword=True),
        "body": _text(analyzer),
        "summary": _text(analyzer),
        "published_at": {"type": "date"},
        "fetched_at": {"type": "date"},
        "sort_date": {"type": "date"},  # published_at, or fetched_at when unknown
        "language": _KEYWORD,
        "region": _KEYWORD,
        "region_code": _KEYWORD,
        "author": _KEYWORD,
        "extraction_path": _KEYWORD,
        "status": _KEYWORD,
        "error": {"type": "text", "index": False},
        "content_hash": _KEYWORD,
        "cluster_id": _KEYWORD,  # syndicated copies of one story share it
        "original_id": _KEYWORD,
        "analysis": _STORED_ONLY,
        "entities": {
            "type": "nested",
            "properties": {"kind": _KEYWORD, "value": _KEYWORD, "norm": _KEYWORD, "code": _KEYWORD},
        },
        "regions": {
            "type": "nested",
            "properties": {"name": _KEYWORD, "norm": _KEYWORD, "code": _KEYWORD},
        },
        "violations": {
            "type": "nested",
            "properties": {
                "category": _KEYWORD,
                "status": _KEYWORD,
                "confidence": {"type": "float"},
                "evidence": {"type": "text", "index": False},
            },
        },
    }


def index_body(
    kind: str, analyzer: str, shards: int = 1, replicas: int = 1, mapping_extra: dict | None = None
) -> dict[str, Any]:
    """Settings and mappings for a new concrete index of ``kind``."""
    if kind == ARTICLES:
        properties = article_properties(analyzer)
    elif kind == SUBSCRIPTIONS:
        # The percolator parses stored queries against the article fields it will meet.
        properties = {
            **article_properties(analyzer),
            "query": {"type": "percolator"},
            "subscription_id": _KEYWORD,
        }
    elif kind == SOURCES:
        properties = {
            "source": _KEYWORD,
            "last_run": {"type": "date"},
            "ok": {"type": "boolean"},
            "error": {"type": "text", "index": False},
            "counters": _STORED_ONLY,
        }
    else:
        raise ValueError(f"unknown index kind {kind!r}")
    properties = copy.deepcopy(properties)
    properties.update(copy.deepcopy(mapping_extra or {}))
    return {
        "settings": {"index": {"number_of_shards": shards, "number_of_replicas": replicas}},
        "mappings": {"dynamic": False, "properties": properties},
    }
