"""Per-source health from one crawl's counters (``pantau/<source>/<counter>`` Scrapy stats).

- ``ok`` is false when the source had errors and nothing of it worked: no feed, sitemap,
  listing or article page answered (a 304 counts as working). One broken feed among good
  ones keeps the source ok; its error text is still stored.
- ``layout_changed``: the outlet has its own parser, at least ``PANTAU_LAYOUT_MIN_PAGES``
  pages were fetched, and on more than ``PANTAU_LAYOUT_MISS_SHARE`` of them the parser did
  not match (the page fell back to JSON-LD / trafilatura, or nothing could parse it). The
  counter is set to 1 and the error says so; ``ok`` stays true, because articles still
  arrive through the generic path — it is a job for a developer, not an outage.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from store.base import SourceHealth

log = logging.getLogger(__name__)

_WORKED = (
    "feeds_ok",
    "feeds_not_modified",
    "sitemaps_ok",
    "sitemaps_not_modified",
    "listings_ok",
    "listings_not_modified",
    "pages_ok",
)


def counters_by_source(stats: dict[str, Any]) -> dict[str, dict[str, int]]:
    by_source: dict[str, dict[str, int]] = {}
    for key, value in stats.items():
        if key.startswith("pantau/") and isinstance(value, int):
            _, source, counter = key.split("/", 2)
            by_source.setdefault(source, {})[counter] = value
    return by_source


def layout_changed(counters: dict[str, int], min_pages: int, share: float) -> str | None:
    """The layout-changed message, or None."""
    pages = counters.get("pages_ok", 0)
    misses = counters.get("layout_miss", 0)
    if pages >= min_pages and misses > share * pages:
        return (
            f"layout changed? the outlet parser missed on {misses} of {pages} pages (generic "
            "fallback or no body); save a fresh page and add a parser version"
        )
    return None


def source_health(
    stats: dict[str, Any], min_pages: int = 5, share: float = 0.5
) -> list[SourceHealth]:
    by_source = counters_by_source(stats)
    errors: dict[str, str] = stats.get("pantau_errors", {})
    now = datetime.now(UTC)
    records = []
    for source in sorted(set(by_source) | set(errors)):
        counters = by_source.get(source, {})
        worked = sum(counters.get(k, 0) for k in _WORKED)
        ok = worked > 0 or not errors.get(source)
        error = errors.get(source)
        layout = layout_changed(counters, min_pages, share)
        if layout:
            counters["layout_changed"] = 1
            log.warning("source %s: %s", source, layout)
            error = f"{layout}; {error}" if error else layout
        records.append(SourceHealth(source, now, ok, error, counters))
    return records
