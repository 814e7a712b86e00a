"""kapanlagi.com (showbiz, musik...).

- ``KapanlagiV2015`` (2015-2016, verified on 3 saved pages): body
  ``#v6-revb-detailnews`` / ``div.v7-music-detail-news``, title ``h1``, date
  ``span.newsdetail-schedule-new`` / ``span.v7-music-newsdetail-schedule``
  ("Kamis, 05 November 2015 11:52", WIB). The pages declare iso-8859-1 but are UTF-8;
  document.decode_html reads them as UTF-8.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, first_text
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "kapanlagi"


class KapanlagiV2015(OutletParser):
    outlet = OUTLET
    version = "v2015"
    valid_from = date(2015, 1, 1)
    body_css = ("#v6-revb-detailnews", "div.entertainment-detail-news", "div.v7-music-detail-news")
    # "Jangan Lewatkan" heading + its inserted links, photo boxes with their captions,
    # "Simak ... Lainnya" boxes
    drop_css = (
        "h2", "a[onclick*='Insert Link']", "div.copyright", "xpath:.//div[.//img]",
        "div.photonews-det-warper",
        "div#kl-social-follow", "div[class*='lifestyle-in-content']", "div.lihat-juga",
    )  # fmt: skip
    title_suffixes = (r"-\s*KapanLagi\.com",)

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, "h1") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        text = first_text(sel, "span.newsdetail-schedule-new", "span.v7-music-newsdetail-schedule")
        return parse_date(text) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        return None  # only editor initials "(kpl/pur/tch)" at the end of the body


PARSERS = [KapanlagiV2015]
