"""Engine-specific behaviour of the search backend on real nodes (the shared contract suite in
tests/store/ covers the Store methods themselves on both engines)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from store.base import QueryError, SearchQuery, StoreError
from store.records import Analysis, Article
from store.search import SearchEngineStore
from tests.engines.fixtures import make_engine_store
from tests.engines.nodes import ELASTICSEARCH, OPENSEARCH

pytestmark = pytest.mark.engines
T0 = datetime(2024, 2, 14, 3, 0, tzinfo=UTC)


@pytest.fixture(params=[OPENSEARCH, ELASTICSEARCH], ids=lambda e: e.name)
def engine_store(request: pytest.FixtureRequest) -> SearchEngineStore:
    return make_engine_store(request, request.param)  # type: ignore[return-value]


@pytest.fixture
def os_store(request: pytest.FixtureRequest) -> SearchEngineStore:
    return make_engine_store(request, OPENSEARCH)  # type: ignore[return-value]


def article(i: int, title: str = "Bawaslu awasi pemilihan", **extra: object) -> Article:
    return Article(
        url=f"https://example.id/berita/{i}",
        source=str(extra.pop("source", "antara_jatim")),
        title=f"{title} {i}",
        body=str(extra.pop("body", "Pengawasan kampanye di daerah.")),
        published_at=extra.pop("published_at", T0 - timedelta(hours=i)),
        **extra,  # type: ignore[arg-type]
    )


def test_articles_live_in_a_versioned_index_behind_an_alias(
    engine_store: SearchEngineStore,
) -> None:
    prefix = engine_store.config.prefix
    assert engine_store.indices.concrete("articles") == [f"{prefix}articles-v1"]
    assert engine_store.indices.concrete("sources") == [f"{prefix}sources-v1"]


def test_migration_reindexes_behind_the_alias_without_search_downtime(
    engine_store: SearchEngineStore,
) -> None:
    engine_store.put_articles([article(i) for i in range(300)])
    errors: list[BaseException] = []
    totals: list[int] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            try:
                totals.append(engine_store.search(SearchQuery(q="pemilihan", size=5)).total)
            except BaseException as exc:  # every failure is a downtime
                errors.append(exc)

    def writer() -> None:
        for i in range(300, 330):
            try:
                engine_store.put_article(article(i))
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=reader), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    try:
        new = engine_store.migrate(
            extra_mapping={"keywords_v2": {"type": "keyword"}}, rederive=True
        )
    finally:
        threads[1].join()
        done.set()
        threads[0].join()
    engine_store.refresh()
    assert errors == []
    assert len(totals) > 3 and min(totals) >= 300
    assert new.endswith("articles-v2")
    assert engine_store.indices.concrete("articles") == [new]
    stored = {a.id for a in engine_store.search(SearchQuery(size=500)).hits for a in [a.article]}
    assert {article(i).id for i in range(330)} - stored == set()  # no write was lost
    assert engine_store.count() == 330
    assert engine_store.search(SearchQuery(q="pemilihan")).total == 330


def test_cursor_pages_stay_on_their_snapshot(engine_store: SearchEngineStore) -> None:
    engine_store.put_articles([article(i) for i in range(12)])
    first = engine_store.search(SearchQuery(sort="date", size=5))
    engine_store.put_article(article(99, title="Berita baru", published_at=T0))
    seen = [h.article.id for h in first.hits]
    cursor = first.next_cursor
    while cursor:
        page = engine_store.search(SearchQuery(sort="date", size=5, cursor=cursor))
        seen += [h.article.id for h in page.hits]
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == 12


def test_an_expired_point_in_time_falls_back_to_search_after(
    engine_store: SearchEngineStore,
) -> None:
    from store.base import decode_cursor

    engine_store.put_articles([article(i) for i in range(8)])
    first = engine_store.search(SearchQuery(sort="date_asc", size=3))
    assert first.next_cursor
    pit = decode_cursor(first.next_cursor)[0]
    assert pit  # both engines hand out point-in-time snapshots
    engine_store.client.close_pit(pit)
    second = engine_store.search(SearchQuery(sort="date_asc", size=3, cursor=first.next_cursor))
    assert [h.article.url[-1] for h in second.hits] == ["4", "3", "2"]


def test_indonesian_analyzer_matches_word_forms_on_opensearch(os_store: SearchEngineStore) -> None:
    os_store.put_article(article(1, title="Calon berkampanye di pasar", body="Bawaslu mengawasi."))
    assert os_store.indices.analyzer == "indonesian"
    assert os_store.search(SearchQuery(q="kampanye")).total == 1  # berkampanye -> kampanye
    assert os_store.search(SearchQuery(q="awasi")).total == 1  # mengawasi -> awasi
    assert os_store.search(SearchQuery(q='"di pasar"')).total == 1


def test_percolator_matches_subscriptions_on_opensearch(os_store: SearchEngineStore) -> None:
    analysis = Analysis(
        entities=[{"text": "Fathul Qorib", "label": "PER", "start": 0, "end": 12}],
        violations=[{"category": "politik_uang", "status": "alleged"}],
    )
    hit = article(1, body="Dugaan politik uang di Probolinggo.", analysis=analysis,
                  region="Kabupaten Probolinggo", region_code="35.13")  # fmt: skip
    os_store.put_subscription_query("all-bawaslu", {"q": "bawaslu"})
    os_store.put_subscription_query("jatim", {"regions": ["35"], "sources": ["antara_jatim"]})
    os_store.put_subscription_query("money", {"violations": ["politik_uang", "netralitas"]})
    os_store.put_subscription_query("person", {"entities": ["FATHUL QORIB"], "q": "politik"})
    os_store.put_subscription_query("other-source", {"q": "bawaslu", "sources": ["kompas"]})
    os_store.put_subscription_query("other-region", {"regions": ["Kota Surabaya"]})
    assert os_store.percolate(hit) == ["all-bawaslu", "jatim", "money", "person"]
    assert os_store.delete_subscription_query("money") is True
    assert os_store.delete_subscription_query("money") is False
    assert "money" not in os_store.percolate(hit)
    with pytest.raises(QueryError):
        os_store.put_subscription_query("bad", {"keywords": ["x"]})
    with pytest.raises(QueryError):
        os_store.put_subscription_query("bad", {"q": "-only"})


def test_bare_elasticsearch_explains_the_missing_percolator(request: pytest.FixtureRequest) -> None:
    store = make_engine_store(request, ELASTICSEARCH)
    with pytest.raises(StoreError, match="percolator"):
        store.put_subscription_query("s", {"q": "pemilu"})  # type: ignore[attr-defined]
