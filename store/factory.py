"""Open the store named by a URL: ``sqlite:///path``, ``elasticsearch://…``, ``opensearch://…``."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from store.base import Store, StoreError


def open_store(url: str) -> Store:
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        from store.sqlite import SQLiteStore

        # SQLAlchemy's convention: sqlite:///relative/file.db, sqlite:////absolute/file.db
        if not url.startswith("sqlite:///") or len(url) == len("sqlite:///"):
            raise StoreError("sqlite store URL needs a file: sqlite:///path/to/pantau.db")
        return SQLiteStore(Path(url[len("sqlite:///") :]))
    if scheme in ("elasticsearch", "opensearch", "elasticsearch+https", "opensearch+https"):
        try:
            from store.search import open_search_store
        except ImportError as exc:
            raise StoreError(
                f"the {scheme} backend needs its client: pip install 'pantau[search]' ({exc})"
            ) from exc
        return open_search_store(url)
    raise StoreError(
        f"unknown store URL scheme {scheme!r}; use sqlite:///FILE, elasticsearch://HOST:PORT "
        "or opensearch://HOST:PORT"
    )
