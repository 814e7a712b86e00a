"""tempo.co, including the English edition en.tempo.co (marked "en" by the language check).

- ``TempoV2015`` (2015, verified on 1 Indonesian and 1 English saved page): Indonesian body
  ``div.artikel`` (minus the date block) with date ``div.block-tanggal``; English body
  ``div.tubuh-berita``, title ``div.judul-konten``, date ``div.tanggal``
  ("Wednesday, 04 November, 2015 | 07:28 WIB").
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, first_text
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "tempo"


class TempoV2015(OutletParser):
    outlet = OUTLET
    version = "v2015"
    valid_from = date(2015, 1, 1)
    body_css = ("div.artikel", "div.tubuh-berita")
    drop_css = ("div.block-tanggal", "div.tag", "div.share-konten", "div.iklan", "h1", "h2")
    title_suffixes = (r"\|\s*Tempo\s*\w*", r"\|\s*tempo\.co.*")

    def _parse_title(self, sel: Selector) -> str | None:
        title = first_text(sel, "div.artikel h1", "div.judul-konten", "h1.judul")
        return title or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        text = first_text(sel, "div.artikel div.block-tanggal", "div.kolom-2-kolom > div.tanggal")
        return parse_date(text) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        return first_text(sel, "div.artikel span.reporter", "div.penulis") or None


PARSERS = [TempoV2015]
