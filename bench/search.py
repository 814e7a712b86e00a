"""Search at scale: bulk indexing and query latency, SQLite vs an OpenSearch node, one run.

    python bench/search.py [--sizes 10000,100000] [--queries 200] [--engines sqlite,opensearch]
                           [--batch 1000] [--seed 7]

For every engine and size (a fresh store each time):

1. Indexes N synthetic articles with ``store.put_articles`` in batches of ``--batch`` (the
   search-engine backend turns each batch into one ``_mget`` plus one ``_bulk`` request), then
   ``store.refresh()``; docs/s counts the puts and the refresh, not the generation of the
   articles. Articles come from bench/api.py's generator parts (``corpus_parts``, its sources,
   regions and violation categories): sentences and titles of the real corpora recombined,
   read in place; every 10th article carries an analysis with one violation.
2. Runs ``--queries`` queries of each kind, after 10 unmeasured warm-up queries per kind:
   - full-text: 1-2 words, relevance order, highlights on, no facets or histogram;
   - filtered:  1 word plus 1-2 filters (source, region code, 30-day date range, violation),
     newest first, no facets or histogram;
   - faceted:   1-2 words, relevance order, all facets and the daily histogram.
   Words are drawn with a fixed seed from the corpus vocabulary (lower-case words of 4+
   letters ranked 50-3000 by frequency). One client thread, queries one after another: the
   figures are latency as ``store.search`` sees it (request, engine, response parsing), not
   throughput under concurrency.
3. Peak memory: the VmHWM of this Python process for SQLite (the database runs in-process, so
   this includes Python, the corpus held for generation and SQLite's page cache); the VmHWM of
   the OpenSearch JVM for the node (heap -Xms512m -Xmx1g as tests/engines/nodes.py starts it,
   plus Lucene's memory-mapped index files that were touched). Both peaks are reset through
   /proc/<pid>/clear_refs before each size, where the kernel allows it.

The OpenSearch node is the test node from tests/engines/nodes.py (OpenSearch 2.19 from Maven
Central jars; build it with tests/engines/build.sh), one shard, no replicas, on this machine;
client and node share the CPUs. Figures only, no asserts.
"""

from __future__ import annotations

import argparse
import collections
import logging
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api import CATEGORIES, REGIONS, SOURCES, STATUSES, corpus_parts
from store.base import SearchQuery, Store
from store.records import Analysis, Article, ArticleStatus, Violation
from store.sqlite import SQLiteStore

KINDS = ("full-text", "filtered", "faceted")
WARMUP = 10
START = datetime(2024, 1, 1, tzinfo=UTC)
RESERVED = {"and", "or", "not"}


