"""Real Scrapy crawls of the real saved feeds, served by a local HTTP server on 127.0.0.1
under their original URLs (crawlers/localserver.py + HostMapMiddleware)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from crawlers.localserver import LocalSite
from store.base import SearchQuery
from store.sqlite import SQLiteStore

RSS = "application/rss+xml; charset=utf-8"

# Saved feed file → the URL it was published at (see shared/data/news/rss/SOURCE.txt).
FEEDS = {
    "antara_www_rss_news_2015-11.xml": "http://www.antaranews.com/rss/news.xml",
    "antara_jambi_terkini_2022-08-28.xml": "https://jambi.antaranews.com/rss/terkini.xml",
    "detik_news_rss_2016.xml": "http://rss.detik.com/index.php/detikcom",
    "detik_news_rss_2017-04.xml": "http://rss.detik.com/index.php/detikcom_nasional",
    "kapanlagi_rss_2016.xml": "https://www.kapanlagi.com/feed/",
    "republika_rss_2016.xml": "http://www.republika.co.id/rss",
    "tempo_rss_2017-04-28.xml": "https://www.tempo.co/rss/terkini",
    "viva_rss_all_2017-04.xml": "http://www.viva.co.id/get/all",
}


def write_sources(path: Path, entries: list[dict]) -> Path:
    path.write_text(yaml.safe_dump({"sources": entries}, allow_unicode=True), encoding="utf-8")
    return path


def crawl(tmp_path: Path, site: LocalSite, sources_file: Path, *names: str) -> dict[str, int]:
    env = {
        **os.environ,
        "PANTAU_DATA_DIR": str(tmp_path / "data"),
        "PANTAU_SOURCES_FILE": str(sources_file),
        "PANTAU_DOWNLOAD_DELAY": "0",
        "PANTAU_LOG_LEVEL": "WARNING",
    }
    args = [a for name in names for a in ("--source", name)]
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "crawl", *args, "--host-map", site.base_url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def open_result(tmp_path: Path) -> SQLiteStore:
    return SQLiteStore(tmp_path / "data" / "pantau.db")


@pytest.fixture
def site():  # type: ignore[no-untyped-def]
    with LocalSite() as s:
        yield s


def test_every_saved_feed_is_crawled_into_the_store(tmp_path, site, shared_data) -> None:  # type: ignore[no-untyped-def]
    entries = []
    for i, (name, url) in enumerate(FEEDS.items()):
        site.add_file(url, shared_data / "news" / "rss" / name, RSS)
        entries.append(
            {
                "name": f"feed{i}",
                "outlet": "generic",
                "title": name,
                "policy": "feed_only",
                "feeds": [url],
            }
        )
    sources = write_sources(tmp_path / "sources.yaml", entries)
    counters = crawl(tmp_path, site, sources, *(e["name"] for e in entries))
    with open_result(tmp_path) as store:
        stored = store.count()
        assert stored > 250  # 313 items in the eight feeds, minus duplicates and English items
        for i in range(len(FEEDS)):
            assert counters[f"feed{i}/feeds_ok"] == 1
        items = sum(v for k, v in counters.items() if k.endswith("/feed_items"))
        accounted = sum(
            v
            for k, v in counters.items()
            if k.endswith(("/stored_new", "/updated", "/unchanged")) or "/skipped_" in k
        )
        assert items == accounted  # every item is stored or skipped with a counted reason
        health = {h.source: h for h in store.source_health()}
        assert all(h.ok for h in health.values())
        page = store.search(SearchQuery(q="Lombok"))
        assert page.total >= 1
    robots = [u for u in site.hits if u.endswith("/robots.txt")]
    assert "http://www.antaranews.com/robots.txt" in robots  # robots.txt is asked first


def test_recrawl_updates_in_place_and_keeps_what_is_stored(tmp_path, site, shared_data) -> None:  # type: ignore[no-untyped-def]
    url = FEEDS["antara_jambi_terkini_2022-08-28.xml"]
    site.add_file(url, shared_data / "news" / "rss" / "antara_jambi_terkini_2022-08-28.xml", RSS)
    sources = write_sources(
        tmp_path / "s.yaml",
        [
            {
                "name": "antara_jambi",
                "outlet": "antara",
                "title": "ANTARA Jambi",
                "region": "Jambi",
                "region_code": "15",
                "policy": "feed_only",
                "feeds": [url],
            },
        ],
    )
    first = crawl(tmp_path, site, sources, "antara_jambi")
    assert first["antara_jambi/stored_new"] == 20
    second = crawl(tmp_path, site, sources, "antara_jambi")
    assert second["antara_jambi/unchanged"] == 20 and "antara_jambi/stored_new" not in second
    site.add(
        url, b"<html><body>Maintenance</body></html>", status=503, headers={"Retry-After": "1"}
    )
    third = crawl(tmp_path, site, sources, "antara_jambi")
    assert third["antara_jambi/feeds_failed"] == 1
    with open_result(tmp_path) as store:
        assert store.count() == 20  # nothing stored before is lost
        health = store.source_health()[0]
        assert health.ok is False and "HTTP 503" in (health.error or "")
        assert health.error.startswith("https://jambi.antaranews.com/")  # type: ignore[union-attr]
        article = store.search(SearchQuery(sort="date", size=1)).hits[0].article
        assert article.region == "Jambi" and article.region_code == "15"
        assert article.extraction_path == "feed"


BROKEN_ITEMS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Contoh</title>
<item><title>Tanpa tautan</title><description>Butir ini tidak punya link.</description></item>
<item><title>Tanpa tanggal: KPU menetapkan jadwal kampanye pemilihan kepala daerah</title>
  <link>https://contoh.pantau.invalid/a/1</link>
  <description>Komisi Pemilihan Umum menetapkan jadwal kampanye dan meminta peserta mematuhi aturan yang berlaku.</description></item>
<item><title>Duplikat: Bawaslu mengawasi tahapan kampanye di kecamatan</title>
  <link>https://contoh.pantau.invalid/a/2?utm_source=rss</link>
  <pubDate>Tue, 13 Feb 2024 10:00:00 +0700</pubDate>
  <description>Bawaslu mengawasi tahapan kampanye di seluruh kecamatan dan menerima laporan warga.</description></item>
<item><title>Duplikat: Bawaslu mengawasi tahapan kampanye di kecamatan</title>
  <link>https://contoh.pantau.invalid/a/2</link>
  <pubDate>Tue, 13 Feb 2024 10:00:00 +0700</pubDate>
  <description>Bawaslu mengawasi tahapan kampanye di seluruh kecamatan dan menerima laporan warga.</description></item>
<item><title>Terpotong
"""


