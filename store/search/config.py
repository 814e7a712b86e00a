"""The search store URL: ``opensearch://user:pass@host:port?tls=true&verify=false&prefix=test-``.

Options (query string): ``tls`` (https; also implied by an ``+https`` scheme), ``verify``
(check certificates, default true), ``ca`` (CA bundle path), ``prefix`` (index name prefix),
``refresh`` (``false`` | ``true`` | ``wait_for``: write visibility, default false and
``refresh()`` on demand), ``shards``, ``replicas``, ``timeout`` (seconds), ``hosts`` (extra
``host:port`` entries, comma-separated, same credentials).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from store.base import StoreError
from store.search.clients import ConnectionOptions

ENGINES = ("elasticsearch", "opensearch")
_PREFIX = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}


@dataclass(frozen=True)
class SearchConfig:
    engine: str
    connection: ConnectionOptions
    prefix: str = "pantau-"
    refresh: str = "false"
    shards: int = 1
    replicas: int = 1


def _flag(options: dict[str, str], name: str, default: bool) -> bool:
    value = options.get(name, "").lower()
    if not value:
        return default
    if value in _TRUE | _FALSE:
        return value in _TRUE
    raise StoreError(f"store URL option {name}={value!r} must be true or false")


def _int(options: dict[str, str], name: str, default: int) -> int:
    try:
        return int(options.get(name, default))
    except ValueError:
        raise StoreError(f"store URL option {name} must be a whole number") from None


def parse_url(url: str) -> SearchConfig:
    parts = urlsplit(url)
    engine, _, transport = parts.scheme.partition("+")
    if engine not in ENGINES or transport not in ("", "https", "http"):
        raise StoreError(
            f"unknown search store scheme {parts.scheme!r}; use {' or '.join(ENGINES)}"
        )
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    tls = _flag(options, "tls", transport == "https")
    scheme = "https" if tls else "http"
    try:
        netlocs = [f"{parts.hostname or 'localhost'}:{parts.port or 9200}"]
    except ValueError as exc:
        raise StoreError(f"bad host or port in the store URL: {exc}") from exc
    netlocs += [h.strip() for h in options.get("hosts", "").split(",") if h.strip()]
    prefix = options.get("prefix", "pantau-")
    if not _PREFIX.match(prefix):
        raise StoreError(f"index prefix {prefix!r} must be lower-case letters, digits, - _ or .")
    refresh = options.get("refresh", "false").lower()
    if refresh not in ("false", "true", "wait_for"):
        raise StoreError("store URL option refresh must be false, true or wait_for")
    connection = ConnectionOptions(
        hosts=[f"{scheme}://{n}" for n in netlocs],
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        verify_certs=_flag(options, "verify", True),
        ca_certs=options.get("ca"),
        timeout=float(options.get("timeout", 30)),
    )
    return SearchConfig(
        engine=engine,
        connection=connection,
        prefix=prefix,
        refresh=refresh,
        shards=_int(options, "shards", 1),
        replicas=_int(options, "replicas", 1),
    )
