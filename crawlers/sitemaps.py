"""Parse XML sitemaps: ``<urlset>`` (with Google News ``news:`` fields) and ``<sitemapindex>``.

Like feeds, sitemaps in the wild are often broken: a gzip body, a wrong encoding, stray
bytes. ``parse_sitemap`` decompresses (bounded), parses with lxml's recovering parser, and
raises ``SitemapError`` only when the document is not a sitemap at all.
"""

from __future__ import annotations

import gzip
import io
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from crawlers.feeds import parse_date

log = logging.getLogger(__name__)

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed


class SitemapError(Exception):
    """The document is not a sitemap (or empty, or over the size limit)."""


@dataclass
class SitemapUrl:
    loc: str
    lastmod: datetime | None = None
    title: str | None = None  # news:title
    published_at: datetime | None = None  # news:publication_date
    keywords: list[str] = field(default_factory=list)  # news:keywords

    @property
    def version(self) -> datetime | None:
        """The date that says whether the page changed: lastmod, else publication date."""
        return self.lastmod or self.published_at


@dataclass
class Sitemap:
    kind: str  # "urlset" or "sitemapindex"
    urls: list[SitemapUrl] = field(default_factory=list)  # pages, or child sitemaps


def _gunzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as f:
        data = f.read(MAX_SITEMAP_BYTES + 1)
    if len(data) > MAX_SITEMAP_BYTES:
        raise SitemapError("the sitemap is larger than 50 MB uncompressed")
    return data


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _text(el: etree._Element) -> str:
    return "".join(el.itertext()).strip()


def parse_sitemap(body: bytes) -> Sitemap:
    if not body.strip():
        raise SitemapError("the sitemap is empty")
    try:
        data = _gunzip(body)
    except (OSError, EOFError) as exc:
        raise SitemapError(f"broken gzip sitemap: {exc}") from exc
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not a readable sitemap: {exc}") from exc
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        found = _local(root.tag) if root is not None else "nothing"
        raise SitemapError(f"not a sitemap: the root element is <{found}>")
    sitemap = Sitemap(kind=_local(root.tag))
    for el in root:
        if _local(el.tag) in ("url", "sitemap"):
            url = _url(el)
            if url is not None:
                sitemap.urls.append(url)
    return sitemap


def _url(el: etree._Element) -> SitemapUrl | None:
    found: dict[str, str] = {}
    for child in el.iter():
        name = _local(child.tag)
        if name in ("loc", "lastmod", "title", "publication_date", "keywords"):
            found.setdefault(name, _text(child))
    loc = found.get("loc", "")
    if not loc.startswith(("http://", "https://")):
        return None
    keywords = [k.strip() for k in found.get("keywords", "").split(",") if k.strip()]
    return SitemapUrl(
        loc=loc,
        lastmod=_date(found.get("lastmod")),
        title=found.get("title") or None,
        published_at=_date(found.get("publication_date")),
        keywords=keywords,
    )


def _date(value: str | None) -> datetime | None:
    """W3C datetime; a bare date ("2024-02-13", allowed in sitemaps) is midnight UTC."""
    parsed = parse_date(value)
    if parsed is None and value and len(value.strip()) == 10:
        try:
            return datetime.strptime(value.strip(), "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            return None
    return parsed
