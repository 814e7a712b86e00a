"""API throughput and latency: search and NDJSON export on a large SQLite store.

    python bench/api.py [--articles 100000] [--requests 400] [--threads 8] [--store DIR]

1. Builds a store of N synthetic articles by recombining sentences and titles of the real
   corpora (PANTAU_SHARED_DATA or ../shared/data: news/corpora/*.jsonl, read in place, never
   copied); every 10th article gets a stub analysis with one violation, so filters have work.
   ``--store DIR`` keeps the store there and reuses it on the next run.
2. Serves it with ``pantau serve`` (uvicorn, one process) on 127.0.0.1.
3. Fires a bounded number of requests from a thread pool of httpx clients and prints
   requests/s and p50/p95 latency for search (words, filters, sorts, facets, histogram) and
   for export pages (``limit=1000``), then the time to stream the whole store as NDJSON.

Figures only, no asserts; the load generator shares the machine with the server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.records import Analysis, Article, Violation
from store.sqlite import SQLiteStore

REGIONS = [
    ("Kabupaten Probolinggo", "35.13"), ("Kota Surabaya", "35.78"), ("Jawa Barat", "32"),
    ("Kota Medan", "12.71"), ("Kabupaten Garut", "32.05"), ("DKI Jakarta", "31"),
]  # fmt: skip
SOURCES = ["antara_jatim", "antara_jabar", "antara_sumut", "detik", "tempo"]
CATEGORIES = ["politik_uang", "netralitas", "kampanye_hitam", "intimidasi", "hak_pilih"]
STATUSES = ["alleged", "investigated", "found", "sanctioned"]
WORDS = ["pemilu", "bawaslu", "kpu", "partai", "presiden", "menteri", "polisi", "warga",
         "jakarta", "ekonomi", "harga", "sekolah", "banjir", "kampanye", "korupsi", "pemerintah",
         "anggaran", "dprd", "gubernur", "bupati"]  # fmt: skip


def corpus_parts() -> tuple[list[str], list[str]]:
    shared = Path(os.environ.get("PANTAU_SHARED_DATA") or Path(__file__).parents[2] / "shared/data")
    sentences: list[str] = []
    titles: list[str] = []
    for path in sorted((shared / "news" / "corpora").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if not row.get("content") or not row.get("title"):
                continue
            titles.append(row["title"])
            sentences += [s for s in re.split(r"(?<=[.!?])\s+", row["content"]) if len(s) > 30]
    if not sentences:
        sys.exit(f"no corpora under {shared}/news/corpora; set PANTAU_SHARED_DATA")
    return sentences, titles


def build_store(path: Path, n: int) -> SQLiteStore:
    store = SQLiteStore(path)
    have = store.count()
    if have >= n:
        print(f"reusing {path} with {have:,} articles")
        return store
    sentences, titles = corpus_parts()
    rng = random.Random(7)
    start, t0 = datetime(2024, 1, 1, tzinfo=UTC), time.perf_counter()
    for lo in range(have, n, 2000):
        batch = []
        for i in range(lo, min(n, lo + 2000)):
            region, code = rng.choice(REGIONS)
            batch.append(Article(
                url=f"https://bench.pantau.invalid/{i}", source=rng.choice(SOURCES),
                title=rng.choice(titles), body=" ".join(rng.sample(sentences, rng.randint(6, 14))),
                published_at=start + timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
                region=region, region_code=code,
            ))  # fmt: skip
        results = store.put_articles(batch)
        for r in results[::10]:
            v = Violation(category=rng.choice(CATEGORIES), status=rng.choice(STATUSES),
                          evidence="(bench)", confidence=0.8)  # fmt: skip
            store.put_analysis(r.id, Analysis(violations=[v], pipeline="bench"))
        print(f"\r  stored {min(n, lo + 2000):,}/{n:,}", end="", flush=True)
    print(f"\nbuilt {n:,} articles in {time.perf_counter() - t0:.0f} s ({path})")
    return store


def serve(db: Path, data: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PANTAU_STORE_URL": f"sqlite:///{db}", "PANTAU_DATA_DIR": str(data),
           "PANTAU_LOG_LEVEL": "WARNING", "PANTAU_API_AUTH": "off"}  # fmt: skip
    cmd = [sys.executable, "-m", "pantau", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, cwd=Path(__file__).parents[1])
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    sys.exit("the server did not start")


def search_params(rng: random.Random, words: list[str]) -> dict[str, str]:
    params = {"q": " ".join(rng.sample(words, rng.choice((1, 1, 2)))),
              "sort": rng.choice(("relevance", "date"))}  # fmt: skip
    if rng.random() < 0.3:
        params["region"] = rng.choice(REGIONS)[1]
    if rng.random() < 0.2:
        params["violation"] = rng.choice(CATEGORIES)
    return params


def load(base: str, paths: list[tuple[str, dict[str, str]]], threads: int) -> None:
    def one(item: tuple[str, dict[str, str]]) -> tuple[float, int]:
        started = time.perf_counter()
        with httpx.Client(timeout=120) as client:
            r = client.get(base + item[0], params=item[1])
            r.read()
        return time.perf_counter() - started, r.status_code

    t0 = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(one, paths))
    wall = time.perf_counter() - t0
    lat = sorted(r[0] for r in results)
    bad = sum(1 for r in results if r[1] != 200)
    p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
    print(f"  {len(lat)} requests, {threads} threads: {len(lat) / wall:.1f} req/s, "
          f"p50 {statistics.median(lat) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
          f"non-200: {bad}")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--port", type=int, default=8931)
    ap.add_argument("--store", type=Path, default=None, help="keep/reuse the store here")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="pantau-bench-api-")
    data = args.store or Path(tmp.name)
    data.mkdir(parents=True, exist_ok=True)
    build_store(data / "pantau.db", args.articles).close()
    words = WORDS
    proc = serve(data / "pantau.db", data, args.port)
    base = f"http://127.0.0.1:{args.port}"
    try:
        rng = random.Random(11)
        load(base, [("/api/v1/articles", search_params(rng, words)) for _ in range(20)], 2)
        print(f"search (/api/v1/articles, facets + histogram) on {args.articles:,} articles:")
        load(base, [("/api/v1/articles", search_params(rng, words))
                    for _ in range(args.requests)], args.threads)  # fmt: skip
        print("export pages (/api/v1/export/articles, limit=1000):")
        pages = [("/api/v1/export/articles", {**search_params(rng, words), "limit": "1000"})
                 for _ in range(max(8, args.requests // 10))]  # fmt: skip
        load(base, pages, min(args.threads, 4))
        t0, articles, size, last = time.perf_counter(), 0, 0, ""
        with httpx.stream("GET", f"{base}/api/v1/export/articles?sort=date", timeout=600) as r:
            for line in r.iter_lines():
                articles += line.startswith('{"article"')
                size += len(line) + 1
                last = line
        wall = time.perf_counter() - t0
        print(f"full export: {articles:,} articles, {size / 1e6:.0f} MB in {wall:.1f} s "
              f"({articles / wall:,.0f} articles/s, {size / 1e6 / wall:.1f} MB/s); "
              f"last line {last}")  # fmt: skip
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        tmp.cleanup()


if __name__ == "__main__":
    main()
