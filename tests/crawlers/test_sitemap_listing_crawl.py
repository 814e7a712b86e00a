"""Sitemap index + Google News sitemap + listing pagination, crawled for real from the saved
article pages served under their original URLs; then re-crawled with ETag / 304."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawlers.localserver import LocalSite
from tests.crawlers.crawling import (
    HTML,
    XML,
    crawl,
    open_result,
    page_hits,
    saved_cases,
    serve_case,
    sitemap_index,
    source,
    urlset,
    write_sources,
)

INDEX = "https://www.pantau-uji.id/sitemap_index.xml"
NEWS = "https://www.pantau-uji.id/sitemap-news.xml"
PLAIN = "https://www.pantau-uji.id/sitemap-2016.xml"
LISTING = "https://indeks.kompas.com/?page={page}"
T0 = datetime(2016, 2, 23, 12, tzinfo=UTC)
T1 = datetime(2016, 3, 1, 12, tzinfo=UTC)


def listing_page(links: list[str], page: int) -> str:
    nav = '<a href="/tag/pilkada">Pilkada</a> <a href="https://www.kompas.com/">Beranda</a>'
    items = "".join(f'<li><a href="{u}">Berita {i}</a></li>' for i, u in enumerate(links))
    more = f'<a href="/?page={page + 1}">Berikutnya</a>'
    return f"<html><body>{nav}<ul>{items}</ul>{more}</body></html>"


@pytest.fixture
def site():  # type: ignore[no-untyped-def]
    with LocalSite() as s:
        yield s


def test_sitemaps_listings_and_conditional_recrawl(tmp_path, site, shared_data) -> None:  # type: ignore[no-untyped-def]
    cases = saved_cases(shared_data)
    kompas = [c for c in cases if c.outlet == "kompas"]
    others = [c for c in cases if c.outlet != "kompas"]
    for case in cases:
        serve_case(site, case)
    half = len(others) // 2
    news_urls = [c.url for c in others[:half]]
    plain_urls = [(c.url, T0) for c in others[half:]]
    site.add(NEWS, urlset(news_urls, news=True), headers={"Content-Type": XML, "ETag": '"n1"'})
    site.add(PLAIN, urlset(plain_urls), headers={"Content-Type": XML, "ETag": '"p1"'})
    index = sitemap_index([(NEWS, "2016-02-23"), (PLAIN, "2016-02-23")])
    site.add(INDEX, index, headers={"Content-Type": XML, "ETag": '"i1"'})
    pages = [[c.url for c in kompas[:2]], [c.url for c in kompas[2:4]], [kompas[4].url], []]
    for n, links in enumerate(pages, start=1):
        site.add(
            LISTING.format(page=n),
            listing_page(links, n),
            headers={"Content-Type": HTML, "ETag": f'"l{n}"'},
        )
    feed_only_listing = "https://www.antaranews.com/terkini?page={page}"
    sources = write_sources(
        tmp_path / "s.yaml",
        [
            source("pantau_uji", sitemaps=[INDEX]),
            source("kompas", outlet="kompas", listings=[LISTING]),
            source(
                "antara",
                outlet="antara",
                policy="feed_only",
                listings=[feed_only_listing],
                sitemaps=["https://www.antaranews.com/sitemap.xml"],
            ),
        ],
    )
    names = ("--source", "pantau_uji", "--source", "kompas", "--source", "antara")

    first = crawl(tmp_path, site, sources, *names)
    assert first["pantau_uji/sitemaps_ok"] == 3  # the index and both children
    assert first["pantau_uji/sitemap_urls"] == len(others)
    assert first["kompas/listings_ok"] == 3 and first["kompas/listing_stopped_max_pages"] == 1
    assert site.hits.get(LISTING.format(page=4), 0) == 0  # PANTAU_LISTING_MAX_PAGES = 3
    assert first["antara/skipped_listings_policy"] == 1
    assert first["antara/skipped_sitemaps_policy"] == 1
    assert not [u for u in site.hits if u.startswith("https://www.antaranews.com/")]
    assert first["pantau_uji/skipped_language_en"] == 1  # Tempo English
    assert all(n == 1 for n in page_hits(site, [c.url for c in cases]).values())
    with open_result(tmp_path) as store:
        assert store.count() == len(cases) - 1
        by_title = {h.article.title: h.article for h in _all(store)}
    for case in cases:
        if case.path.name.startswith("tempoen"):
            continue
        article = by_title[case.title]  # the parser's title, exactly as expected
        assert article.published_at == case.published_at, case.id
        assert article.extraction_path.startswith("parser:"), case.id  # type: ignore[union-attr]

    # Nothing changed: every sitemap and listing answers 304, no article page is fetched.
    second = crawl(tmp_path, site, sources, *names)
    assert second["pantau_uji/sitemaps_not_modified"] == 1  # the index: children not needed
    assert second["kompas/listings_not_modified"] == 1
    assert all(n == 1 for n in page_hits(site, [c.url for c in cases]).values())

    # One page changed (newer lastmod), one page is new; listing page 1 gains a new link.
    changed, new_url = others[-1].url, "https://www.pantau-uji.id/berita/baru-1"
    serve_case(site, others[-1], new_url)
    new_kompas = "https://nasional.kompas.com/read/2016/03/01/10000001/Berita.Baru.Kompas"
    serve_case(site, kompas[0], new_kompas)
    plain_urls = [*plain_urls[:-1], (changed, T1), (new_url, T1)]
    site.add(PLAIN, urlset(plain_urls), headers={"Content-Type": XML, "ETag": '"p2"'})
    index = sitemap_index([(NEWS, "2016-02-23"), (PLAIN, "2016-03-01")])
    site.add(INDEX, index, headers={"Content-Type": XML, "ETag": '"i2"'})
    site.add(
        LISTING.format(page=1),
        listing_page([new_kompas, *pages[0]], 1),
        headers={"Content-Type": HTML, "ETag": '"l1b"'},
    )
    third = crawl(tmp_path, site, sources, *names)
    assert third["pantau_uji/sitemaps_not_modified"] == 1  # the news sitemap
    assert third["pantau_uji/pages_changed"] == 1
    assert third["pantau_uji/skipped_seen"] == len(plain_urls) - 2
    assert third["kompas/skipped_seen"] == 2 and third["kompas/listings_not_modified"] == 1
    assert site.hits[changed] == 2 and site.hits[new_url] == 1 and site.hits[new_kompas] == 1
    unchanged = [c.url for c in cases if c.url != changed]
    assert all(n == 1 for n in page_hits(site, unchanged).values())
    with open_result(tmp_path) as store:
        assert store.count() == len(cases) + 1  # two new URLs, nothing lost or duplicated
        health = {h.source: h for h in store.source_health()}
        assert health["pantau_uji"].ok and health["kompas"].ok


def _all(store):  # type: ignore[no-untyped-def]
    from store.base import SearchQuery

    return store.search(SearchQuery(size=500, facets=False, histogram=None, highlight=False)).hits
