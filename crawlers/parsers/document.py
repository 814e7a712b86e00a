"""Turn raw page bytes or text into a parsel Selector, safely.

- Size cap: pages over ``MAX_PAGE_BYTES`` raise ParseError instead of being parsed.
- Charset: a BOM wins; then the caller's ``encoding`` (HTTP header) or the page's
  ``<meta charset>``; a page whose bytes are valid UTF-8 but declare a single-byte charset
  (KapanLagi 2015-16 declares iso-8859-1 and serves UTF-8) is read as UTF-8; anything else
  that does not decode falls back to charset_normalizer's detection, then cp1252 with
  replacement characters.
"""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes
from parsel import Selector

from crawlers.parsers.model import ParseError

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 5_000_000
_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        log.debug("unknown charset %r ignored", name)
        return None


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:4096])
    return _lookup(match.group(1).decode("ascii", "ignore")) if match else None


def decode_html(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, charset used). Never raises for undecodable bytes."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name, errors="replace"), name
    declared = _lookup(encoding) or declared_charset(data)
    try:
        text = data.decode("utf-8")
        if declared not in (None, "utf-8") and not data.isascii():
            log.debug("page declares %s but is valid UTF-8; reading it as UTF-8", declared)
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            log.debug("page does not decode as its declared %s", declared)
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace"), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def load_document(html: str | bytes, encoding: str | None = None) -> Selector:
    """A Selector over the page; ParseError for empty or oversized pages."""
    size = len(html) if isinstance(html, bytes) else len(html.encode("utf-8", "ignore"))
    if size > MAX_PAGE_BYTES:
        raise ParseError(
            f"page is {size / 1e6:.1f} MB, over the {MAX_PAGE_BYTES / 1e6:.0f} MB parse limit; "
            "it is probably not an article page (check the URL) or raise MAX_PAGE_BYTES"
        )
    text = decode_html(html, encoding)[0] if isinstance(html, bytes) else html
    text = text.replace("\x00", "")
    if not text.strip():
        raise ParseError("page is empty; nothing to parse (was the response body fetched?)")
    try:
        selector = Selector(text=text, type="html")
    except (ValueError, TypeError) as exc:
        raise ParseError(f"page could not be parsed as HTML: {exc}") from exc
    if selector.root is None or not selector.xpath("//body|//head|//text()"):
        raise ParseError("page has no HTML content (only markup without text?)")
    return selector
