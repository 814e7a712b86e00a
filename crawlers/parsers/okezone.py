"""okezone.com (lifestyle, celebrity, news...).

- ``OkezoneV2017`` (2017, verified on 1 saved page): title ``div.title-detail h1``, body
  ``div.ctn-desc`` / ``#contentx``, byline "Author | Jum'at, 17 Februari 2017 - 13:30 wib"
  in ``div.title-detail span``.
- ``OkezoneV2015`` (2015, verified on 1 saved page): body ``div#contentx``, date
  ``time.tgl`` ("Kamis, 5 November 2015 - 15:56 wib").
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, clean, first_text
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "okezone"
_SUFFIXES = (r"[:|-]+\s*Okezone.*",)


class OkezoneV2015(OutletParser):
    outlet = OUTLET
    version = "v2015"
    valid_from = date(2015, 1, 1)
    body_css = ("div#contentx",)
    drop_css = ("div.detnews", "div.detail-img img")
    title_suffixes = _SUFFIXES

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        return parse_date(first_text(sel, "div.meta-post time", "time.tgl"))

    def _parse_author(self, sel: Selector) -> str | None:
        return first_text(sel, "div.meta-post .nmreporter", "div.meta-post span.reporter")


class OkezoneV2017(OutletParser):
    outlet = OUTLET
    version = "v2017"
    valid_from = date(2017, 1, 1)
    body_css = ("div.title-detail div.ctn-desc",)
    drop_css = ("div.sosmed", "div.shr", "div.sosmed3", "div.img-caption")
    title_suffixes = _SUFFIXES

    def _byline(self, sel: Selector) -> tuple[str | None, str | None]:
        for span in sel.css("div.title-detail > span"):
            text = clean(span.xpath("string()").get())
            if text and "|" in text:
                author, _, when = text.partition("|")
                return clean(author), clean(when)
        return None, None

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, "div.title-detail h1") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        return parse_date(self._byline(sel)[1]) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        return self._byline(sel)[0]


PARSERS = [OkezoneV2017, OkezoneV2015]
