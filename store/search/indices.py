"""Versioned indices behind aliases: create on first use, migrate with no search downtime.

``migrate`` builds ``{prefix}{kind}-v{n+1}``, copies the documents (server-side ``_reindex``
where the node has the reindex module, else a client-side search_after + bulk copy), blocks
writes on the old index for a short catch-up copy, swaps the alias atomically and drops the old
index. Readers go through the alias all along; writers blocked during the swap are retried
(``cluster_block_exception`` counts as transient) and land in the new index.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

from store.search.bulk import RetryPolicy, bulk_write, with_retries
from store.search.clients import EngineClient, EngineError
from store.search.config import SearchConfig
from store.search.mapping import (
    ARTICLES,
    TEXT_FALLBACK,
    VERSIONS,
    alias_name,
    index_body,
    index_name,
    index_version,
)

log = logging.getLogger(__name__)

Transform = Callable[[dict[str, Any]], dict[str, Any]]


class Indices:
    def __init__(self, client: EngineClient, config: SearchConfig, policy: RetryPolicy) -> None:
        self.client, self.config, self.policy = client, config, policy
        self._analyzer: str | None = None

    @property
    def analyzer(self) -> str:
        """``indonesian`` where the node has analysis-common, else the standard analyzer."""
        if self._analyzer is None:
            try:
                body = {"analyzer": "indonesian", "text": "pemilihan"}
                self.client.request("POST", "/_analyze", body)
                self._analyzer = "indonesian"
            except EngineError as exc:
                if exc.transient:
                    raise
                log.warning("no indonesian analyzer on this node (%s); using standard", exc)
                self._analyzer = TEXT_FALLBACK
        return self._analyzer

    def alias(self, kind: str) -> str:
        return alias_name(self.config.prefix, kind)

    def concrete(self, kind: str) -> list[str]:
        try:
            return sorted(self.client.request("GET", f"/_alias/{self.alias(kind)}"))
        except EngineError as exc:
            if exc.status == 404:
                return []
            raise

    def create(self, kind: str, version: int, extra: dict | None = None) -> str:
        name = index_name(self.config.prefix, kind, version)
        body = index_body(kind, self.analyzer, self.config.shards, self.config.replicas, extra)
        with_retries(lambda: self.client.request("PUT", f"/{name}", body), self.policy, name)
        return name

    def ensure(self, kind: str) -> str:
        """The concrete index behind the kind's alias, created (current version) if missing."""
        current = self.concrete(kind)
        if current:
            if index_version(current[-1]) < VERSIONS[kind]:
                log.warning("%s is older than v%d: run migrate()", current[-1], VERSIONS[kind])
            return current[-1]
        name = self.create(kind, VERSIONS[kind])
        try:
            actions = [{"add": {"index": name, "alias": self.alias(kind), "is_write_index": True}}]
            self.client.request("POST", "/_aliases", {"actions": actions})
        except EngineError as exc:
            if exc.error_type != "invalid_alias_name_exception":
                raise
        return name

    def drop_all(self) -> None:
        """Delete every index of this prefix (tests and ``pantau`` reset only)."""
        try:
            names = self.client.request("GET", f"/{self.config.prefix}*-v*")
        except EngineError as exc:
            if exc.status == 404:
                return
            raise
        if names:
            self.client.request("DELETE", "/" + ",".join(sorted(names)))

    def _scan(self, index: str, query: dict) -> Iterator[dict[str, Any]]:
        body = {"query": query, "size": 500, "sort": ["_doc"]}
        page = self.client.request("POST", f"/{index}/_search", body, {"scroll": "2m"})
        try:
            while page["hits"]["hits"]:
                yield from page["hits"]["hits"]
                more = {"scroll": "2m", "scroll_id": page["_scroll_id"]}
                page = self.client.request("POST", "/_search/scroll", more)
        finally:
            self.client.request("DELETE", "/_search/scroll", {"scroll_id": page["_scroll_id"]})

    def copy(self, source: str, dest: str, query: dict, transform: Transform | None) -> int:
        if transform is None:
            try:
                body = {"source": {"index": source, "query": query}, "dest": {"index": dest}}
                params = {"wait_for_completion": "true", "refresh": "true"}
                done = self.client.request("POST", "/_reindex", body, params)
                return int(done.get("total", 0))
            except EngineError as exc:  # bare Elasticsearch has no reindex module
                if exc.transient or exc.status not in (400, 404, 405):
                    raise
                log.info("no server-side _reindex (%s); copying client-side", exc.reason)
        count, batch = 0, []
        for hit in self._scan(source, query):
            doc = transform(hit["_source"]) if transform else hit["_source"]
            batch.append(({"index": {"_index": dest, "_id": hit["_id"]}}, doc))
            if len(batch) == 500:
                count += len(bulk_write(self.client, batch, self.policy))
                batch = []
        if batch:
            count += len(bulk_write(self.client, batch, self.policy))
        self.client.request("POST", f"/{dest}/_refresh")
        return count

    def migrate(
        self,
        kind: str = ARTICLES,
        version: int | None = None,
        extra: dict | None = None,
        transform: Transform | None = None,
    ) -> str:
        """Move the kind's alias to a new index version; returns the new index name."""
        old = self.ensure(kind)
        target = version if version is not None else index_version(old) + 1
        if target <= index_version(old):
            return old
        new = self.create(kind, target, extra)
        # Writes stamp stored_at when sent; one in flight may land after the copy has passed
        # it, so the catch-up also re-copies everything stamped up to a request timeout earlier.
        slack = int((self.config.connection.timeout + 30) * 1e9)
        started = time.time_ns() - slack
        copied = self.copy(old, new, {"match_all": {}}, transform)
        since = (
            {"range": {"stored_at": {"gte": started}}} if kind == ARTICLES else {"match_all": {}}
        )
        # The block API waits for in-flight writes, so the catch-up copy sees all of them.
        self.client.request("PUT", f"/{old}/_block/write")
        try:
            self.client.request("POST", f"/{old}/_refresh")
            caught_up = self.copy(old, new, since, transform)
            alias = self.alias(kind)
            actions = [
                {"remove": {"index": old, "alias": alias}},
                {"add": {"index": new, "alias": alias, "is_write_index": True}},
            ]
            self.client.request("POST", "/_aliases", {"actions": actions})
        except BaseException:
            self.client.request("PUT", f"/{old}/_settings", {"index.blocks.write": False})
            raise
        self.client.request("DELETE", f"/{old}")
        log.info("migrated %s -> %s (%d copied, %d caught up)", old, new, copied, caught_up)
        return new
