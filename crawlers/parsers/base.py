"""The base class every versioned outlet parser derives from.

A parser describes one outlet template era: ``outlet``, ``version`` ("v2015") and
``valid_from`` (the first day the template was seen). ``parse()`` is the table of contents;
each field has its own ``_parse_<field>`` helper that subclasses override. The defaults read
the common metadata (og:title, article:published_time, meta keywords...).
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime
from typing import ClassVar

from parsel import Selector

from crawlers.parsers.htmltext import element_text
from crawlers.parsers.model import ArticleFields
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

_WS_RE = re.compile(r"\s+")


def clean(text: str | None) -> str | None:
    """Collapse whitespace; None for empty text."""
    if text is None:
        return None
    text = _WS_RE.sub(" ", text).strip()
    return text or None


def meta(sel: Selector, *names: str) -> str | None:
    """First non-empty <meta> content by name, property or itemprop."""
    for name in names:
        for attr in ("name", "property", "itemprop"):
            value = clean(sel.xpath(f"//meta[@{attr}=$n]/@content", n=name).get())
            if value:
                return value
    return None


def first_text(sel: Selector, *css: str) -> str | None:
    """Whitespace-normalised string value of the first element matching any selector."""
    for query in css:
        for node in sel.css(query):
            value = clean(node.xpath("string()").get())
            if value:
                return value
    return None


def split_tags(value: str | None) -> list[str]:
    tags = [clean(t) for t in (value or "").split(",")]
    return list(dict.fromkeys(t for t in tags if t))


class OutletParser:
    outlet: ClassVar[str]
    version: ClassVar[str]
    valid_from: ClassVar[date]
    body_css: ClassVar[tuple[str, ...]]
    drop_css: ClassVar[tuple[str, ...]] = ()
    title_suffixes: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def name(cls) -> str:
        return f"{cls.outlet}_{cls.version}"

    def matches(self, sel: Selector) -> bool:
        """Whether the page looks like this template (its body container exists)."""
        return any(sel.css(css) for css in self.body_css)

    def parse(self, sel: Selector, url: str | None = None) -> ArticleFields:
        return ArticleFields(
            title=self._parse_title(sel),
            published_at=self._parse_published_at(sel),
            body=self._parse_body(sel),
            author=self._parse_author(sel),
            tags=self._parse_tags(sel),
            summary=self._parse_summary(sel),
        )

    def _strip_suffix(self, title: str | None) -> str | None:
        for suffix in self.title_suffixes:
            if title and re.search(suffix + r"\s*$", title):
                title = re.sub(r"\s*" + suffix + r"\s*$", "", title)
        return clean(title)

    def _parse_title(self, sel: Selector) -> str | None:
        return self._strip_suffix(meta(sel, "og:title") or first_text(sel, "h1", "title"))

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        value = meta(sel, "article:published_time", "datePublished", "pubdate", "publishdate")
        return parse_date(value)

    def _parse_body(self, sel: Selector) -> str | None:
        for css in self.body_css:
            node = sel.css(css)
            if node:
                return element_text(node[0], self.drop_css) or None
        return None

    def _parse_author(self, sel: Selector) -> str | None:
        value = meta(sel, "author")
        return value if value and not value.startswith("http") else None

    def _parse_tags(self, sel: Selector) -> list[str]:
        return split_tags(meta(sel, "news_keywords", "keywords"))

    def _parse_summary(self, sel: Selector) -> str | None:
        return meta(sel, "description", "og:description")
