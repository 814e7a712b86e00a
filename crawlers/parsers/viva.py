"""viva.co.id.

- ``VivaV2016`` (2016, verified on 1 saved page): body ``span[itemprop=articleBody]``, date
  the visible ``div.smalldesc div.date`` ("Selasa, 16 Februari 2016 | 13:01 WIB"; the
  article:published_time meta carries seconds the visible time does not show).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, first_text
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "viva"


class VivaV2016(OutletParser):
    outlet = OUTLET
    version = "v2016"
    valid_from = date(2016, 1, 1)
    body_css = ("[itemprop=articleBody]", "div#article-content")
    drop_css = ("blockquote.twitter-tweet", "blockquote.instagram-media", "div.pagination")
    title_suffixes = (r"-\s*VIVA.*",)

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, "article.article-detail h1", "h1") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        text = first_text(sel, "article.article-detail div.date", "div.smalldesc div.date")
        return parse_date(text) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        return first_text(sel, "div.smalldesc .author a", "div.smalldesc .author") or None


PARSERS = [VivaV2016]
