"""ANTARA (antaranews.com and its regional sites).

Template eras, newest first:

- ``AntaraV2023`` (about 2023 on, UNVERIFIED: no saved page; selectors from SOURCES.md)
- ``AntaraRegionalV2019`` (regional sites 2019-2022, UNVERIFIED)
- ``AntaraV2015`` (2015-2017, verified on 5 saved pages): title ``div.bjbrt h1``, date
  ``time[itemprop=datePublished]`` / ``meta[itemprop=datePublished]`` / ``div.date`` text,
  body ``div#content_news`` minus the editor and copyright lines.

Each version only claims a page whose body container exists, so an unknown layout falls
through to the generic JSON-LD / trafilatura path.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, clean, first_text, meta, split_tags
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "antara"
_SUFFIXES = (r"-\s*ANTARA News", r"-\s*ANTARA News \w+", r"\|\s*ANTARA.*")


def _byline_name(text: str | None) -> str | None:
    match = re.search(r"Pewarta\s*:\s*(.+?)(?:\s+(?:Editor|Penerjemah)\s*:|$)", text or "")
    return clean(match.group(1)) if match else None


class AntaraV2015(OutletParser):
    outlet = OUTLET
    version = "v2015"
    valid_from = date(2015, 1, 1)
    body_css = ("div#content_news",)
    drop_css = ("p.mt10", "p.date", "div.byline")
    title_suffixes = _SUFFIXES

    def _parse_title(self, sel: Selector) -> str | None:
        title = first_text(sel, "div.bjbrt h1[itemprop=headline]", "div.bjbrt h1")
        return title or self._strip_suffix(meta(sel, "og:title"))

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        stamp = sel.css("div.bjbrt time[itemprop=datePublished]::attr(datetime)").get()
        stamp = stamp or meta(sel, "pubdate", "datePublished")
        return parse_date(stamp) or parse_date(first_text(sel, "div.bjbrt div.date", "div.date"))

    def _parse_author(self, sel: Selector) -> str | None:
        return first_text(sel, "div.byline [itemprop=author]") or _byline_name(
            first_text(sel, "div.byline")
        )


class AntaraRegionalV2019(OutletParser):
    """Regional sites 2019-2022 (unverified selectors from SOURCES.md)."""

    outlet = OUTLET
    version = "regional_v2019"
    valid_from = date(2019, 1, 1)
    body_css = ("div.post-content.clearfix",)
    drop_css = ("span.baca-juga", "p.text-muted", "ul.tags-widget")
    title_suffixes = _SUFFIXES

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, "h1.post-title") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        return super()._parse_published_at(sel) or parse_date(first_text(sel, "span.article-date"))

    def _parse_tags(self, sel: Selector) -> list[str]:
        tags = [clean(t) for t in sel.css("ul.tags-widget li a::text").getall()]
        return [t for t in tags if t] or super()._parse_tags(sel)


class AntaraV2023(OutletParser):
    """Current template, about 2023 on (unverified selectors from SOURCES.md)."""

    outlet = OUTLET
    version = "v2023"
    valid_from = date(2023, 1, 1)
    body_css = ("div.wrap__article-detail-content.post-content",)
    drop_css = ("span.baca-juga", "p.text-muted", "ul.blog-tags")
    title_suffixes = _SUFFIXES

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, ".wrap__article-detail-title") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        items = sel.css(".list-inline-item.mr-2")
        last = clean(items[-1].xpath("string()").get()) if items else None
        return parse_date(last) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        muted = first_text(sel, "div.wrap__article-detail-content p.text-muted")
        return _byline_name(muted) or super()._parse_author(sel)

    def _parse_tags(self, sel: Selector) -> list[str]:
        tags = [clean(t) for t in sel.css("ul.blog-tags a::text").getall()]
        return [t for t in tags if t] or split_tags(meta(sel, "keywords"))


PARSERS = [AntaraV2023, AntaraRegionalV2019, AntaraV2015]
