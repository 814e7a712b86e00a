"""mediaindonesia.com.

- ``MediaIndonesiaV2025`` (2025-2026 template, verified on 3 saved pages): title and date
  from JSON-LD (headline, datePublished), body the paragraphs and subheads of
  ``div.article`` (without the "Baca juga" boxes), author ``div.info div.author-2``, or the
  editor ``div.info-author a.author`` when the byline is only "Media Indonesia"; tags
  ``meta[name=keywords]``.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from parsel import Selector

from crawlers.parsers.base import OutletParser, clean
from crawlers.parsers.generic import jsonld_article
from crawlers.parsers.htmltext import element_text
from crawlers.text.dates import parse_date

log = logging.getLogger(__name__)

OUTLET = "mediaindonesia"


class MediaIndonesiaV2025(OutletParser):
    outlet = OUTLET
    version = "v2025"
    valid_from = date(2025, 1, 1)
    body_css = ("div.article",)
    drop_css = ("div.baca-juga", "div.ads", "div.tags", "figure", "div.caption")
    title_suffixes = (r"\|\s*Media Indonesia.*", r"-\s*Media Indonesia.*")

    def _parse_title(self, sel: Selector) -> str | None:
        headline = (jsonld_article(sel) or {}).get("headline")
        return clean(headline) if isinstance(headline, str) else super()._parse_title(sel)

    def _parse_published_at(self, sel: Selector) -> datetime | None:
        stamp = (jsonld_article(sel) or {}).get("datePublished")
        return parse_date(str(stamp)) if stamp else super()._parse_published_at(sel)

    def _parse_body(self, sel: Selector) -> str | None:
        nodes = sel.css("div.article").xpath("./p[not(@class)] | ./h2 | ./h3")
        parts = [element_text(node, self.drop_css) for node in nodes]
        return "\n\n".join(p for p in parts if p) or super()._parse_body(sel)

    def _parse_author(self, sel: Selector) -> str | None:
        names = [clean(n) for n in sel.css("div.info div.author-2").xpath("string()").getall()]
        names = [n for n in names if n and n.lower() != "media indonesia"]
        if not names:  # desk-credited stories: the editor is the named person
            names = [clean(n) for n in sel.css("div.info-author a.author::text").getall()]
        return ", ".join(dict.fromkeys(n for n in names if n)) or None


PARSERS = [MediaIndonesiaV2025]
