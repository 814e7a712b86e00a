"""The bundled fictional example articles (pantau/examples/articles.jsonl).

They are our own writing, marked as fiction in every body, and exist so that a fresh,
offline install shows a working, searchable site at once.
"""

from __future__ import annotations

import json
from pathlib import Path

from store.base import Store
from store.records import Article

EXAMPLES_FILE = Path(__file__).parent / "examples" / "articles.jsonl"


def example_articles() -> list[Article]:
    lines = EXAMPLES_FILE.read_text(encoding="utf-8").splitlines()
    return [
        Article.model_validate({**json.loads(line), "extraction_path": "example"})
        for line in lines
        if line.strip()
    ]


def load_examples(store: Store) -> int:
    """Put the examples into the store; returns how many were new."""
    results = store.put_articles(example_articles())
    return sum(r.created for r in results)
