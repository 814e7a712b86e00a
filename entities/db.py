"""The entities database: one SQLite file (shared with the store or entities.db), a
connection per thread, writes serialised by a lock inside ``BEGIN IMMEDIATE`` transactions."""

from __future__ import annotations

from pathlib import Path

from entities import schema
from store.sqlite.sidecar import SideDB


class EntitiesDB(SideDB):
    def __init__(self, path: Path | str) -> None:
        super().__init__(path, schema.MIGRATIONS_SET)
