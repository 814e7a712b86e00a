"""Article links on a listing page (``/terkini?page=2``, ``indeks.kompas.com``, tag pages).

Listing pages mix article links with navigation, tags, authors and ads. A link counts as
an article when it stays on the outlet's registered domain and its path looks like an
article: a numeric id or date segment (``/berita/527615/...``, ``/read/2015/11/05/...``)
or a long slug (``/sandi-ajak-cagub-cawagub-lain-transparan``), and it is not a known
navigation path (tags, indexes, authors, search, pagination).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

log = logging.getLogger(__name__)

_ID_SEGMENT = re.compile(r"(^|[^a-z])\d{5,}")
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+){3,}", re.IGNORECASE)
_NAVIGATION = re.compile(
    r"/(tag|tags|topik|topic|indeks|index|kanal|category|kategori|author|penulis|editor|"
    r"search|cari|login|register|about|tentang|redaksi|pedoman|privacy|rss|feed|more)(/|$)",
    re.IGNORECASE,
)
_SECOND_LEVEL = {"co", "or", "go", "ac", "web", "my", "sch", "com", "net"}


@dataclass
class Link:
    url: str
    title: str


def site_of(host: str) -> str:
    """The registered domain: ``news.detik.com`` → ``detik.com``, ``x.republika.co.id`` →
    ``republika.co.id``."""
    labels = host.lower().rstrip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def looks_like_article(url: str, site: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or site_of(parts.hostname or "") != site:
        return False
    path = parts.path
    if _NAVIGATION.search(path) or path.count("/") < 1 or len(path) < 8:
        return False
    segments = [s for s in path.split("/") if s]
    return any(_ID_SEGMENT.search(s) or _SLUG.fullmatch(s.split(".")[0]) for s in segments)


def article_links(body: bytes | str, page_url: str) -> list[Link]:
    """Article links in document order, each once (fragments dropped)."""
    if not body or not body.strip():
        return []
    try:
        doc = lxml_html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    site = site_of(urlsplit(page_url).hostname or "")
    page = page_url.split("#")[0]
    links: dict[str, Link] = {}
    for anchor in doc.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(page_url, href).split("#")[0]
        if url == page or url in links or not looks_like_article(url, site):
            continue
        title = " ".join(anchor.text_content().split()) or anchor.get("title") or ""
        links[url] = Link(url, title)
    return list(links.values())
