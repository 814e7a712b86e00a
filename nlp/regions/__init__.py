"""Indonesian regions (provinsi / kabupaten / kota / kecamatan) with Kemendagri codes."""

from __future__ import annotations

import threading

from nlp.regions import article as _article
from nlp.regions.gazetteer import Region, RegionGazetteer, RegionMatch

__all__ = ["Region", "RegionGazetteer", "RegionMatch", "article_regions", "get_gazetteer"]

_lock = threading.Lock()
_instance: RegionGazetteer | None = None


def get_gazetteer() -> RegionGazetteer:
    """The process-wide gazetteer, built on first use (about 0.2 s)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = RegionGazetteer()
    return _instance


def article_regions(text: str, title: str | None = None) -> list[dict]:
    """Regions an article is about, as {"name","code","type"}: dateline first."""
    return _article.article_regions(get_gazetteer(), text, title)
