"""Alert matching with the percolator: stored subscription queries, matched per article.

A subscription query is ``{"q", "sources", "regions", "violations", "entities"}`` (all
optional; AND between fields, OR within a list), the same semantics as those SearchQuery
fields. Needs the percolator module (OpenSearch, or Elasticsearch with its full module set).
"""

from __future__ import annotations

import logging
from typing import Any

from pydantic import ValidationError

from store.base import QueryError, SearchQuery, StoreError
from store.records import Article
from store.search.clients import EngineError
from store.search.documents import percolate_document
from store.search.mapping import SUBSCRIPTIONS
from store.search.query import match_query

log = logging.getLogger(__name__)

SUBSCRIPTION_FIELDS = ("q", "sources", "regions", "violations", "entities")


def subscription_search_query(query: dict[str, Any]) -> SearchQuery:
    unknown = set(query) - set(SUBSCRIPTION_FIELDS)
    if unknown:
        raise QueryError(
            f"unknown subscription fields {sorted(unknown)}; use {SUBSCRIPTION_FIELDS}"
        )
    try:
        return SearchQuery(**{k: v for k, v in query.items() if v is not None})
    except ValidationError as exc:
        raise QueryError(f"invalid subscription query: {exc.errors()[0]['msg']}") from exc


class SubscriptionsMixin:
    """Percolator-backed subscription matching for SearchEngineStore (``self`` is one)."""

    _subscriptions_ready = False

    def _subscriptions(self: Any) -> str:
        if not self._subscriptions_ready:
            try:
                self.indices.ensure(SUBSCRIPTIONS)
            except EngineError as exc:
                if exc.transient:
                    raise
                raise StoreError(
                    f"this {self.config.engine} node cannot store subscription queries "
                    f"({exc.reason}); it needs the percolator module"
                ) from exc
            self._subscriptions_ready = True
        return self.indices.alias(SUBSCRIPTIONS)

    def put_subscription_query(self: Any, sub_id: str, query: dict[str, Any]) -> None:
        """Store (or replace) the query of subscription ``sub_id``."""
        compiled = match_query(subscription_search_query(query))
        doc = {"subscription_id": sub_id, "query": compiled}
        index = self._subscriptions()
        try:
            self._call("PUT", f"/{index}/_doc/{sub_id}", doc, {"refresh": "true"})
        except EngineError as exc:
            if exc.status == 400:
                raise QueryError(f"invalid subscription query: {exc.reason}") from exc
            raise

    def delete_subscription_query(self: Any, sub_id: str) -> bool:
        """Remove a stored query; False when there was none."""
        try:
            path = f"/{self._subscriptions()}/_doc/{sub_id}"
            self._call("DELETE", path, params={"refresh": "true"})
        except EngineError as exc:
            if exc.status == 404:
                return False
            raise
        return True

    def percolate(self: Any, article: Article) -> list[str]:
        """Ids of the subscriptions whose query matches ``article`` (sorted)."""
        document = percolate_document(article)
        body: dict[str, Any] = {
            "query": {"percolate": {"field": "query", "document": document}},
            "_source": False,
            "sort": [{"subscription_id": "asc"}],
            "size": 1000,
        }
        path, ids = f"/{self._subscriptions()}/_search", []
        while True:
            hits = self._call("POST", path, body)["hits"]["hits"]
            ids += [h["_id"] for h in hits]
            if len(hits) < body["size"]:
                return ids
            body["search_after"] = hits[-1]["sort"]
