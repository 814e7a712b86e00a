"""A crawl stopped mid-way (SIGINT, as an operator or a scheduler does) and run again with
--resume fetches every page exactly once and stores every article exactly once."""

from __future__ import annotations

import json
import signal
import subprocess
import time

from crawlers.localserver import LocalSite
from tests.crawlers.crawling import (
    XML,
    crawl,
    crawl_command,
    crawl_env,
    open_result,
    saved_cases,
    serve_case,
    source,
    urlset,
    write_sources,
)

SITEMAP = "https://news.detik.com/sitemap_news.xml"
PAGES = 16


def test_a_stopped_crawl_resumes_without_losses_or_duplicates(tmp_path, shared_data) -> None:  # type: ignore[no-untyped-def]
    case = next(c for c in saved_cases(shared_data) if c.outlet == "detik")
    urls = [f"https://news.detik.com/berita/d-{1000 + i}/berita-pilkada-{i}" for i in range(PAGES)]
    with LocalSite() as site:
        for url in urls:
            serve_case(site, case, url, delay=0.25)
        site.add(SITEMAP, urlset(urls), headers={"Content-Type": XML, "ETag": '"s1"'})
        sources = write_sources(
            tmp_path / "s.yaml",
            [source("detik", outlet="detik", concurrency=1, sitemaps=[SITEMAP])],
        )
        args = ("--source", "detik", "--resume")
        child = subprocess.Popen(
            # One request at a time, so that most pages are still queued when it stops.
            crawl_command(tmp_path, site, sources, *args, "--set", "CONCURRENT_REQUESTS=1"),
            env=crawl_env(tmp_path, sources),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        deadline = time.monotonic() + 60
        while sum(site.hits.get(u, 0) for u in urls) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)  # graceful stop: in-flight pages finish and are stored
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err[-2000:]
        first = json.loads(out)
        assert first["_finish_reason"] == "shutdown"
        with open_result(tmp_path) as store:
            stored_before = store.count()
        assert 0 < stored_before < PAGES
        assert (tmp_path / "data" / "jobs").is_dir() and any((tmp_path / "data" / "jobs").iterdir())

        second = crawl(tmp_path, site, sources, *args)
        hits = {u: site.hits.get(u, 0) for u in urls}

    assert second["_finish_reason"] == "finished"
    assert second["detik/sitemaps_ok"] == 1  # validators of a stopped crawl were not kept
    assert second.get("detik/skipped_seen", 0) >= stored_before - 1
    assert all(n == 1 for n in hits.values()), hits  # every page fetched exactly once
    with open_result(tmp_path) as store:
        assert store.count() == PAGES  # none lost, none duplicated
    assert not any((tmp_path / "data" / "jobs").iterdir())  # a finished job leaves no state
