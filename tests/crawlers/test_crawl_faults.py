"""Faults generated on a local server: every bad page is retried or skipped with a counted
reason, nothing stored before is lost or duplicated, one bad source never stops the others,
and a source whose parser stops matching is flagged as layout_changed."""

from __future__ import annotations

from datetime import UTC, datetime

from crawlers.localserver import LocalSite
from store.records import article_id
from tests.crawlers.crawling import (
    HTML,
    XML,
    crawl,
    open_result,
    saved_cases,
    serve_case,
    source,
    urlset,
    write_sources,
)

GOOD_MAP = "https://www.baik.id/sitemap.xml"
BAD_MAP = "https://rusak.pantau.invalid/sitemap.xml"
BAD = "https://rusak.pantau.invalid"
LAYOUT_MAP = "https://www.kompas.com/sitemap.xml"
T0, T1 = datetime(2016, 2, 23, tzinfo=UTC), datetime(2016, 3, 1, tzinfo=UTC)


def test_faults_are_counted_and_lose_nothing(tmp_path, shared_data) -> None:  # type: ignore[no-untyped-def]
    cases = {c.id: c for c in saved_cases(shared_data)}
    good = [cases[k] for k in ("detik/detik-singlepage.html", "okezone/okezone-singlepage.html",
                               "republika/republika-singlepage.html")]  # fmt: skip
    with LocalSite() as site:
        for case in good:
            serve_case(site, case)
        site.add(GOOD_MAP, urlset([(c.url, T0) for c in good]), headers={"Content-Type": XML})
        sources = write_sources(tmp_path / "s.yaml", [
            source("baik", sitemaps=[GOOD_MAP]),
            source("rusak", sitemaps=[BAD_MAP]),
            source("mati", sitemaps=["https://mati.pantau.invalid/sitemap.xml"]),
            source("kompas", outlet="kompas", sitemaps=[LAYOUT_MAP]),
        ])  # fmt: skip
        first = crawl(tmp_path, site, sources, "--source", "baik")
        assert first["baik/stored_new"] == 3

        # The good source's pages now fail; its sitemap says they changed, so they are retried.
        site.add(GOOD_MAP, urlset([(c.url, T1) for c in good]), headers={"Content-Type": XML})
        for case in good:
            site.add(case.url, b"<html>Internal error</html>", status=500)
        # The bad source: every fault on one sitemap.
        charset = cases["antara/antara-singlepage3.html"]  # UTF-8 bytes declared as Latin-1
        truncated = cases["okezone/okezone-singlepage2.html"]
        raw = truncated.path.read_bytes()
        faults = {
            "timeout": f"{BAD}/berita/11111/lambat-sekali",
            "404": f"{BAD}/berita/22222/tidak-ada",
            "busy": f"{BAD}/berita/33333/sibuk-sebentar",
            "busy_long": f"{BAD}/berita/44444/sibuk-lama",
            "loop": f"{BAD}/berita/55555/putar-putar",
            "huge": f"{BAD}/berita/66666/raksasa",
            "robots": f"{BAD}/private/77777/rahasia",
            "charset": charset.url,
            "truncated": f"{BAD}/berita/88888/terpotong",
        }
        site.add(f"{BAD}/robots.txt", "User-agent: *\nDisallow: /private/\n")
        site.add(faults["timeout"], "<html>lambat</html>", delay=3)
        serve_case(site, good[0], faults["busy"], fail_first=1)  # 503 + Retry-After: 1, then 200
        site.add(faults["busy_long"], b"", status=503, headers={"Retry-After": "3600"})
        site.add(faults["loop"], b"", status=302, headers={"Location": f"{BAD}/berita/55556/b"})
        site.add(f"{BAD}/berita/55556/b", b"", status=302, headers={"Location": faults["loop"]})
        site.add(
            faults["huge"],
            b"<html><body>" + b"a" * (50 * 1024 * 1024),
            headers={"Content-Type": HTML},
        )
        site.add(faults["robots"], "<html>rahasia</html>")
        site.add(
            charset.url,
            charset.path.read_bytes(),
            headers={"Content-Type": "text/html; charset=iso-8859-1"},
        )
        site.add(faults["truncated"], raw[: len(raw) // 2], headers={"Content-Type": HTML})
        site.add(BAD_MAP, urlset(list(faults.values())), headers={"Content-Type": XML})
        # A source whose outlet parser no longer matches: Media Indonesia pages on kompas.com.
        media = [c for c in cases.values() if c.outlet == "mediaindonesia"]
        moved = [f"https://nasional.kompas.com/read/2016/02/23/{i}/berita-{i}" for i in range(6)]
        for i, url in enumerate(moved):
            serve_case(site, media[i % len(media)], url)
        site.add(LAYOUT_MAP, urlset(moved), headers={"Content-Type": XML})
        site.add("https://mati.pantau.invalid/sitemap.xml", b"", status=500)

        c = crawl(tmp_path, site, sources, "--all")
        hits = dict(site.hits)

    assert c["baik/pages_changed"] == 3 and c["baik/failed_http_500"] == 3  # retried once each
    assert all(hits[case.url] == 1 + 2 for case in good)
    assert c["rusak/failed_timeout"] == 1 and hits[faults["timeout"]] == 2
    assert c["rusak/failed_http_404"] == 1 and hits[faults["404"]] == 1
    assert hits[faults["busy"]] == 2 and c["rusak/stored_new"] >= 1  # waited, retried, stored
    assert c["rusak/failed_http_503"] == 1 and hits[faults["busy_long"]] == 1  # not waited for
    assert c["rusak/failed_redirect_loop"] == 1
    assert c["rusak/failed_too_large"] == 1
    assert c["rusak/failed_robots"] == 1 and faults["robots"] not in hits
    assert c["rusak/pages_failed"] == 6
    # busy (after its retry), charset and truncated answered; each is stored or skipped with
    # a counted reason (the truncated page keeps what survived of its body).
    assert c["rusak/pages_ok"] == 3
    assert c["rusak/stored_new"] + sum(v for k, v in c.items() if k.startswith("rusak/skipped_")
                                       and k != "rusak/skipped_no_text") == 3  # fmt: skip
    assert c["mati/sitemaps_failed"] == 1 and c["mati/failed_http_500"] == 1
    assert c["kompas/layout_miss"] == c["kompas/pages_ok"] == 6
    with open_result(tmp_path) as store:
        assert store.count() == 3 + c["rusak/stored_new"] + c["kompas/stored_new"]
        for case in good:  # stored before, still there, once
            assert (
                store.get_article(article_id(case.url.replace("http://", "https://"))) is not None
            )
        stored = store.get_article(article_id(charset.url.replace("http://", "https://")))
        assert stored is not None and "ü" in stored.body  # read as UTF-8 despite the header
        assert store.get_article(article_id(faults["huge"])) is None
        health = {h.source: h for h in store.source_health()}
    assert health["baik"].ok and health["rusak"].ok and not health["mati"].ok
    assert "HTTP 500" in (health["mati"].error or "")
    assert health["kompas"].counters["layout_changed"] == 1 and health["kompas"].ok
    assert "layout changed" in (health["kompas"].error or "")
