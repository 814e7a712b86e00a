"""Elasticsearch / OpenSearch backend of the Store contract (see backend.py)."""

from __future__ import annotations

from store.search.backend import SearchEngineStore
from store.search.config import SearchConfig, parse_url

__all__ = ["SearchConfig", "SearchEngineStore", "open_search_store", "parse_url"]


def open_search_store(url: str) -> SearchEngineStore:
    """Open ``elasticsearch://[user:pass@]host:port?tls=...&verify=...&prefix=...`` (or
    ``opensearch://``); see store/search/config.py for every option."""
    return SearchEngineStore(parse_url(url))
