"""Speed of the full `pantau extract` pipeline on the real articles in the shared corpora.

Prints words/s and articles/s for one process and for N worker processes, and the peak
memory (max RSS) of the run. Reads ../shared/data/news/corpora (or PANTAU_SHARED_DATA).

    .venv/bin/python bench/nlp.py [--model auto|none|DIR] [--limit 400] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def load_articles(limit: int) -> list[dict[str, str]]:
    shared = Path(os.environ.get("PANTAU_SHARED_DATA") or REPO.parent / "shared" / "data")
    corpora = sorted((shared / "news" / "corpora").glob("newsworkshop_*.jsonl"))
    if not corpora:
        sys.exit(f"no corpora under {shared}/news/corpora; set PANTAU_SHARED_DATA")
    articles = []
    for path in corpora:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles.append({"title": record.get("title") or "", "text": record.get("content") or ""})
    return articles[:limit]


_EXTRACTOR = None


def _init(model: str) -> None:
    global _EXTRACTOR
    from nlp.extract import Extractor

    _EXTRACTOR = Extractor(model=model)


def _run(batch: list[dict[str, str]]) -> int:
    assert _EXTRACTOR is not None
    for a in batch:
        _EXTRACTOR.extract(a["text"], a["title"])
    return len(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="auto")
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    articles = load_articles(args.limit)
    words = sum(len(a["text"].split()) + len(a["title"].split()) for a in articles)

    _init(args.model)
    assert _EXTRACTOR is not None
    print(f"pipeline: {_EXTRACTOR.name}; {len(articles)} articles, {words:,} words")
    _run(articles[:5])  # warm-up: lazy gazetteers and lexicons
    started = time.perf_counter()
    _run(articles)
    single = time.perf_counter() - started
    print(f"single process: {words / single:,.0f} words/s, {len(articles) / single:,.1f} articles/s")

    chunks = [articles[i : i + 20] for i in range(0, len(articles), 20)]
    with ProcessPoolExecutor(args.workers, initializer=_init, initargs=(args.model,)) as pool:
        list(pool.map(_run, [articles[:2]] * args.workers))  # warm every worker
        started = time.perf_counter()
        done = sum(pool.map(_run, chunks))
        multi = time.perf_counter() - started
    print(
        f"{args.workers} processes: {words / multi:,.0f} words/s, {done / multi:,.1f} articles/s"
    )
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak_self:,.0f} MB (main), {peak_children:,.0f} MB (largest worker)")


if __name__ == "__main__":
    main()
