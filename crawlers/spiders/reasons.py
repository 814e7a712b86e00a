"""Why a request failed, as a short counter name and as a one-line message."""

from __future__ import annotations

import logging

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

log = logging.getLogger(__name__)

_NETWORK: tuple[tuple[type[BaseException], str], ...] = (
    (DownloadTimeoutError, "timeout"),
    (TimeoutError, "timeout"),
    (TCPTimedOutError, "timeout"),
    (DNSLookupError, "dns"),
    (CannotResolveHostError, "dns"),
    (DownloadConnectionRefusedError, "connection_refused"),
    (ResponseDataLossError, "connection_lost"),
    (DownloadFailedError, "connection_lost"),
    (ConnectionRefusedError, "connection_refused"),
    (ConnectionLost, "connection_lost"),
    (ResponseNeverReceived, "connection_lost"),
    (DownloadCancelledError, "too_large"),
)


def reason(failure: Failure) -> str:
    """A counter suffix: ``http_404``, ``timeout``, ``robots``, ``redirect_loop``,
    ``too_large``, ``dns``, ``connection_refused``, ``connection_lost`` or ``error``."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        message = str(exc).lower()
        if "robots" in message:
            return "robots"
        if "redirect" in message:
            return "redirect_loop"
        return "ignored"
    for kind, name in _NETWORK:
        if isinstance(exc, kind):
            return name
    if "larger than download max size" in str(exc) or "maxsize" in str(exc).lower():
        return "too_large"
    return "error"


def describe(failure: Failure) -> str:
    """A one-line reason for a failed request (HTTP status, DNS, timeout, robots)."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    return f"{type(exc).__name__}: {exc}"
