"""`pantau run` end to end on the embedded store: examples loaded, analysed and searchable,
a scheduled crawl of a local feed, and an unreachable source reported in /healthz."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from crawlers.localserver import LocalSite


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, check, timeout: float = 120.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = httpx.get(url, timeout=5)
            if check(last):
                return last
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not become ready: {last and last.text[:500]}")


@pytest.mark.slow
def test_pantau_run_serves_examples_and_crawls(tmp_path: Path, shared_data: Path) -> None:
    feed_url = "https://jambi.antaranews.com/rss/terkini.xml"
    sources = tmp_path / "sources.yaml"
    sources.write_text(
        yaml.safe_dump(
            {
                "sources": [
                    {
                        "name": "antara_jambi",
                        "outlet": "antara",
                        "title": "ANTARA Jambi",
                        "region": "Jambi",
                        "region_code": "15",
                        "policy": "feed_only",
                        "feeds": [feed_url],
                    },
                    {
                        "name": "unreachable",
                        "outlet": "x",
                        "title": "Tidak terjangkau",
                        "policy": "feed_only",
                        "feeds": ["https://tidak-ada.pantau.invalid/rss.xml"],
                    },
                ]
            }
        )
    )
    with LocalSite() as site:
        site.add_file(
            feed_url,
            shared_data / "news/rss/antara_jambi_terkini_2022-08-28.xml",
            "application/rss+xml",
        )
        site.add("https://tidak-ada.pantau.invalid/rss.xml", b"", status=503)
        port = free_port()
        env = {
            **os.environ,
            "PANTAU_DATA_DIR": str(tmp_path / "data"),
            "PANTAU_SOURCES_FILE": str(sources),
            "PANTAU_PORT": str(port),
            "PANTAU_DOWNLOAD_DELAY": "0",
            "PANTAU_ANALYZE_INTERVAL_SECONDS": "1",
            "PANTAU_CRAWL_HOST_MAP": site.base_url,
        }
        proc = subprocess.Popen(
            [sys.executable, "-m", "pantau", "run"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            health = wait_for(
                f"{base}/healthz",
                lambda r: (
                    r.status_code == 200
                    and len(r.json()["sources"]) == 2
                    and r.json()["store"]["pending"] == 0
                ),
            )
            body = health.json()
            assert body["status"] == "degraded"
            assert body["failing_sources"] == ["unreachable"]
            assert body["store"]["articles"] >= 26 + 20
            examples = httpx.get(
                f"{base}/api/v1/articles", params={"source": "contoh_pantau", "size": 100}
            ).json()
            assert examples["total"] >= 20
            page = httpx.get(f"{base}/", params={"q": "Bawaslu"})
            assert page.status_code == 200 and "<mark>Bawaslu</mark>" in page.text
            crawled = httpx.get(f"{base}/api/v1/articles", params={"source": "antara_jambi"}).json()
            assert crawled["total"] == 20
            reports = httpx.get(
                f"{base}/api/v1/articles", params={"source": "contoh_pantau", "facets": "true"}
            ).json()
            assert reports["facets"]["violation"], (
                "the examples should yield detected violation reports"
            )
        finally:
            proc.terminate()
            try:
                out, _ = proc.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, _ = proc.communicate()
        assert "Traceback" not in out, out[-3000:]
