"""republika.co.id (and ihram.co.id, its Hajj channel).

- ``RepublikaV2015`` (2015-2017, verified on 3 saved pages): news ``div.content-detail`` with
  title ``div.jdl-detail h2``, photo stories ``div.teaser-pic`` with ``div.jdl-pic``, Ihram
  ``div.teaser.global-detail`` with ``div.wrap-title .h5``; date ``div.date-detail`` /
  ``div.date-pic`` ("Senin, 15 Februari 2016, 16:15 WIB"); editor "Redaktur : X" in
  ``div.red``.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, first_text
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "republika"


class RepublikaV2015(OutletParser):
    outlet = OUTLET
    version = "v2015"
    valid_from = date(2015, 1, 1)
    body_css = ("div.content-detail", "div.teaser-pic", "div.teaser.global-detail")
    drop_css = ("div.picked-article", "div.detail-terkait", "div.red")
    title_suffixes = (r"\|\s*Republika Online", r"\|\s*ihram\.co\.id")

    def _parse_title(self, sel: Selector) -> str | None:
        title = first_text(sel, "div.jdl-detail h2", "div.jdl-pic", "div.wrap-title .h5")
        return title or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        text = first_text(sel, "div.date-detail", "div.date-pic")
        return parse_date(text) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        text = first_text(sel, "div.red") or ""
        match = re.search(r"(?:Redaktur|Reporter)\s*:\s*(.+?)(?:\s+Sumber\s*:|$)", text)
        return match.group(1).strip() if match else None

    def _parse_tags(self, sel: Selector) -> list[str]:
        tags = [t.lstrip("#").strip() for t in sel.css("div.tagging a::text").getall()]
        return [t for t in tags if t] or super()._parse_tags(sel)


PARSERS = [RepublikaV2015]
