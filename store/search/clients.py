"""Two thin adapters over elasticsearch-py and opensearch-py with one request interface.

The backend speaks plain REST bodies (one mapping and query builder for both engines); an
adapter only sends them, normalises errors into ``EngineError`` and hides the few API paths
that differ (point-in-time). Everything else is shared.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})


class EngineError(Exception):
    """A failed engine request; ``status`` is None when the node could not be reached."""

    def __init__(self, status: int | None, error_type: str, reason: str) -> None:
        super().__init__(f"{status or 'connection'} {error_type}: {reason}")
        self.status = status
        self.error_type = error_type
        self.reason = reason

    @property
    def transient(self) -> bool:
        """Worth retrying: throttling, gateway errors, unreachable nodes, blocked writes."""
        return (
            self.status is None
            or self.status in TRANSIENT_STATUSES
            or self.error_type == "cluster_block_exception"
        )


def _error_from_body(status: int | None, body: Any, fallback: str) -> EngineError:
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return EngineError(status, str(error.get("type", "error")), str(error.get("reason", "")))
    return EngineError(status, "error", str(error or body or fallback))


@dataclass(frozen=True)
class ConnectionOptions:
    hosts: list[str]  # full base URLs: http(s)://host:port
    username: str | None = None
    password: str | None = None
    verify_certs: bool = True
    ca_certs: str | None = None
    timeout: float = 30.0


class EngineClient:
    """Shared surface; subclasses implement ``request`` and the point-in-time calls."""

    engine = "search engine"

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, Any] | None = None,
        ndjson: bool = False,
    ) -> dict[str, Any]:
        raise NotImplementedError

    def open_pit(self, index: str, keep_alive: str) -> str:
        raise NotImplementedError

    def close_pit(self, pit_id: str) -> None:
        raise NotImplementedError

    def bulk(self, actions: Iterable[dict[str, Any]], refresh: str | None = None) -> dict:
        lines = "".join(json.dumps(a, separators=(",", ":")) + "\n" for a in actions)
        params = {"refresh": refresh} if refresh else None
        return self.request("POST", "/_bulk", lines, params, ndjson=True)

    def close(self) -> None:
        """Release the client's connection pool."""


class ElasticsearchClient(EngineClient):
    engine = "elasticsearch"

    def __init__(self, options: ConnectionOptions) -> None:
        from elasticsearch import Elasticsearch

        auth = (options.username, options.password or "") if options.username else None
        tls: dict[str, Any] = {"ca_certs": options.ca_certs} if options.ca_certs else {}
        self._client = Elasticsearch(
            options.hosts,
            basic_auth=auth,
            verify_certs=options.verify_certs,
            ssl_show_warn=options.verify_certs,
            **tls,
            request_timeout=options.timeout,
            max_retries=0,  # retries and backoff live in store/search/bulk.py
        )

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, Any] | None = None,
        ndjson: bool = False,
    ) -> dict[str, Any]:
        import elastic_transport
        from elasticsearch import ApiError

        mime = "application/x-ndjson" if ndjson else "application/json"
        headers = {"accept": "application/json"}
        if body is not None:
            headers["content-type"] = mime
        try:
            resp = self._client.perform_request(
                method, path, params=params, headers=headers, body=body
            )
        except ApiError as exc:
            raise _error_from_body(exc.meta.status, exc.body, str(exc)) from exc
        except elastic_transport.TransportError as exc:  # connection errors and timeouts
            raise EngineError(None, type(exc).__name__, str(exc)) from exc
        return dict(resp.body) if isinstance(resp.body, dict) else {"body": resp.body}

    def open_pit(self, index: str, keep_alive: str) -> str:
        path = f"/{index}/_pit"
        return str(self.request("POST", path, params={"keep_alive": keep_alive})["id"])

    def close_pit(self, pit_id: str) -> None:
        self.request("DELETE", "/_pit", {"id": pit_id})

    def close(self) -> None:
        self._client.close()


class OpenSearchClient(EngineClient):
    engine = "opensearch"

    def __init__(self, options: ConnectionOptions) -> None:
        from opensearchpy import OpenSearch

        auth = (options.username, options.password or "") if options.username else None
        self._client = OpenSearch(
            options.hosts,
            http_auth=auth,
            verify_certs=options.verify_certs,
            ca_certs=options.ca_certs,
            ssl_show_warn=options.verify_certs,
            timeout=options.timeout,
            max_retries=0,  # retries and backoff live in store/search/bulk.py
        )

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, Any] | None = None,
        ndjson: bool = False,
    ) -> dict[str, Any]:
        from opensearchpy import ConnectionError as OsConnectionError
        from opensearchpy import TransportError

        headers = {"content-type": "application/x-ndjson"} if ndjson else None
        try:
            resp = self._client.transport.perform_request(
                method, path, params=params, body=body, headers=headers
            )
        except OsConnectionError as exc:
            raise EngineError(None, type(exc).__name__, str(exc)) from exc
        except TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else None
            raise _error_from_body(status, exc.info, str(exc)) from exc
        return resp if isinstance(resp, dict) else {"body": resp}

    def open_pit(self, index: str, keep_alive: str) -> str:
        path = f"/{index}/_search/point_in_time"
        return str(self.request("POST", path, params={"keep_alive": keep_alive})["pit_id"])

    def close_pit(self, pit_id: str) -> None:
        self.request("DELETE", "/_search/point_in_time", {"pit_id": [pit_id]})

    def close(self) -> None:
        self._client.close()


def make_client(engine: str, options: ConnectionOptions) -> EngineClient:
    if engine == "elasticsearch":
        return ElasticsearchClient(options)
    if engine == "opensearch":
        return OpenSearchClient(options)
    raise ValueError(f"unknown engine {engine!r}; use elasticsearch or opensearch")
