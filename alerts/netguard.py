"""Refuse webhook targets on private, loopback, link-local, multicast or reserved addresses.

Every address the host name resolves to is checked (an attacker's DNS may return a public
and a private one), and the request then goes to the checked address itself, so a second
DNS answer cannot swap in another one. ``PANTAU_WEBHOOK_ALLOW_PRIVATE=true`` lifts the guard
(tests and trusted internal networks).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class BlockedTarget(Exception):
    """The webhook target is not allowed; the message says why."""


def is_forbidden(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified or not ip.is_global
    )  # fmt: skip


def resolve(host: str, port: int) -> list[IPAddress]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise BlockedTarget(f"cannot resolve {host!r} ({exc.strerror})") from exc
    seen: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in seen:
            seen.append(ip)
    return seen


def check_url(url: str, allow_private: bool) -> IPAddress | None:
    """The address to connect to; BlockedTarget when any resolved address is forbidden.

    Returns None when private targets are allowed (the client then resolves normally).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise BlockedTarget("the webhook url must be an absolute http(s) URL")
    if allow_private:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = resolve(parts.hostname, port)
    bad = [str(ip) for ip in addresses if is_forbidden(ip)]
    if bad:
        raise BlockedTarget(
            f"{parts.hostname} resolves to a non-public address ({', '.join(bad)}); set "
            "PANTAU_WEBHOOK_ALLOW_PRIVATE=true only if internal targets are intended"
        )
    if not addresses:
        raise BlockedTarget(f"{parts.hostname} has no address")
    return addresses[0]


def literal_forbidden(url: str) -> bool:
    """True when the URL's host is an IP literal in a forbidden range (checked at create)."""
    host = urlsplit(url).hostname or ""
    try:
        return is_forbidden(ipaddress.ip_address(host))
    except ValueError:
        return host.lower() in ("localhost", "localhost.localdomain")
