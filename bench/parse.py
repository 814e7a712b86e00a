"""Parse-only throughput of parse_article over every saved article page.

    python bench/parse.py [-n ROUNDS] [--generic]

Pages are read into memory first (PANTAU_SHARED_DATA or ../shared/data); the timer covers
parse_article only. --generic forces the JSON-LD/trafilatura path (unknown host).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawlers.parsers import ParseError, parse_article
from crawlers.parsers.evaluate import load_cases

log = logging.getLogger(__name__)


def main() -> None:
    parser = argparse.ArgumentParser(description="parse-only pages per second")
    parser.add_argument("-n", "--rounds", type=int, default=20)
    parser.add_argument("--generic", action="store_true", help="force the generic chain")
    args = parser.parse_args()
    pages = [(case.url, case.path.read_bytes()) for case in load_cases()]
    paths: Counter[str] = Counter()
    errors = 0
    start = time.perf_counter()
    for _ in range(args.rounds):
        for url, raw in pages:
            try:
                article = parse_article(raw, "https://unknown.example/a" if args.generic else url)
                paths[article.extraction_path.split("_v")[0]] += 1
            except ParseError:
                errors += 1
    elapsed = time.perf_counter() - start
    total = len(pages) * args.rounds
    print(f"{total} parses of {len(pages)} pages in {elapsed:.2f}s: {total / elapsed:.1f} pages/s "
          f"({1000 * elapsed / total:.1f} ms/page), errors={errors}")  # fmt: skip
    print(dict(paths))


if __name__ == "__main__":
    main()
