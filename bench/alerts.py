"""Alert matching throughput and article-to-webhook latency.

    python bench/alerts.py [--subscriptions 10000] [--max-df 0.05] [--latency-articles 200]
                           [--rate 20]

1. Matching: N subscriptions generated from words of the real corpora
   (PANTAU_SHARED_DATA or ../shared/data: news/corpora/*.jsonl, read in place) are matched
   against every corpus article, first by the in-process matcher alone, then by the analyze
   hook (read the article, match, write matches and outbox rows). Subscription words are
   drawn from those that (with their roots) occur in 2 articles up to --max-df of them.
2. Latency: articles enter a temp SQLite store at --rate per second; each is given a stub
   analysis (NLP time is not part of this figure) and goes through the hook, and the
   delivery worker posts it to a webhook receiver on 127.0.0.1. Prints p50/p95/max of
   put_article -> webhook arrival.

Figures only, no asserts. Wall-clock rates depend on what else runs on the machine; the
CPU-time rate (process time) is printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alerts.document import build
from alerts.matcher import Matcher
from alerts.models import Criteria, SubscriptionCreate
from alerts.query import forms
from alerts.service import AlertService
from pantau.settings import Settings
from store.records import Analysis, Article
from store.sqlite import SQLiteStore
from tests.alerts.receiver import Receiver

WORD = re.compile(r"[^\W\d_]{4,}")


def corpus_articles() -> list[Article]:
    shared = os.environ.get("PANTAU_SHARED_DATA")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2] / "shared" / "data"
    out = []
    for path in sorted((root / "news" / "corpora").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            rec = json.loads(line)
            url = f"https://bench.invalid/{path.stem}/{n}"
            source = rec.get("source") or path.stem
            out.append(Article(url=url, source=source, title=rec.get("title") or "",
                               body=rec.get("content") or ""))  # fmt: skip
    return out


def generate(articles: list[Article], n: int, max_df: float, seed: int = 7) -> list[Criteria]:
    """Queries shaped like real ones: words, ANDs, phrases, ORs, exclusions, prefixes."""
    rng = random.Random(seed)
    key_df: Counter[str] = Counter()
    words: set[str] = set()
    bigrams: list[str] = []
    for a in articles:
        key_df.update(k[2:] for k in build(a).keys if k.startswith("w:"))
        found = [w.lower() for w in WORD.findall(a.title + " " + a.body)]
        words.update(found)
        bigrams += [f"{x} {y}" for x, y in pairwise(found)][::25]
    top = len(articles) * max_df
    vocab = sorted(w for w in words if 2 <= max(key_df[f] for f in forms(w)) <= top)
    specific = set(vocab)
    bigrams = [b for b in bigrams if set(b.split()) <= specific]
    out: list[Criteria] = []
    for i in range(n):
        a, b, c = rng.sample(vocab, 3)
        phrase = rng.choice(bigrams)
        prefix = a[: max(5, len(a) - 3)]
        q = [a, f"{a} {b}", f"{a} {b}", f'"{phrase}"', f"{a} OR {b}", f"{a} -{b}",
             f"({a} OR {b}) {c}", f"{prefix}*", f'"{phrase}" {c}', a][i % 10]  # fmt: skip
        extra = {"categories": ["politik_uang"]} if i % 10 == 9 else {}
        out.append(Criteria(query=q, **extra))
    return out


def _rate(count: int, wall: float, cpu: float) -> str:
    return f"{count / wall:,.0f} articles/s wall, {count / cpu:,.0f} per CPU-second"


def bench_matching(articles: list[Article], subs: list[Criteria], tmp: Path) -> None:
    t0 = time.perf_counter()
    matcher = Matcher((f"s{i}", c) for i, c in enumerate(subs))
    print(f"index: {len(subs):,} subscriptions in {time.perf_counter() - t0:.2f} s")
    cands = sum(len(matcher.candidates(build(a))) for a in articles) / len(articles)
    for rounds in (1, 2):
        hits, w0, c0 = 0, time.perf_counter(), time.process_time()
        for a in articles:
            hits += len(matcher.match(a))
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        per = f"{cands:,.0f} candidates, {hits / len(articles):,.1f} matches per article"
        print(f"matcher, round {rounds}: {_rate(len(articles), wall, cpu)} ({per})")
    store = SQLiteStore(tmp / "match.db")
    service = AlertService.open(Settings(data_dir=tmp), store)
    _subscribe(service, subs)
    store.put_articles(articles)
    for a in articles:
        store.put_analysis(a.id, Analysis())
    w0, c0 = time.perf_counter(), time.process_time()
    for a in articles:
        service.on_analyzed(a.id)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"analyze hook (read + match + matches/outbox write): {_rate(len(articles), wall, cpu)}")
    service.close()
    store.close()


def _subscribe(service: AlertService, subs: list[Criteria]) -> None:
    for i, c in enumerate(subs):
        payload = {"name": f"b{i}", "criteria": c.model_dump(), "channel": {"type": "feed"}}
        service.repo.create(SubscriptionCreate.model_validate(payload))


def bench_latency(
    articles: list[Article], subs: list[Criteria], tmp: Path, n: int, rate: float
) -> None:
    receiver = Receiver().start()
    settings = Settings(data_dir=tmp, webhook_allow_private=True)
    store = SQLiteStore(tmp / "latency.db")
    service = AlertService.open(settings, store)
    _subscribe(service, subs)
    channel = {"type": "webhook", "url": receiver.url}
    payload = {"name": "latency", "criteria": {"outlets": ["latency"]}, "channel": channel}
    service.create(SubscriptionCreate.model_validate(payload))
    stop = threading.Event()
    worker = threading.Thread(target=service.worker.run, args=(stop,), daemon=True)
    worker.start()
    entered: dict[str, float] = {}
    for i in range(n):
        src = articles[i % len(articles)]
        url = f"https://bench.invalid/latency/{i}"
        a = Article(url=url, source="latency", title=src.title, body=src.body)
        entered[a.id] = time.time()
        store.put_article(a)
        store.put_analysis(a.id, Analysis())
        service.hook(a.id)
        time.sleep(max(0.0, 1 / rate - (time.time() - entered[a.id])))
    arrivals = {r.json["matches"][0]["article"]["id"]: r.at for r in receiver.wait_for(n, 120)}
    stop.set()
    service.worker.wake.set()
    worker.join(10)
    lat = sorted(arrivals[k] - entered[k] for k in entered)
    q = statistics.quantiles(lat, n=100)
    print(f"article -> webhook, {n} articles at {rate:g}/s beside {len(subs):,} subscriptions: "
          f"p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, "
          f"max {lat[-1] * 1000:.0f} ms")  # fmt: skip
    receiver.stop()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="alert matching and delivery figures")
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--max-df", type=float, default=0.05)
    parser.add_argument("--latency-articles", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0, help="articles entering per second")
    args = parser.parse_args()
    articles = corpus_articles()
    subs = generate(articles, args.subscriptions, args.max_df)
    mean = statistics.mean(len(a.title) + len(a.body) for a in articles)
    print(f"corpus: {len(articles)} articles, mean {mean:,.0f} characters; subscription "
          f"words occur in 2 articles up to {args.max_df:.0%} of them")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        bench_matching(articles, subs, Path(tmp))
        bench_latency(articles, subs, Path(tmp), args.latency_articles, args.rate)


if __name__ == "__main__":
    main()
