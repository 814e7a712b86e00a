"""Generic extraction for pages no outlet parser handles.

1. ``jsonld``: a schema.org NewsArticle/Article object in ``<script type=application/ld+json>``
   with an ``articleBody``.
2. ``trafilatura``: the readability-style extractor for the body, with JSON-LD or <meta>
   values for title and date when it finds none.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import trafilatura
from parsel import Selector

from crawlers.parsers.base import clean, first_text, meta, split_tags
from crawlers.parsers.model import ArticleFields
from crawlers.text.boilerplate import normalize_whitespace
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
                           "AnalysisNewsArticle", "OpinionNewsArticle", "WebPage"})  # fmt: skip


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        yield from _objects(data.get("@graph", []))


def jsonld_article(sel: Selector) -> dict[str, Any] | None:
    """The first article-typed JSON-LD object, preferring ones with a body."""
    found = []
    for raw in sel.xpath("//script[@type='application/ld+json']/text()").getall():
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except ValueError:
            log.debug("skipping invalid JSON-LD block (%d chars)", len(raw))
            continue
        for obj in _objects(data):
            types = obj.get("@type")
            types = set(types) if isinstance(types, list) else {types}
            if types & ARTICLE_TYPES:
                found.append(obj)
    found.sort(key=lambda o: (not o.get("articleBody"), o.get("@type") == "WebPage"))
    return found[0] if found else None


def _names(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        value = value.get("name")
    name = clean(value) if isinstance(value, str) else None
    return [name] if name else []


def from_jsonld(sel: Selector) -> ArticleFields:
    obj = jsonld_article(sel) or {}
    keywords = obj.get("keywords")
    if isinstance(keywords, list):
        keywords = ",".join(str(k) for k in keywords)
    body = obj.get("articleBody")
    return ArticleFields(
        title=clean(obj.get("headline") if isinstance(obj.get("headline"), str) else None),
        published_at=parse_date(str(obj.get("datePublished") or "")),
        body=normalize_whitespace(body) if isinstance(body, str) else None,
        author=", ".join(_names(obj.get("author"))) or None,
        tags=split_tags(keywords if isinstance(keywords, str) else None),
        summary=clean(obj.get("description") if isinstance(obj.get("description"), str) else None),
    )


def from_trafilatura(html: str, url: str | None) -> ArticleFields:
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, deduplicate=False,
    )  # fmt: skip
    if doc is None:
        return ArticleFields()
    text = getattr(doc, "text", None)
    tags = getattr(doc, "tags", None) or []
    return ArticleFields(
        title=clean(getattr(doc, "title", None)),
        published_at=parse_date(getattr(doc, "date", None)),
        body=normalize_whitespace(text) if text else None,
        author=clean(getattr(doc, "author", None)),
        tags=[t for t in (clean(x) for x in tags) if t],
        summary=clean(getattr(doc, "description", None)),
    )


def from_meta(sel: Selector) -> ArticleFields:
    """Title, date, tags and summary from <meta> tags and the first <h1>."""
    return ArticleFields(
        title=meta(sel, "og:title", "twitter:title") or first_text(sel, "h1", "title"),
        published_at=parse_date(
            meta(sel, "article:published_time", "datePublished", "pubdate", "publishdate")
        ),
        tags=split_tags(meta(sel, "news_keywords", "keywords")),
        summary=meta(sel, "description", "og:description"),
    )
