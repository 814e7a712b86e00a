"""End-to-end crawl throughput and peak memory, plus parse-only throughput, on saved pages.

    python bench/crawl.py [--copies 40] [--concurrency 32]

Every saved article page (PANTAU_SHARED_DATA or ../shared/data) is served by a LocalSite on
127.0.0.1 under ``--copies`` generated URLs on its outlet's host, behind one sitemap per
outlet. ``pantau crawl --all`` runs in a child process into a temporary SQLite store with
politeness off (no delay, no AutoThrottle, high concurrency — for this bench only). Prints
pages/s (fetched and parsed pages over the child's wall time, start-up included), the
child's peak RSS (ru_maxrss), and parse-only pages/s over the same pages. No asserts.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from crawlers.localserver import LocalSite  # noqa: E402
from crawlers.parsers import ParseError, parse_article  # noqa: E402
from crawlers.parsers.evaluate import load_cases  # noqa: E402

log = logging.getLogger(__name__)


def serve(site: LocalSite, copies: int) -> tuple[list[dict[str, object]], list[tuple[str, bytes]]]:
    by_outlet: dict[str, list[str]] = defaultdict(list)
    pages = []
    for case in load_cases():
        raw = case.path.read_bytes()
        host = urlsplit(case.url).netloc
        for i in range(copies):
            url = f"https://{host}/bench/{i}/{case.path.stem}"
            site.add(url, raw, headers={"Content-Type": "text/html; charset=utf-8"})
            by_outlet[case.outlet].append(url)
            pages.append((url, raw))
    sources = []
    for outlet, urls in by_outlet.items():
        sitemap = f"https://sitemap.bench.invalid/{outlet}.xml"
        rows = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
        body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
        site.add(sitemap, body, headers={"Content-Type": "application/xml"})
        sources.append({"name": outlet, "outlet": outlet, "title": outlet, "delay": 0,
                        "concurrency": 16, "sitemaps": [sitemap]})  # fmt: skip
    return sources, pages


def crawl(site: LocalSite, sources: list[dict[str, object]], concurrency: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        sources_file = Path(tmp) / "sources.yaml"
        sources_file.write_text(yaml.safe_dump({"sources": sources}), encoding="utf-8")
        env = {**os.environ, "PANTAU_DATA_DIR": tmp, "PANTAU_SOURCES_FILE": str(sources_file),
               "PANTAU_DOWNLOAD_DELAY": "0", "PANTAU_LOG_LEVEL": "WARNING"}  # fmt: skip
        sets = {"AUTOTHROTTLE_ENABLED": "false", "CONCURRENT_REQUESTS": concurrency,
                "PANTAU_SITEMAP_MAX_AGE_DAYS": 0, "LOG_LEVEL": "WARNING"}  # fmt: skip
        args = [a for k, v in sets.items() for a in ("--set", f"{k}={v}")]
        runner = ["/tmp/prof.py"] if os.environ.get("BENCH_PROFILE") else ["-m", "pantau"]
        cmd = [sys.executable, *runner, "crawl", "--all", "--host-map", site.base_url]
        start, server_cpu = time.perf_counter(), time.process_time()
        child = subprocess.Popen([*cmd, *args], env=env, stdout=subprocess.PIPE, cwd=REPO)
        out = child.stdout.read() if child.stdout else b""
        _pid, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        server_cpu = time.process_time() - server_cpu
        counters = json.loads(out or b"{}")
    pages = sum(v for k, v in counters.items() if k.endswith("/pages_ok"))
    stored = sum(v for k, v in counters.items() if k.endswith("/stored_new"))
    failed = sum(v for k, v in counters.items() if k.endswith("/pages_failed"))
    print(f"end to end: {pages} pages ({stored} stored, {failed} failed) in {elapsed:.1f}s = "
          f"{pages / elapsed:.1f} pages/s; child peak RSS {usage.ru_maxrss / 1024:.0f} MB; "
          f"child CPU {usage.ru_utime + usage.ru_stime:.1f}s, server CPU {server_cpu:.1f}s; "
          f"exit status {os.waitstatus_to_exitcode(status)}")  # fmt: skip


def parse_only(pages: list[tuple[str, bytes]]) -> None:
    start = time.perf_counter()
    errors = 0
    for url, raw in pages:
        try:
            parse_article(raw, url)
        except ParseError:
            errors += 1
    elapsed = time.perf_counter() - start
    print(f"parse only: {len(pages)} pages in {elapsed:.1f}s = {len(pages) / elapsed:.1f} "
          f"pages/s (errors={errors})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description="crawl pages/s and peak memory")
    parser.add_argument("--copies", type=int, default=40, help="URLs per saved page")
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    with LocalSite() as site:
        sources, pages = serve(site, args.copies)
        crawl(site, sources, args.concurrency)
    parse_only(pages)


if __name__ == "__main__":
    main()
