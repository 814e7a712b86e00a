"""A two-node OpenSearch cluster: search keeps answering when a replica's node stops."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime

import pytest

from store.base import SearchQuery
from store.records import Article
from store.search import SearchEngineStore, parse_url
from tests.engines.fixtures import node_url
from tests.engines.nodes import OPENSEARCH, SearchNode, free_port

pytestmark = [pytest.mark.engines, pytest.mark.slow]


@pytest.fixture
def cluster() -> tuple[SearchNode, SearchNode]:
    node_url(OPENSEARCH)  # skips (or fails in CI) when java/mvn are missing
    name, ports = f"pantau-{uuid.uuid4().hex[:6]}", (free_port(), free_port())
    seeds = ",".join(f"127.0.0.1:{p}" for p in ports)
    common = {"cluster.name": name, "discovery.type": "zen", "discovery.seed_hosts": seeds}
    a = SearchNode(OPENSEARCH, transport_port=ports[0], settings={
        **common, "node.name": "a", "cluster.initial_cluster_manager_nodes": "a"})  # fmt: skip
    b = SearchNode(OPENSEARCH, transport_port=ports[1], settings={
        **common, "node.name": "b", "node.roles": "data,ingest"})  # fmt: skip
    try:
        a.start(wait_status="green")
        b.start(wait_status="green")
        yield a, b
    finally:
        b.stop()
        a.stop()


def test_search_survives_losing_the_replica_node(cluster: tuple[SearchNode, SearchNode]) -> None:
    a, b = cluster
    config = parse_url(f"opensearch://127.0.0.1:{a.http_port}?prefix=c-&replicas=1")
    store = SearchEngineStore(config)
    index = store.indices.concrete("articles")[0]
    store.put_articles(
        Article(
            url=f"https://example.id/{i}",
            source="antara",
            title=f"Pemilu {i}",
            published_at=datetime(2024, 2, 14, tzinfo=UTC),
        )
        for i in range(50)
    )
    store.refresh()
    # (no "timeout" parameter: opensearch-py takes it for its own request timeout)
    health = store.client.request("GET", f"/_cluster/health/{index}?wait_for_status=green")
    assert health["status"] == "green"
    cat = store.client.request("GET", f"/_cat/shards/{index}", params={"format": "json"})
    shards = cat["body"]  # a JSON list, wrapped by the adapter
    assert {s["node"] for s in shards} == {"a", "b"}  # one copy on each node
    totals, errors, done = [], [], threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                totals.append(store.search(SearchQuery(q="pemilu")).total)
            except Exception as exc:
                errors.append(exc)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        b.stop()
        store.client.request("GET", "/_cluster/health?wait_for_nodes=1")
        after = store.search(SearchQuery(q="pemilu"))
    finally:
        done.set()
        thread.join()
    assert errors == [] and totals and set(totals) == {50}
    assert after.total == 50
    store.close()
