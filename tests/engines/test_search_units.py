"""Search backend pieces that need no node: retries and backoff, store URLs, query syntax."""

from __future__ import annotations

from typing import Any

import pytest

from store.base import QueryError, StoreError
from store.search.bulk import BulkError, RetryPolicy, bulk_write, with_retries
from store.search.clients import EngineClient, EngineError
from store.search.config import parse_url
from store.search.mapping import alias_name, index_name, index_version
from store.search.syntax import parse_query


class FlakyBulkClient(EngineClient):
    """Answers bulk requests from a script: per call, per item, a status."""

    def __init__(self, script: list[Any]) -> None:
        self.script = script
        self.calls: list[list[dict]] = []

    def bulk(self, actions, refresh=None):  # type: ignore[no-untyped-def]
        self.calls.append(list(actions))
        step = self.script.pop(0)
        if isinstance(step, EngineError):
            raise step
        items = []
        for status in step:
            error = None if status < 300 else {"type": "x", "reason": f"status {status}"}
            items.append({"index": {"_id": "doc", "status": status, "error": error}})
        return {"errors": any(s >= 300 for s in step), "items": items}


def policy(delays: list[float]) -> RetryPolicy:
    return RetryPolicy(attempts=5, base_delay=0.1, max_delay=1.0, sleep=delays.append)


def actions(n: int) -> list[tuple[dict, dict | None]]:
    return [({"index": {"_index": "i", "_id": str(i)}}, {"n": i}) for i in range(n)]


def test_bulk_retries_only_throttled_items_with_growing_backoff() -> None:
    delays: list[float] = []
    client = FlakyBulkClient([[201, 429, 503], [429, 201], [201]])
    results = bulk_write(client, actions(3), policy(delays))
    assert [len(c) for c in client.calls] == [6, 4, 2]  # 3, then 2, then 1 items
    assert [r["status"] for r in results] == [201, 201, 201]
    assert len(delays) == 2
    assert 0.05 <= delays[0] <= 0.1 and 0.1 <= delays[1] <= 0.2  # exponential, jittered


def test_whole_request_transient_errors_are_retried() -> None:
    delays: list[float] = []
    script = [EngineError(None, "ConnectionError", "refused"), EngineError(502, "x", "y"), [201]]
    client = FlakyBulkClient(script)
    bulk_write(client, actions(1), policy(delays))
    assert len(client.calls) == 3 and len(delays) == 2


def test_other_4xx_fail_fast_without_sleeping() -> None:
    delays: list[float] = []
    with pytest.raises(BulkError, match="1 documents were not indexed"):
        bulk_write(FlakyBulkClient([[201, 400]]), actions(2), policy(delays))
    with pytest.raises(EngineError):
        bulk_write(
            FlakyBulkClient([EngineError(403, "security", "no")]), actions(1), policy(delays)
        )
    assert delays == []


def test_retries_give_up_after_the_last_attempt() -> None:
    delays: list[float] = []

    def always_busy() -> None:
        raise EngineError(429, "es_rejected_execution_exception", "queue full")

    with pytest.raises(EngineError):
        with_retries(always_busy, policy(delays), "test")
    assert len(delays) == 4 and max(delays) <= 1.0  # capped at max_delay


def test_store_urls_carry_auth_tls_and_options() -> None:
    cfg = parse_url(
        "elasticsearch://el%40stic:p%3Ass@es.example:9243?tls=true&verify=false&prefix=test-"
    )
    assert cfg.engine == "elasticsearch" and cfg.prefix == "test-"
    assert cfg.connection.hosts == ["https://es.example:9243"]
    assert (cfg.connection.username, cfg.connection.password) == ("el@stic", "p:ss")
    assert cfg.connection.verify_certs is False
    cfg = parse_url("opensearch+https://localhost?hosts=b:9201,c:9202&replicas=0&refresh=wait_for")
    assert cfg.connection.hosts == ["https://localhost:9200", "https://b:9201", "https://c:9202"]
    assert (cfg.replicas, cfg.refresh, cfg.connection.username) == (0, "wait_for", None)


@pytest.mark.parametrize(
    "url",
    [
        "solr://x",
        "opensearch://x?prefix=Bad/Prefix",
        "opensearch://x?tls=maybe",
        "opensearch://x:99999",
    ],
)
def test_bad_store_urls_are_explained(url: str) -> None:
    with pytest.raises(StoreError):
        parse_url(url)


def test_index_names_are_versioned_behind_aliases() -> None:
    assert index_name("test-", "articles") == "test-articles-v1"
    assert alias_name("test-", "articles") == "test-articles"
    assert index_version("test-articles-v12") == 12


def test_query_syntax_becomes_a_bool_query() -> None:
    query = parse_query('pemilu "politik uang" bawaslu OR kpu -hoaks pilk*')
    must = query["bool"]["must"]
    assert must[0]["multi_match"]["query"] == "pemilu"
    assert must[1]["multi_match"] == {
        "query": "politik uang",
        "type": "phrase",
        "fields": ["title^8", "body"],
    }
    assert len(must[2]["bool"]["should"]) == 2  # bawaslu OR kpu
    assert must[3]["multi_match"]["type"] == "phrase_prefix"
    assert query["bool"]["must_not"][0]["multi_match"]["query"] == "hoaks"
    with pytest.raises(QueryError, match="only excludes"):
        parse_query("-hoaks")
    with pytest.raises(QueryError):
        parse_query('"" ()')
