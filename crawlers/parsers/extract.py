"""``parse_article``: outlet parser first, then JSON-LD, then trafilatura.

The path that produced the body is recorded in ``extraction_path``: "parser:<outlet>_<version>",
"jsonld" or "trafilatura". A parser that raises, or finds no body, falls back to the generic
chain; fields the winning path lacks (title, date, author, tags) are filled from the others.
"""

from __future__ import annotations

import logging
from dataclasses import fields
from datetime import datetime

from parsel import Selector

from crawlers.parsers import generic
from crawlers.parsers.document import load_document
from crawlers.parsers.model import ArticleFields, ParsedArticle, ParseError
from crawlers.parsers.registry import outlet_for_url, parsers_for
from crawlers.text.boilerplate import strip_boilerplate
from crawlers.text.dateline import parse_dateline
from crawlers.text.dates import to_utc
from crawlers.text.language import detect_language

log = logging.getLogger(__name__)

MIN_BODY_CHARS = 40


def _outlet_fields(sel: Selector, outlet: str, url: str) -> tuple[str, ArticleFields] | None:
    for parser_cls in parsers_for(outlet):
        parser = parser_cls()
        if not parser.matches(sel):
            continue
        try:
            found = parser.parse(sel, url)
        except Exception:  # a broken parser must not lose the page: fall back, count, go on
            log.exception("parser %s failed on %s; using the generic path", parser.name(), url)
            continue
        if found.body and len(found.body) >= MIN_BODY_CHARS:
            return f"parser:{parser.name()}", found
        log.info("parser %s found no body on %s; using the generic path", parser.name(), url)
    return None


def _merge(primary: ArticleFields, *others: ArticleFields) -> ArticleFields:
    for other in others:
        for f in fields(ArticleFields):
            if not getattr(primary, f.name) and getattr(other, f.name):
                setattr(primary, f.name, getattr(other, f.name))
    return primary


def _generic_fields(sel: Selector, html: str, url: str) -> tuple[str, ArticleFields]:
    jsonld = generic.from_jsonld(sel)
    if jsonld.body and len(jsonld.body) >= MIN_BODY_CHARS:
        return "jsonld", _merge(jsonld, generic.from_meta(sel))
    found = generic.from_trafilatura(html, url)
    meta = generic.from_meta(sel)
    # trafilatura's date is often day-only; a <meta> timestamp, when present, is exact
    exact_date = ArticleFields(published_at=meta.published_at)
    return "trafilatura", _merge(jsonld, exact_date, found, meta)


def parse_article(
    html: str | bytes,
    url: str,
    *,
    outlet: str | None = None,
    encoding: str | None = None,
    now: datetime | None = None,
) -> ParsedArticle:
    """Extract one article. Raises ParseError for empty, oversized or body-less pages.

    ``now`` is accepted for listing-style relative dates ("2 jam lalu") and kept for callers
    that freeze time in tests; article pages carry absolute dates.
    """
    sel = load_document(html, encoding)
    outlet = outlet or outlet_for_url(url)
    result = _outlet_fields(sel, outlet, url) if outlet else None
    if result is None:
        text = sel.get()
        result = _generic_fields(sel, text, url)
    path, found = result
    if path.startswith("parser:"):
        _merge(found, generic.from_meta(sel))
    body = strip_boilerplate(found.body or "")
    if len(body) < MIN_BODY_CHARS:
        raise ParseError(
            f"no article body found in {url} (tried {path}); the page may be an index, a "
            "video/photo page or a new layout: save it and add a parser version"
        )
    dateline = parse_dateline(body)
    title = found.title or ""
    language = detect_language(f"{title}\n{body}")[0]
    published = to_utc(found.published_at) if found.published_at else None
    return ParsedArticle(
        title=title,
        body=body,
        published_at=published,
        author=found.author,
        tags=found.tags,
        dateline=dateline.place if dateline else None,
        language=language,
        extraction_path=path,
        url=url,
        summary=found.summary,
    )
