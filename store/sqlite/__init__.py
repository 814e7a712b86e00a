"""The embedded default backend: one SQLite file with FTS5."""

from store.sqlite.backend import SQLiteStore

__all__ = ["SQLiteStore"]
