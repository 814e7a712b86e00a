"""kompas.com (regional, nasional, internasional, bola, otomotif...).

- ``KompasV2018`` (about 2018 on, UNVERIFIED; selectors from SOURCES.md): ``.read__title``,
  ``.read__time``, ``.read__content`` minus ``inject-baca-juga`` blocks.
- ``KompasV2015`` (2015-2016, verified on 5 saved pages): body ``div.kcm-read-text``, bola
  ``span.kcmread1114`` / ``div.kcm-read-content-text``, otomotif ``div.div-read``; date
  ``div.kcm-date`` ("Selasa, 16 Februari 2016 | 14:38 WIB"); title og:title minus the
  " - Kompas.com" suffix.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, first_text
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "kompas"
_SUFFIXES = (r"\s-\s*Kompas\.com.*",)


class KompasV2015(OutletParser):
    outlet = OUTLET
    version = "v2015"
    valid_from = date(2015, 1, 1)
    body_css = (
        "div.kcm-read-text",
        "span.kcmread1114",
        "div.div-read",
        "div.kcm-read-content-text",
    )
    drop_css = ("div.kcm-read-terkait", "div.span2", "div.photo", "div.kcm-read-copy")
    title_suffixes = _SUFFIXES

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        text = first_text(sel, "div.kcm-date", "div.kcm-read-top div.msmall", "div.msmall.grey")
        return parse_date(text) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        name = first_text(sel, "div.kcm-read-author", "div.kcm-author", "p.kcm-author")
        return name.split(":", 1)[-1].strip() if name else None


class KompasV2018(OutletParser):
    outlet = OUTLET
    version = "v2018"
    valid_from = date(2018, 1, 1)
    body_css = (".read__content",)
    drop_css = ("[class*='inject-baca-juga']", ".ads-on-body", ".read__tagging")
    title_suffixes = _SUFFIXES

    def _parse_title(self, sel: Selector) -> str | None:
        return first_text(sel, ".read__title") or super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        return parse_date(first_text(sel, ".read__time")) or super()._parse_published_at(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        return first_text(sel, ".read__credit__item a", ".credit-title-name") or None


PARSERS = [KompasV2018, KompasV2015]
