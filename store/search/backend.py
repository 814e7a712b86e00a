"""Elasticsearch/OpenSearch backend of the Store contract.

Articles live in ``{prefix}articles`` (an alias over a versioned index), source health in
``{prefix}sources``, alert subscriptions in ``{prefix}subscriptions`` (see percolator.py).
Single-article writes are read-modify-write with optimistic concurrency (``if_seq_no``);
``put_articles`` goes through bulk with retries. Search pages continue with ``search_after``
inside a point-in-time snapshot, or on the live index where PIT is unavailable or expired.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from typing import Any

from store.base import (
    PutResult,
    QueryError,
    SearchPage,
    SearchQuery,
    SourceHealth,
    Store,
    StoreError,
    decode_cursor,
    encode_cursor,
)
from store.records import Analysis, Article, ArticleStatus
from store.search import documents as docs
from store.search.bulk import RetryPolicy, bulk_write, with_retries
from store.search.clients import EngineClient, EngineError, make_client
from store.search.config import SearchConfig
from store.search.indices import Indices, Transform
from store.search.mapping import ARTICLES, SOURCES
from store.search.percolator import SubscriptionsMixin
from store.search.query import parse_page, search_body, sort_spec

log = logging.getLogger(__name__)

PIT_KEEP_ALIVE = "5m"
Current = tuple[dict[str, Any], int, int]  # _source, _seq_no, _primary_term


class SearchEngineStore(SubscriptionsMixin, Store):
    def __init__(
        self,
        config: SearchConfig,
        client: EngineClient | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.config = config
        self.client = client or make_client(config.engine, config.connection)
        self.policy = policy or RetryPolicy()
        self.indices = Indices(self.client, config, self.policy)
        self.articles = self.indices.alias(ARTICLES)
        self.sources = self.indices.alias(SOURCES)
        self.use_pit = True
        try:
            self.indices.ensure(ARTICLES)
            self.indices.ensure(SOURCES)
        except EngineError as exc:
            self.client.close()
            raise StoreError(
                f"cannot prepare the {config.engine} indices at {config.connection.hosts}: {exc}"
            ) from exc

    def _call(self, method: str, path: str, body: Any = None, params: dict | None = None) -> dict:
        return with_retries(
            lambda: self.client.request(method, path, body, params), self.policy, path
        )

    def _write_params(self, current: Current | None) -> dict[str, Any]:
        params: dict[str, Any] = {"refresh": self.config.refresh}
        if current is None:
            params["op_type"] = "create"
        else:
            params.update(if_seq_no=current[1], if_primary_term=current[2])
        return params

    # -- articles ------------------------------------------------------------------

    def _current(self, article_id: str) -> Current | None:
        try:
            found = self._call("GET", f"/{self.articles}/_doc/{article_id}")
        except EngineError as exc:
            if exc.status == 404:
                return None
            raise
        return found["_source"], found["_seq_no"], found["_primary_term"]

    def _save(self, article: Article, seq: int, current: Current | None) -> bool:
        """Index one article; False on a concurrent change (the caller re-reads)."""
        doc = docs.article_document(article, seq)
        doc["stored_at"] = time.time_ns()
        try:
            path = f"/{self.articles}/_doc/{article.id}"
            self._call("PUT", path, doc, self._write_params(current))
            return True
        except EngineError as exc:
            if exc.status == 409:
                return False
            raise

    @staticmethod
    def _merge(old: Article | None, new: Article) -> tuple[Article, bool]:
        """What to store for ``new`` given the stored ``old``, and whether content changed."""
        if old is None:
            return new, True
        if old.content_hash == new.content_hash:
            keep = {"status": old.status, "error": old.error, "analysis": old.analysis}
            return new.model_copy(update=keep), False
        reset = {"status": ArticleStatus.NEW, "error": None, "analysis": None}
        return new.model_copy(update=reset), True

    def put_article(self, article: Article) -> PutResult:
        for _ in range(10):
            current = self._current(article.id)
            old = docs.article_from_source(current[0]) if current else None
            stored, changed = self._merge(old, article)
            seq = current[0].get("seq", 0) if current else time.time_ns()
            if self._save(stored, seq, current):
                return PutResult(id=article.id, created=current is None, changed=changed)
        raise StoreError(f"article {article.id} kept changing under us; try again")

    def put_articles(self, articles: Iterable[Article]) -> list[PutResult]:
        batch = list(articles)
        if not batch:
            return []
        ids = sorted({a.id for a in batch})
        found = self._call("POST", f"/{self.articles}/_mget", {"ids": ids})
        state: dict[str, tuple[Article, int]] = {
            d["_id"]: (docs.article_from_source(d["_source"]), d["_source"].get("seq", 0))
            for d in found["docs"]
            if d.get("found")
        }
        results, actions = [], {}
        for article in batch:
            old, seq = state.get(article.id, (None, time.time_ns()))
            stored, changed = self._merge(old, article)
            results.append(PutResult(id=article.id, created=old is None, changed=changed))
            state[article.id] = (stored, seq)
            doc = {**docs.article_document(stored, seq), "stored_at": time.time_ns()}
            actions[article.id] = ({"index": {"_index": self.articles, "_id": article.id}}, doc)
        refresh = None if self.config.refresh == "false" else self.config.refresh
        bulk_write(self.client, list(actions.values()), self.policy, refresh)
        # A URL seen twice in one batch is created once.
        seen: set[str] = set()
        for r in results:
            r.created = r.created and r.id not in seen
            seen.add(r.id)
        return results

    def get_article(self, article_id: str) -> Article | None:
        current = self._current(article_id)
        return docs.article_from_source(current[0]) if current else None

    def pending(self, limit: int = 100) -> list[Article]:
        if self.config.refresh == "false":
            self.refresh()  # the analyzer must not see articles it just finished
        body = {
            "query": {"term": {"status": ArticleStatus.NEW.value}},
            "sort": [{"seq": "asc"}],
            "size": limit,
        }
        hits = self._call("POST", f"/{self.articles}/_search", body)["hits"]["hits"]
        return [docs.article_from_source(h["_source"]) for h in hits]

    def put_analysis(
        self,
        article_id: str,
        analysis: Analysis | None,
        *,
        status: ArticleStatus = ArticleStatus.ANALYZED,
        error: str | None = None,
    ) -> None:
        for _ in range(10):
            current = self._current(article_id)
            if current is None:
                raise StoreError(f"no article with id {article_id!r}; it may have been deleted")
            old = docs.article_from_source(current[0])
            new = old.model_copy(update={"analysis": analysis, "status": status, "error": error})
            if self._save(new, current[0].get("seq", 0), current):
                return
        raise StoreError(f"article {article_id} kept changing under us; try again")

    def count(self, status: ArticleStatus | None = None) -> int:
        query = {"match_all": {}} if status is None else {"term": {"status": status.value}}
        return int(self._call("POST", f"/{self.articles}/_count", {"query": query})["count"])

    # -- search --------------------------------------------------------------------

    def _run(self, body: dict, pit: str | None) -> dict:
        if pit:
            body = {**body, "pit": {"id": pit, "keep_alive": PIT_KEEP_ALIVE}}
        path = "/_search" if pit else f"/{self.articles}/_search"
        try:
            return self._call("POST", path, body)
        except EngineError as exc:
            if pit and exc.status == 404:
                log.info("point in time expired; continuing on the live index")
                return self._run({k: v for k, v in body.items() if k != "pit"}, None)
            if exc.status == 400:
                raise QueryError(f"the search query could not be run: {exc.reason}") from exc
            raise

    def _open_pit(self) -> str | None:
        if not self.use_pit:
            return None
        try:
            return self.client.open_pit(self.articles, PIT_KEEP_ALIVE)
        except EngineError as exc:
            if exc.transient:
                return None
            log.warning("point in time unavailable (%s); cursors use plain search_after", exc)
            self.use_pit = False
            return None

    def search(self, query: SearchQuery) -> SearchPage:
        pit, after = None, None
        width = len(sort_spec(query))
        if query.cursor:
            values = decode_cursor(query.cursor)
            if len(values) != width + 1 or not (values[0] is None or isinstance(values[0], str)):
                raise QueryError("invalid cursor: pass back the next_cursor value unchanged")
            pit, after = values[0], values[1:]
        resp = self._run(search_body(query, after), pit)
        page, last = parse_page(query, resp)
        pit = resp.get("pit_id", pit) if pit else None
        if last is not None:
            pit = pit or self._open_pit()
            page.next_cursor = encode_cursor([pit, *last[:width]])
        elif pit:
            self._close_pit(pit)
        return page

    def _close_pit(self, pit: str) -> None:
        try:
            self.client.close_pit(pit)
        except EngineError as exc:
            log.debug("closing a point in time failed: %s", exc)

    # -- source health, housekeeping ----------------------------------------------

    def record_source_health(self, health: SourceHealth) -> None:
        params = {"refresh": "true" if self.config.refresh == "false" else self.config.refresh}
        path = f"/{self.sources}/_doc/{health.source}"
        self._call("PUT", path, docs.health_document(health), params)

    def source_health(self) -> list[SourceHealth]:
        body = {"query": {"match_all": {}}, "sort": [{"source": "asc"}], "size": 10000}
        hits = self._call("POST", f"/{self.sources}/_search", body)["hits"]["hits"]
        return [docs.health_from_source(h["_source"]) for h in hits]

    def refresh(self) -> None:
        self._call("POST", f"/{self.articles},{self.sources}/_refresh")

    def migrate(self, extra_mapping: dict | None = None, rederive: bool = False) -> str:
        """Rebuild the articles index at the next version behind the alias (no downtime)."""
        transform: Transform | None = None
        if rederive:

            def transform(source: dict[str, Any]) -> dict[str, Any]:
                article = docs.article_from_source(source)
                doc = docs.article_document(article, source.get("seq", 0))
                return {**doc, "stored_at": source.get("stored_at", 0)}

        return self.indices.migrate(ARTICLES, extra=extra_mapping, transform=transform)

    def drop_indices(self) -> None:
        """Delete every index of this store's prefix (tests; resetting a deployment)."""
        self.indices.drop_all()

    def close(self) -> None:
        self.client.close()
