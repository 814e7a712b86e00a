"""The real app on a temp SQLite store loaded with the contract-test corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pantau.settings import Settings
from store.sqlite import SQLiteStore
from tests.store.samples import analysis_for, corpus


@pytest.fixture
def loaded_store(tmp_path: Path) -> Iterator[SQLiteStore]:
    store = SQLiteStore(tmp_path / "api.db")
    articles = corpus()
    store.put_articles(articles)
    for n, a in enumerate(articles, start=1):
        store.put_analysis(a.id, analysis_for(n))
    yield store
    store.close()


@pytest.fixture
def client(loaded_store: SQLiteStore, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(Settings(data_dir=tmp_path), loaded_store)
    with TestClient(app) as c:
        yield c
