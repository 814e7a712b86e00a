"""Parse RSS 2.0, RSS 0.91/0.92, RSS 1.0 (RDF) and Atom feeds into plain entries.

Feeds in the wild are often broken: wrong charset declarations, stray bytes, unclosed tags,
items without links or dates. ``parse_feed`` decodes defensively, parses with lxml's
recovering parser and reports every skipped item with a reason instead of failing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

log = logging.getLogger(__name__)

_DECL = re.compile(rb"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_DECL_ENCODING = re.compile(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9_.:-]+)["']""", re.I)
MAX_FEED_BYTES = 20 * 1024 * 1024


class FeedError(Exception):
    """The document is not a feed at all (or empty); nothing could be read from it."""


@dataclass
class FeedEntry:
    link: str
    title: str
    published_at: datetime | None
    summary_html: str | None = None
    content_html: str | None = None
    author: str | None = None
    guid: str | None = None
    categories: list[str] = field(default_factory=list)


@dataclass
class Feed:
    title: str | None
    entries: list[FeedEntry]
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count
    encoding: str = "utf-8"


def decode_feed(body: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode feed bytes: HTTP charset, then the XML declaration, then detection."""
    candidates = []
    if http_charset:
        candidates.append(http_charset)
    m = _DECL_ENCODING.search(body[:200])
    if m:
        candidates.append(m.group(1).decode("ascii"))
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return body.decode(enc), enc.lower()
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    if best is not None:
        return str(best), best.encoding
    return body.decode("utf-8", errors="replace"), "utf-8-replace"


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    value = "".join(el.itertext()).strip()
    return value or None


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def parse_date(value: str | None) -> datetime | None:
    """RFC 822 (RSS) or ISO 8601 (Atom) to UTC; None when it cannot be read."""
    if not value:
        return None
    value = value.strip()
    try:
        dt = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if dt.tzinfo is None:
        return None  # a date without a zone is ambiguous; callers may fall back to other cues
    return dt.astimezone(UTC)


def parse_feed(body: bytes, base_url: str, http_charset: str | None = None) -> Feed:
    if not body.strip():
        raise FeedError("the feed is empty")
    if len(body) > MAX_FEED_BYTES:
        raise FeedError(f"the feed is larger than {MAX_FEED_BYTES // (1024 * 1024)} MB")
    text, encoding = decode_feed(body, http_charset)
    data = _DECL.sub(b"", text.encode("utf-8"))
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not a readable feed: {exc}") from exc
    if root is None:
        raise FeedError("not a readable feed: no XML root element")
    kind = _local(root.tag)
    if kind not in ("rss", "feed", "rdf"):
        raise FeedError(f"not a feed: the root element is <{kind}>, expected rss, feed or RDF")
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    channel_title = None
    for el in root.iter():
        if _local(el.tag) == "title":
            channel_title = _text(el)
            break
    feed = Feed(title=channel_title, entries=[], encoding=encoding)
    for item in items:
        entry, reason = _entry(item, base_url)
        if entry is None:
            feed.skipped[reason] = feed.skipped.get(reason, 0) + 1
        else:
            feed.entries.append(entry)
    return feed


def _entry(item: etree._Element, base_url: str) -> tuple[FeedEntry | None, str]:
    fields: dict[str, etree._Element] = {}
    link: str | None = None
    categories: list[str] = []
    for child in item:
        name = _local(child.tag)
        if name == "link":
            href = child.get("href")
            rel = child.get("rel", "alternate")
            if href and rel == "alternate":
                link = href
            elif not href and _text(child):
                link = _text(child)
        elif name == "category":
            value = child.get("term") or _text(child)
            if value:
                categories.append(value)
        else:
            fields.setdefault(name, child)
    if link is None and "guid" in fields:
        guid = _text(fields["guid"]) or ""
        if fields["guid"].get("isPermaLink", "true") != "false" and guid.startswith("http"):
            link = guid
    title = _text(fields.get("title"))
    if not link:
        return None, "no_link"
    if not title:
        return None, "no_title"
    date_el = next(
        (fields[k] for k in ("pubdate", "published", "updated", "date", "issued") if k in fields),
        None,
    )
    author_el = fields.get("creator")
    if author_el is None:
        author_el = fields.get("author")
    author = _text(author_el)
    if author_el is not None and _local(author_el.tag) == "author":
        author = _text(next((c for c in author_el if _local(c.tag) == "name"), author_el))
    return (
        FeedEntry(
            link=urljoin(base_url, link.strip()),
            title=_clean_title(title),
            published_at=parse_date(_text(date_el)),
            summary_html=_text(fields.get("description")) or _text(fields.get("summary")),
            content_html=_text(fields.get("encoded")) or _text(fields.get("content")),
            author=author,
            guid=_text(fields.get("guid")) or _text(fields.get("id")),
            categories=categories,
        ),
        "",
    )


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", " ", html_to_text(title)).strip()


def html_to_text(fragment: str | None) -> str:
    """Visible text of an HTML fragment, paragraphs separated by blank lines."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    try:
        doc = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in doc.xpath(".//script|.//style|.//iframe|.//noscript"):
        bad.drop_tree()
    for br in doc.xpath(".//br"):
        br.tail = "\n" + (br.tail or "")
    blocks = doc.xpath(".//p|.//div|.//li|.//h1|.//h2|.//h3|.//h4|.//blockquote")
    for block in blocks:
        block.tail = "\n\n" + (block.tail or "")
    text = doc.text_content().replace("\xa0", " ")
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in text.split("\n")]
    paragraphs, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)
