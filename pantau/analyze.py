"""The analyze stage: pending articles → NLP pipeline → analyses in the store.

A failure on one article is data (status ``failed`` with the error), never a crashed batch.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from nlp.extract import Extractor
from store.base import Store
from store.records import ArticleStatus

log = logging.getLogger(__name__)

AfterAnalysis = Callable[[str], None]


@dataclass
class AnalyzeCounts:
    analyzed: int = 0
    failed: int = 0


def analyze_pending(
    store: Store,
    extractor: Extractor,
    *,
    batch_size: int = 50,
    limit: int | None = None,
    progress: bool = False,
    after: AfterAnalysis | None = None,
) -> AnalyzeCounts:
    """Analyze articles with status ``new`` until none is left (or ``limit`` is reached)."""
    counts = AnalyzeCounts()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=store.count(ArticleStatus.NEW), unit="article", desc="analyze")
    try:
        while limit is None or counts.analyzed + counts.failed < limit:
            size = (
                batch_size
                if limit is None
                else min(batch_size, limit - counts.analyzed - counts.failed)
            )
            batch = store.pending(size)
            if not batch:
                break
            for article in batch:
                try:
                    analysis = extractor.analysis(article.body, article.title)
                except Exception as exc:
                    log.exception("analysis failed for article %s (%s)", article.id, article.url)
                    store.put_analysis(
                        article.id, None, status=ArticleStatus.FAILED,
                        error=f"{type(exc).__name__}: {exc}",
                    )  # fmt: skip
                    counts.failed += 1
                else:
                    store.put_analysis(article.id, analysis)
                    counts.analyzed += 1
                    if after is not None:
                        after(article.id)
                if bar is not None:
                    bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    return counts
