"""metrotvnews.com (Pilkada DKI 2017 coverage, 2016 template).

- ``MetrotvnewsV2016`` (2016, verified on 1 saved page): title ``div.detail h1``, byline
  ``span.red`` "Meilikhah - 13 Oktober 2016 23:11 wib" (author and WIB time), body
  ``div.part.article``.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, clean, first_text
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "metrotvnews"


class MetrotvnewsV2016(OutletParser):
    outlet = OUTLET
    version = "v2016"
    valid_from = date(2016, 1, 1)
    body_css = ("div.part.article",)
    drop_css = ("div.part.tag", "div.related", "div.sharebox")
    title_suffixes = (r"[|-]\s*Metrotvnews\.com.*",)

    def _byline(self, sel: Selector) -> tuple[str | None, str | None]:
        text = first_text(sel, "div.part.detail span.red", "span.red") or ""
        author, sep, when = text.partition(" - ")
        return (clean(author), clean(when)) if sep else (None, clean(text))

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, "div.part.detail h1", "h1") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        return parse_date(self._byline(sel)[1]) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        return self._byline(sel)[0]


PARSERS = [MetrotvnewsV2016]
