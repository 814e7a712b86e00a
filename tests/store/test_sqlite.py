"""What only the SQLite backend has: the file, WAL, migrations, corruption handling."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store.base import CorruptStoreError, StoreError
from store.factory import open_store
from store.sqlite import SQLiteStore
from store.sqlite.schema import LATEST
from tests.store.samples import article


def test_new_file_is_migrated_to_the_latest_version_in_wal_mode(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "p.db")
    conn = sqlite3.connect(tmp_path / "p.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST == store.schema_version
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


def test_reopening_keeps_data_and_applies_nothing_twice(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "p.db") as store:
        store.put_article(article(1))
    with SQLiteStore(tmp_path / "p.db") as again:
        assert again.count() == 1


def test_a_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    garbage = b"this is not a database " * 100
    path.write_bytes(garbage)
    with pytest.raises(CorruptStoreError, match="not a usable Pantau store"):
        SQLiteStore(path)
    assert path.read_bytes() == garbage


def test_a_store_from_a_newer_pantau_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    SQLiteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer Pantau"):
        SQLiteStore(path)


def test_an_unwritable_location_gives_an_actionable_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="writable"):
        SQLiteStore(blocker / "sub" / "p.db")


@pytest.mark.parametrize(
    ("url", "expected"),
    [("sqlite:///rel/p.db", Path("rel/p.db")), ("sqlite:////abs/p.db", Path("/abs/p.db"))],
)
def test_store_urls_follow_the_sqlalchemy_convention(
    url: str, expected: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if expected.is_absolute():
        url = f"sqlite:///{tmp_path}/abs/p.db"
        expected = tmp_path / "abs" / "p.db"
    store = open_store(url)
    assert isinstance(store, SQLiteStore) and store.path == expected
    store.close()


def test_unknown_store_urls_are_explained() -> None:
    with pytest.raises(StoreError, match="unknown store URL scheme"):
        open_store("mysql://localhost/pantau")
