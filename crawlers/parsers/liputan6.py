"""liputan6.com (tekno, showbiz, photo...).

- ``Liputan6V2016`` (2016, verified on 3 saved pages): body ``div.read-page__content-body``,
  photo galleries ``div.read-page--photo-gallery`` (the captions are the text); date
  ``time[itemprop=datePublished]@datetime`` (WIB wall clock); author ``[itemprop=author]``.
  The same markup was still served in later years, so this is the only version so far.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, first_text
from crawlers.parsers.htmltext import texts
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "liputan6"


class Liputan6V2016(OutletParser):
    outlet = OUTLET
    version = "v2016"
    valid_from = date(2016, 1, 1)
    body_css = ("div.read-page__content-body", "div.read-page--photo-gallery")
    drop_css = ("div.baca-juga", "div.read-page--related", "div.read-page--tags")
    title_suffixes = (r"-\s*\w*\s*Liputan6\.com",)

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, "h1.read-page--header--title", "h1") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        stamp = sel.css("time[itemprop=datePublished]::attr(datetime)").get()
        return parse_date(stamp) or super()._parse_published_at(sel)

    def _parse_body(self, sel: Selector) -> str | None:
        body = texts(sel.css("div.read-page__content-body")[:1], self.drop_css)
        if body:
            return body
        captions = sel.css("div.read-page--photo-gallery figcaption")
        return texts(captions) or None

    def _parse_author(self, sel: Selector) -> str | None:
        return first_text(sel, "article [itemprop=author]", "[itemprop=author]")


PARSERS = [Liputan6V2016]
