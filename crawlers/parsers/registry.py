"""Outlet names, the hosts they publish on, and their parsers (newest template first)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from crawlers.parsers import (
    antara,
    detik,
    kapanlagi,
    kompas,
    liputan6,
    mediaindonesia,
    metrotvnews,
    okezone,
    republika,
    tempo,
    viva,
)
from crawlers.parsers.base import OutletParser

log = logging.getLogger(__name__)

PARSERS: dict[str, tuple[type[OutletParser], ...]] = {
    module.OUTLET: tuple(module.PARSERS)
    for module in (antara, detik, kapanlagi, kompas, liputan6, mediaindonesia, metrotvnews,
                   okezone, republika, tempo, viva)
}  # fmt: skip

# Registered domains (the host itself or any subdomain of it) per outlet.
HOSTS: dict[str, str] = {
    "antaranews.com": "antara",
    "antarariau.com": "antara",
    "detik.com": "detik",
    "kompas.com": "kompas",
    "liputan6.com": "liputan6",
    "republika.co.id": "republika",
    "ihram.co.id": "republika",
    "okezone.com": "okezone",
    "tempo.co": "tempo",
    "viva.co.id": "viva",
    "kapanlagi.com": "kapanlagi",
    "metrotvnews.com": "metrotvnews",
    "mediaindonesia.com": "mediaindonesia",
}


def outlet_for_url(url: str) -> str | None:
    """The outlet name for an article URL, by host; None for unknown hosts."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    while host:
        if host in HOSTS:
            return HOSTS[host]
        host = host.partition(".")[2]
    return None


def parsers_for(outlet: str) -> tuple[type[OutletParser], ...]:
    return PARSERS.get(outlet, ())
