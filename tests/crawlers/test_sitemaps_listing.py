"""Sitemap parsing (plain, Google News, index, gzip, broken) and listing-page link extraction
on the saved index pages, checked against the links their source repository asserts."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime

import pytest

from crawlers.listing import article_links, site_of
from crawlers.sitemaps import SitemapError, parse_sitemap

NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://news.detik.com/berita/d-7190000/kpu-tetapkan-dpt</loc>
  <news:news><news:publication><news:name>detikNews</news:name><news:language>id</news:language>
  </news:publication><news:publication_date>2024-02-13T10:00:00+07:00</news:publication_date>
  <news:title>KPU Tetapkan DPT Pemilu 2024</news:title><news:keywords>kpu, dpt</news:keywords>
  </news:news></url>
 <url><loc>/relative/ignored</loc></url>
 <url><loc>https://news.detik.com/berita/d-7190001/bawaslu</loc><lastmod>2024-02-13</lastmod></url>
</urlset>"""


def test_google_news_sitemap() -> None:
    sitemap = parse_sitemap(NEWS)
    assert sitemap.kind == "urlset" and len(sitemap.urls) == 2
    first, second = sitemap.urls
    assert first.title == "KPU Tetapkan DPT Pemilu 2024" and first.keywords == ["kpu", "dpt"]
    assert first.published_at == datetime(2024, 2, 13, 3, tzinfo=UTC) == first.version
    assert second.lastmod == datetime(2024, 2, 13, tzinfo=UTC)  # a bare date is midnight UTC


def test_sitemap_index_gzip_and_garbage() -> None:
    index = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        b"<loc>https://x.id/s1.xml.gz</loc><lastmod>2024-02-13T00:00:00Z</lastmod></sitemap>"
    )  # unclosed: the recovering parser still reads it
    sitemap = parse_sitemap(gzip.compress(index))
    assert sitemap.kind == "sitemapindex" and sitemap.urls[0].loc == "https://x.id/s1.xml.gz"
    for bad in (b"", b"<html><body>not a sitemap</body></html>", b"\x1f\x8bnot gzip"):
        with pytest.raises(SitemapError):
            parse_sitemap(bad)


INDEX_PAGES = {
    "kompas/kompas-mainpage.html": "http://indeks.kompas.com/",
    "liputan6/liputan6-mainpage.html": "http://www.liputan6.com/indeks",
    "okezone/okezone-mainpage.html": "http://www.okezone.com/",
    "tempo/tempo-mainpage.html": "http://www.tempo.co/indeks",
    "viva/viva-mainpage.html": "http://www.viva.co.id/indeks",
}


@pytest.mark.parametrize("page", sorted(INDEX_PAGES))
def test_listing_links_on_saved_index_pages(shared_data, page) -> None:  # type: ignore[no-untyped-def]
    folder = shared_data / "news" / "html" / "anpandu_indonesian-news-scraper_2015-2017"
    expected = json.loads((folder / "expected_values.json").read_text("utf-8"))[page]
    links = [link.url for link in article_links((folder / page).read_bytes(), INDEX_PAGES[page])]
    assert set(expected["first_urls_from_index"]) <= set(links)
    assert not [u for u in links if "/tag/" in u or u.rstrip("/").endswith(".com")]


def test_listing_links_on_the_metrotvnews_topic_page(shared_data) -> None:  # type: ignore[no-untyped-def]
    folder = shared_data / "news" / "html" / "rojak_metrotvnews_2016_pilkada"
    expected = json.loads((folder / "expected_values.json").read_text("utf-8"))
    want = expected["metrotvnews_sample_page.html"]["article_urls_in_order"]
    body = (folder / "metrotvnews_sample_page.html").read_bytes()
    links = [
        link.url for link in article_links(body, "http://www.metrotvnews.com/more/topic/8602/0")
    ]
    assert len(set(want) & set(links)) >= 19  # of 20
    assert (
        site_of("x.republika.co.id") == "republika.co.id"
        and site_of("news.detik.com") == "detik.com"
    )
