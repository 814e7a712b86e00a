"""The Store contract, run unchanged against every backend (see conftest.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from store.base import QueryError, SearchQuery, SourceHealth, Store
from store.records import ArticleStatus
from tests.store.samples import WIB, analysis_for, article, corpus


def load(store: Store, analyzed: bool = True) -> list[str]:
    articles = corpus()
    store.put_articles(articles)
    if analyzed:
        for n, a in enumerate(articles, start=1):
            store.put_analysis(a.id, analysis_for(n))
    store.refresh()
    return [a.id for a in articles]


def ids(store: Store, **query: object) -> list[str]:
    page = store.search(SearchQuery.model_validate({"size": 100, **query}))
    return [h.article.id for h in page.hits]


def test_put_and_get_round_trip_keeps_fields_in_utc(store: Store) -> None:
    a = article(1, author="Penulis Contoh", summary="Ringkasan.", region="Bali", region_code="51")
    result = store.put_article(a)
    assert result.created and result.changed and result.id == a.id
    got = store.get_article(a.id)
    assert got is not None
    assert got.title == a.title and got.body == a.body and got.author == "Penulis Contoh"
    assert got.published_at == datetime(2024, 2, 2, 2, 0, tzinfo=UTC)
    assert got.status is ArticleStatus.NEW and got.content_hash == a.content_hash
    assert store.get_article("does-not-exist") is None


def test_recrawling_the_same_url_updates_and_never_duplicates(store: Store) -> None:
    a = article(1)
    store.put_article(a)
    store.put_analysis(a.id, analysis_for(1))
    again = store.put_article(article(1))
    assert (again.created, again.changed) == (False, False)
    kept = store.get_article(a.id)
    assert kept is not None and kept.status is ArticleStatus.ANALYZED and kept.analysis is not None
    edited = store.put_article(article(1, body="Isi yang sudah diperbarui redaksi."))
    assert (edited.created, edited.changed) == (False, True)
    store.refresh()
    fresh = store.get_article(a.id)
    assert fresh is not None and fresh.status is ArticleStatus.NEW and fresh.analysis is None
    assert store.count() == 1
    assert ids(store, q="diperbarui") == [a.id]
    assert ids(store, q="persiapan") == []


def test_pending_and_analysis_status(store: Store) -> None:
    first, second = article(1), article(2)
    store.put_articles([first, second])
    store.refresh()
    assert [a.id for a in store.pending(10)] == [first.id, second.id]
    store.put_analysis(first.id, analysis_for(1))
    store.put_analysis(second.id, None, status=ArticleStatus.FAILED, error="ValueError: rusak")
    store.refresh()
    assert store.pending(10) == []
    assert store.count(ArticleStatus.ANALYZED) == 1 and store.count(ArticleStatus.FAILED) == 1
    failed = store.get_article(second.id)
    assert failed is not None and failed.error == "ValueError: rusak"
    done = store.get_article(first.id)
    assert done is not None and done.analysis is not None
    assert done.analysis.officials[0].name == "Fathul Qorib"


def test_full_text_ranks_title_matches_first(store: Store) -> None:
    a1, a2, *_ = load(store)
    # "politik uang" is in article 1's title and only in article 2's body.
    assert ids(store, q="politik uang")[:2] == [a1, a2]


def test_phrases_or_and_exclusion(store: Store) -> None:
    a1, _a2, a3, a4, a5, a6 = load(store)
    assert set(ids(store, q='"membagikan sembako"')) == {a5}
    assert set(ids(store, q="debat OR cuaca")) == {a3, a6}
    assert set(ids(store, q="politik -surabaya")) == {a1}
    assert set(ids(store, q="bawaslu NOT probolinggo")) == {a4}


@pytest.mark.parametrize(
    "q",
    [
        '"politik uang',
        "politik)",
        "(((",
        "a:b",
        "uang*",
        "NEAR(a b)",
        "^bawaslu",
        "AND OR NOT",
        "-",
        '""',
        "politik' OR 1=1 --",
        "\\",
        "*",
        "bawaslu {kpu}",
        "😀 pemilu",
    ],
)
def test_malformed_queries_answer_or_raise_query_error(store: Store, q: str) -> None:
    load(store, analyzed=False)
    try:
        page = store.search(SearchQuery(q=q))
    except QueryError as exc:
        assert str(exc)  # a message the user can act on
    else:
        assert page.total >= 0


def test_filters_by_source_region_date_entity_and_violation(store: Store) -> None:
    a1, a2, a3, a4, a5, a6 = load(store)
    assert set(ids(store, sources=["contoh_jatim"])) == {a1, a2}
    assert set(ids(store, regions=["Kabupaten Probolinggo"])) == {a1}
    assert set(ids(store, regions=["35"])) == {
        a1,
        a2,
    }  # a province code includes its kabupaten/kota
    assert set(ids(store, regions=["kota surabaya", "Bali"])) == {a2, a6}
    start = datetime(2024, 2, 4, 0, 0, tzinfo=WIB)
    end = datetime(2024, 2, 5, 23, 59, tzinfo=WIB)
    assert set(ids(store, date_from=start, date_to=end)) == {a3, a4}
    assert set(ids(store, organizations=["bawaslu kabupaten probolinggo"])) == {a1}
    assert set(ids(store, persons=["Fathul Qorib"])) == {a1}
    assert set(ids(store, entities=["Bawaslu Provinsi Jawa Barat"])) == {a4}
    assert set(ids(store, violations=["politik_uang"])) == {a1, a5}
    assert set(ids(store, violations=["politik_uang"], violation_status=["found"])) == {a1}
    assert set(ids(store, q="politik", sources=["contoh_jatim"], violations=["politik_uang"])) == {
        a1
    }


def test_facets_count_the_filtered_hits(store: Store) -> None:
    load(store)
    page = store.search(SearchQuery(q="politik OR sembako"))
    facets = {name: {f.value: f.count for f in values} for name, values in page.facets.items()}
    assert page.total == 3
    assert facets["source"] == {"contoh_jatim": 2, "contoh_sulsel": 1}
    assert facets["violation"] == {"politik_uang": 2}
    assert facets["status"] == {"found": 1, "alleged": 1}
    assert facets["person"] == {"Fathul Qorib": 1}
    assert facets["organization"] == {"Bawaslu Kabupaten Probolinggo": 1}
    assert facets["region"]["Kabupaten Probolinggo"] == 1


def test_histogram_buckets_are_wib_days(store: Store) -> None:
    late = article(1, published_at=datetime(2024, 2, 14, 23, 30, tzinfo=WIB))  # 16:30 UTC
    early = article(
        2, published_at=datetime(2024, 2, 15, 0, 30, tzinfo=WIB)
    )  # 17:30 UTC on the 14th
    store.put_articles([late, early])
    store.refresh()
    page = store.search(SearchQuery(histogram="day"))
    assert [(b.value, b.count) for b in page.histogram] == [("2024-02-14", 1), ("2024-02-15", 1)]
    month = store.search(SearchQuery(histogram="month"))
    assert [(b.value, b.count) for b in month.histogram] == [("2024-02-01", 2)]


@pytest.mark.parametrize("sort", ["relevance", "date", "date_asc"])
def test_cursor_pages_cover_every_hit_once_in_order(store: Store, sort: str) -> None:
    store.put_articles(
        [article(n, body=f"pemilu {'pemilu ' * (n % 4)} nomor {n}") for n in range(1, 12)]
    )
    store.refresh()
    everything = ids(store, q="pemilu", sort=sort)
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        page = store.search(SearchQuery(q="pemilu", sort=sort, size=3, cursor=cursor))
        seen += [h.article.id for h in page.hits]
        assert page.total == 11
        cursor = page.next_cursor
        if cursor is None:
            break
    assert seen == everything and len(set(seen)) == 11
    if sort == "date":
        dates = [store.get_article(i).published_at for i in seen]  # type: ignore[union-attr]
        assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]


def test_bad_cursor_is_a_query_error(store: Store) -> None:
    load(store, analyzed=False)
    with pytest.raises(QueryError):
        store.search(SearchQuery(q="pemilu", cursor="bukan-kursor"))


def test_highlights_escape_html_and_mark_matches(store: Store) -> None:
    _, _, _, a4, _, _ = load(store)
    page = store.search(SearchQuery(q="pemilu", sources=["contoh_jabar"]))
    assert [h.article.id for h in page.hits] == [a4]
    snippet = page.hits[0].snippet or ""
    assert "<mark>pemilu</mark>" in snippet.lower()
    assert "<b>" not in snippet and "&lt;b&gt;" in snippet


def test_source_health_round_trip(store: Store) -> None:
    when = datetime(2024, 2, 14, 3, 0, tzinfo=UTC)
    store.record_source_health(SourceHealth("antara", when, True, None, {"feeds_ok": 9}))
    store.record_source_health(SourceHealth("detik", when, False, "HTTP 503", {"feeds_failed": 1}))
    store.record_source_health(
        SourceHealth("antara", when + timedelta(hours=1), True, None, {"feeds_ok": 8})
    )
    store.refresh()
    health = {h.source: h for h in store.source_health()}
    assert set(health) == {"antara", "detik"}
    assert health["antara"].counters == {"feeds_ok": 8}
    assert health["detik"].ok is False and health["detik"].error == "HTTP 503"


def test_story_cluster_ids_round_trip(store: Store) -> None:
    original = article(1, cluster_id="c-1", original_id=None)
    copy = article(2, cluster_id="c-1")
    store.put_articles([original, copy])
    store.refresh()
    got = store.get_article(copy.id)
    assert got is not None and got.cluster_id == "c-1"
    hit_clusters = {h.article.cluster_id for h in store.search(SearchQuery(size=10)).hits}
    assert hit_clusters == {"c-1"}
