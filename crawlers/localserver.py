"""A small HTTP server on 127.0.0.1 that serves saved pages under their original URLs.

Used with ``PANTAU_HOST_MAP`` (see crawlers/middlewares.py) by the crawl tests, the crawl
benchmark and offline demos: a request for ``/https/www.antaranews.com/rss/politik.xml``
answers what was registered for ``https://www.antaranews.com/rss/politik.xml``.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (timeouts)
    fail_first: int = 0  # answer the first N requests with 503 + Retry-After: 1


DEFAULT_ROBOTS = Route(b"User-agent: *\nAllow: /\n", headers={"Content-Type": "text/plain"})


class LocalSite:
    """Routes keyed by original URL; unknown URLs answer 404, robots.txt allows all.
    Routes with an ``ETag`` or ``Last-Modified`` header answer conditional GETs with 304."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def add(self, url: str, body: bytes | str = b"", **kwargs: object) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[_key(url)] = Route(data, **kwargs)  # type: ignore[arg-type]

    def add_file(self, url: str, path: Path, content_type: str) -> None:
        self.add(url, path.read_bytes(), headers={"Content-Type": content_type})

    def lookup(self, mapped_path: str) -> tuple[str, Route]:
        parts = mapped_path.lstrip("/").split("/", 2)
        if mapped_path == "/robots.txt":
            return mapped_path, DEFAULT_ROBOTS  # the server's own robots.txt
        if len(parts) < 2:
            return mapped_path, Route(b"not a mapped URL", status=400)
        scheme, host = parts[0], parts[1]
        rest = "/" + (parts[2] if len(parts) > 2 else "")
        url = f"{scheme}://{host}{rest}"
        with self._lock:
            self.hits[url] = self.hits.get(url, 0) + 1
        route = self.routes.get(_key(url))
        if route is None and urlsplit(url).path == "/robots.txt":
            route = DEFAULT_ROBOTS
        return url, route or Route(b"not found", status=404)

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() the site first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> LocalSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                url, route = site.lookup(self.path)
                if route.fail_first and site.hits.get(url, 0) <= route.fail_first:
                    route = Route(b"busy", 503, {"Retry-After": "1"})
                if route.delay:
                    time.sleep(route.delay)
                if route.status == 200 and _unchanged(route, self.headers):
                    route = Route(
                        b"", 304, {k: v for k, v in route.headers.items() if k in _VALIDATORS}
                    )
                try:
                    self.send_response(route.status)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test); nothing to do

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_VALIDATORS = ("ETag", "Last-Modified")


def _unchanged(route: Route, request_headers: Message) -> bool:
    """Conditional GET: the route's ETag (or Last-Modified) matches what the client holds."""
    etag = route.headers.get("ETag")
    if etag and request_headers.get("If-None-Match") == etag:
        return True
    modified = route.headers.get("Last-Modified")
    return bool(modified and request_headers.get("If-Modified-Since") == modified)


def _key(url: str) -> str:
    parts = urlsplit(url)
    path = parts.path or "/"
    return f"{parts.netloc.lower()}{path}" + (f"?{parts.query}" if parts.query else "")
