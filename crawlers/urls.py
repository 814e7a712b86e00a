"""Canonical article URLs: one URL per article, whatever link the crawler followed."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|ref|ref_src|src|source|"
    r"cmpid|campaign|share|amp|output|from|rss|tracking|xtor)$",
    re.IGNORECASE,
)
_MOBILE_HOST = re.compile(r"^(m|mobile|amp)\.")
_AMP_PATH = re.compile(r"(/amp/?$|^/amp(?=/))")


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, https, no fragment, no tracking parameters, AMP and
    mobile variants folded onto the desktop URL, no trailing slash on article paths."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = _MOBILE_HOST.sub("www." if host.count(".") == 2 else "", host)
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = _AMP_PATH.sub("", parts.path) or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    # Kompas "?page=all" shows the whole article on one page: same article, drop it.
    query = [(k, v) for k, v in query if not (k == "page" and v == "all")]
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))