# -- machine -------------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    return f"{os.cpu_count()} cores, {mem_kb / 2**20:.1f} GiB RAM, {model}"


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def vm_hwm_mb(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # pragma: no cover


def reset_hwm(pid: int | str = "self") -> bool:
    """Reset the peak RSS (Linux 4.0+: write 5 to clear_refs); False where not allowed."""
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


# -- data ----------------------------------------------------------------------------------


def vocabulary(sentences: list[str]) -> list[str]:
    """Corpus words of 4+ letters, ranked 50-3000 by frequency (common, but not stopwords)."""
    counts = collections.Counter(
        w for s in sentences for w in re.findall(r"[a-z]{4,}", s.lower()) if w not in RESERVED
    )
    return [w for w, _ in counts.most_common(3000)[50:]]


def article_batches(
    n: int, sentences: list[str], titles: list[str], batch: int, seed: int
) -> Iterator[list[Article]]:
    """N articles as in bench/api.py's build_store, with the analysis set on the article."""
    rng = random.Random(seed)
    for lo in range(0, n, batch):
        out = []
        for i in range(lo, min(n, lo + batch)):
            region, code = rng.choice(REGIONS)
            article = Article(
                url=f"https://bench.pantau.invalid/{i}", source=rng.choice(SOURCES),
                title=rng.choice(titles), body=" ".join(rng.sample(sentences, rng.randint(6, 14))),
                published_at=START + timedelta(minutes=rng.randint(0, 60 * 24 * 365)),
                region=region, region_code=code,
            )  # fmt: skip
            if i % 10 == 0:
                v = Violation(category=rng.choice(CATEGORIES), status=rng.choice(STATUSES),
                              evidence="(bench)", confidence=0.8)  # fmt: skip
                analysis = Analysis(violations=[v], pipeline="bench")
                article = article.model_copy(
                    update={"analysis": analysis, "status": ArticleStatus.ANALYZED}
                )
            out.append(article)
        yield out


def make_queries(kind: str, count: int, words: list[str], seed: int) -> list[SearchQuery]:
    rng = random.Random(f"{seed}-{kind}")
    out = []
    for _ in range(count):
        if kind == "full-text":
            q = " ".join(rng.sample(words, rng.choice((1, 1, 2))))
            out.append(SearchQuery(q=q, facets=False, histogram=None))
        elif kind == "filtered":
            extra: dict[str, object] = {}
            for name in rng.sample(
                ("sources", "regions", "dates", "violations"), rng.randint(1, 2)
            ):
                if name == "sources":
                    extra["sources"] = [rng.choice(SOURCES)]
                elif name == "regions":
                    extra["regions"] = [rng.choice(REGIONS)[1]]
                elif name == "violations":
                    extra["violations"] = [rng.choice(CATEGORIES)]
                else:
                    lo = START + timedelta(days=rng.randint(0, 334))
                    extra.update(date_from=lo, date_to=lo + timedelta(days=30))
            out.append(
                SearchQuery(
                    q=rng.choice(words),
                    sort="date",
                    facets=False,
                    histogram=None,
                    highlight=False,
                    **extra,  # type: ignore[arg-type]
                )
            )
        else:
            q = " ".join(rng.sample(words, rng.choice((1, 1, 2))))
            out.append(SearchQuery(q=q, facets=True, histogram="day"))
    return out


# -- measuring -----------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@dataclass
class Row:
    engine: str
    size: int
    docs_per_s: float = 0.0
    index_s: float = 0.0
    latency: dict[str, list[float]] = field(default_factory=dict)  # ms
    hits: dict[str, float] = field(default_factory=dict)  # mean total per query
    errors: int = 0
    peak_mb: float = 0.0
    disk_mb: float = 0.0


def measure(
    engine: str,
    size: int,
    store: Store,
    corpus: tuple[list[str], list[str]],
    queries: dict[str, list[SearchQuery]],
    args: argparse.Namespace,
    peak: Callable[[], float],
    disk: Callable[[], float],
) -> Row:
    row = Row(engine, size)
    sentences, titles = corpus
    spent = 0.0
    for batch in article_batches(size, sentences, titles, args.batch, args.seed):
        t0 = time.perf_counter()
        store.put_articles(batch)
        spent += time.perf_counter() - t0
    t0 = time.perf_counter()
    store.refresh()
    spent += time.perf_counter() - t0
    assert store.count() == size, f"{engine}: {store.count()} articles stored, wanted {size}"
    row.index_s, row.docs_per_s = spent, size / spent
    print(f"  {engine} {size:,}: indexed in {spent:.1f} s ({row.docs_per_s:,.0f} docs/s)")
    for kind in KINDS:
        for q in queries[kind][:WARMUP]:
            store.search(q)
        lat, totals = [], []
        for q in queries[kind][WARMUP:]:
            t0 = time.perf_counter()
            try:
                page = store.search(q)
            except Exception as exc:
                row.errors += 1
                print(f"    {kind} query {q.q!r} failed: {exc}", file=sys.stderr)
                continue
            lat.append((time.perf_counter() - t0) * 1000)
            totals.append(page.total)
        row.latency[kind] = lat
        row.hits[kind] = sum(totals) / max(1, len(totals))
        print(
            f"    {kind}: p50 {pct(lat, 50):.1f} ms, p95 {pct(lat, 95):.1f} ms, "
            f"p99 {pct(lat, 99):.1f} ms, {row.hits[kind]:,.0f} hits/query on average"
        )
    row.peak_mb, row.disk_mb = peak(), disk()
    return row


def run_sqlite(size: int, corpus, queries, args) -> Row:  # type: ignore[no-untyped-def]
    with tempfile.TemporaryDirectory(prefix="pantau-bench-search-") as tmp:
        path = Path(tmp) / "pantau.db"
        if not reset_hwm():
            print("  (cannot reset this process's peak RSS; it covers the whole run so far)")
        store = SQLiteStore(path)
        try:

            def disk() -> float:
                return sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6

            return measure("SQLite", size, store, corpus, queries, args, vm_hwm_mb, disk)
        finally:
            store.close()


def run_opensearch(node, size: int, corpus, queries, args) -> Row:  # type: ignore[no-untyped-def]
    from store.search import open_search_store

    url = f"opensearch://127.0.0.1:{node.http_port}?prefix=bench-{size}-&replicas=0&timeout=120"
    store = open_search_store(url)
    pid = node.process.pid
    if not reset_hwm(pid):
        print("  (cannot reset the JVM's peak RSS; it covers the whole run so far)")
    try:

        def disk() -> float:
            stats = store.client.request("GET", f"/{store.articles}/_stats/store", None, None)
            return stats["_all"]["primaries"]["store"]["size_in_bytes"] / 1e6

        return measure(
            "OpenSearch", size, store, corpus, queries, args, lambda: vm_hwm_mb(pid), disk
        )
    finally:
        store.drop_indices()
        store.close()


def cell(values: list[float]) -> str:
    if not values:
        return "-"
    return " / ".join(f"{pct(values, p):.0f}" if pct(values, p) >= 10 else f"{pct(values, p):.1f}"
                      for p in (50, 95, 99))  # fmt: skip


def table(rows: list[Row]) -> str:
    head = (
        "| engine | articles | indexing docs/s | full-text p50 / p95 / p99 ms "
        "| filtered p50 / p95 / p99 ms | faceted p50 / p95 / p99 ms | peak RSS MB | on disk MB |"
    )
    lines = [head, "|" + "---|" * 8]
    for r in rows:
        lines.append(
            f"| {r.engine} | {r.size:,} | {r.docs_per_s:,.0f} | "
            + " | ".join(cell(r.latency.get(k, [])) for k in KINDS)
            + f" | {r.peak_mb:,.0f} | {r.disk_mb:,.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    ap.add_argument("--queries", type=int, default=200, help="measured queries per kind")
    ap.add_argument("--engines", default="sqlite,opensearch", help="sqlite, opensearch or both")
    ap.add_argument("--batch", type=int, default=1000, help="articles per put_articles call")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    engines = [e.strip().lower() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - {"sqlite", "opensearch"}
    if unknown:
        sys.exit(f"unknown engine(s): {', '.join(sorted(unknown))}; use sqlite, opensearch")
    logging.basicConfig(level=logging.WARNING)
    # The engine client logs the 404s of the first alias look-ups; keep the output to figures.
    for name in ("opensearch", "elastic_transport", "urllib3"):
        logging.getLogger(name).setLevel(logging.ERROR)

    started = time.perf_counter()
    print(f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    print(f"load average at start (1/5/15 min): {load_average()}")
    print(f"command: python bench/search.py {' '.join(sys.argv[1:])}".rstrip())
    corpus = corpus_parts()
    words = vocabulary(corpus[0])
    print(f"corpus: {len(corpus[0]):,} sentences, {len(corpus[1]):,} titles; "
          f"query vocabulary {len(words):,} words; one client thread")  # fmt: skip
    queries = {k: make_queries(k, args.queries + WARMUP, words, args.seed) for k in KINDS}

    rows: list[Row] = []
    if "sqlite" in engines:
        for size in sizes:
            rows.append(run_sqlite(size, corpus, queries, args))
    if "opensearch" in engines:
        from tests.engines.nodes import OPENSEARCH, SearchNode

        t0 = time.perf_counter()
        node = SearchNode(OPENSEARCH).start()
        print(f"  OpenSearch node up in {time.perf_counter() - t0:.0f} s at {node.url}")
        try:
            for size in sizes:
                rows.append(run_opensearch(node, size, corpus, queries, args))
        finally:
            node.stop()

    print()
    print(table(rows))
    errors = sum(r.errors for r in rows)
    print()
    print(f"{args.queries} measured queries per kind and size (after {WARMUP} warm-up), "
          f"{errors} failed; load average at end (1/5/15 min): {load_average()}; "
          f"wall time {(time.perf_counter() - started) / 60:.1f} min")  # fmt: skip


if __name__ == "__main__":
    main()