def test_bad_feeds_are_counted_and_do_not_stop_other_sources(tmp_path, site, shared_data) -> None:  # type: ignore[no-untyped-def]
    good = FEEDS["republika_rss_2016.xml"]
    site.add_file(good, shared_data / "news" / "rss" / "republika_rss_2016.xml", RSS)
    site.add("https://contoh.pantau.invalid/items.xml", BROKEN_ITEMS, headers={"Content-Type": RSS})
    site.add("https://contoh.pantau.invalid/html.xml", "<html><body>bukan feed</body></html>")
    # Declared UTF-8, actually Latin-1: "é" as the single byte 0xE9.
    latin = (
        BROKEN_ITEMS.split("<item><title>Terpotong")[0].replace("Contoh", "Caf\xe9")
        + "</channel></rss>"
    )
    site.add(
        "https://contoh.pantau.invalid/latin.xml",
        latin.encode("latin-1"),
        headers={"Content-Type": "application/rss+xml"},
    )
    site.add("https://down.pantau.invalid/rss.xml", b"", status=500)
    sources = write_sources(
        tmp_path / "s.yaml",
        [
            {
                "name": "good",
                "outlet": "republika",
                "title": "R",
                "policy": "feed_only",
                "feeds": [good],
            },
            {
                "name": "broken",
                "outlet": "x",
                "title": "B",
                "policy": "feed_only",
                "feeds": [
                    "https://contoh.pantau.invalid/items.xml",
                    "https://contoh.pantau.invalid/html.xml",
                    "https://contoh.pantau.invalid/latin.xml",
                ],
            },
            {
                "name": "down",
                "outlet": "x",
                "title": "D",
                "policy": "feed_only",
                "feeds": ["https://down.pantau.invalid/rss.xml"],
            },
        ],
    )
    c = crawl(tmp_path, site, sources, "good", "broken", "down")
    assert c["good/stored_new"] == 10
    # one in each copy of the items, plus the truncated last item (recovered, but link-less)
    assert c["broken/skipped_no_link"] == 3
    assert c["broken/feeds_failed"] == 1  # the HTML page
    assert c["broken/feeds_ok"] == 2
    assert c["broken/missing_date"] == 2
    assert c["broken/skipped_duplicate"] >= 2  # the utm_source copy and the second feed's copies
    assert c["down/feeds_failed"] == 1
    with open_result(tmp_path) as store:
        health = {h.source: h for h in store.source_health()}
        assert health["good"].ok and health["broken"].ok and not health["down"].ok
        assert "HTTP 500" in (health["down"].error or "")
        urls = {h.article.url for h in store.search(SearchQuery(sources=["broken"])).hits}
        assert urls == {"https://contoh.pantau.invalid/a/1", "https://contoh.pantau.invalid/a/2"}
