"""detik.com (news, inet, finance...).

- ``DetikV2019`` (2019 on, UNVERIFIED: no saved page; selectors from SOURCES.md):
  ``h1.detail__title``, ``div.detail__date``, ``div.detail__body-text``.
- ``DetikV2015`` (2015-2016, verified on 2 saved pages): article body ``div.text_detail``,
  photo pages ``div.text_gal``; date ``meta[name=pubdate]`` whose "Z" is wrong: the value is
  WIB wall-clock time ("2015-11-05 T10:08:58Z" was published 10:08:58 WIB).
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, first_text, meta
from crawlers.text.dates import WIB, parse_date

log = logging.getLogger(__name__)

OUTLET = "detik"


class DetikV2015(OutletParser):
    outlet = OUTLET
    version = "v2015"
    valid_from = date(2015, 1, 1)
    body_css = ("div.text_detail", "div.detail_text", "div.text_gal")
    drop_css = ("div.detail_tag", "div.lihatjg", "table.linksisip", "div.pic_artikel")
    title_suffixes = (r"\|\s*detik\w*", r"-\s*detik\w*")

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, "div.content_detail h1", "div.jdl h1") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        stamp = meta(sel, "pubdate", "publishdate")
        if stamp:
            return parse_date(stamp.replace(" T", "T").rstrip("Z"), default_tz=WIB)
        return parse_date(first_text(sel, "div.content_detail div.date", "div.date"))

    def _parse_author(self, sel: Selector) -> str | None:
        name = first_text(sel, "div.author", "strong.l_blue2_detik")
        if name and ":" in name:
            name = name.split(":", 1)[1].strip()
        return name or None


class DetikV2019(OutletParser):
    outlet = OUTLET
    version = "v2019"
    valid_from = date(2019, 1, 1)
    body_css = ("div.detail__body-text",)
    drop_css = ("div.detail__body-tag", "div.lihatjg", "table.linksisip", "div.parallaxindetail")
    title_suffixes = DetikV2015.title_suffixes

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, "h1.detail__title") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        return parse_date(first_text(sel, "div.detail__date")) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        return first_text(sel, "div.detail__author") or super()._parse_author(sel)


PARSERS = [DetikV2019, DetikV2015]
