"""A temp SQLite store with the entities corpus analyzed by the real rule pipeline and linked
through the analyze stage's ``after`` hook, plus the real app on top of it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from entities.keys import default_id
from entities.service import EntityService
from nlp.extract import Extractor
from pantau.analyze import analyze_pending
from pantau.settings import Settings
from store.records import Article
from store.sqlite import SQLiteStore
from tests.entities.corpus import articles


@lru_cache(maxsize=1)
def extractor() -> Extractor:
    return Extractor(model="none")


@dataclass
class Linked:
    store: SQLiteStore
    service: EntityService
    articles: list[Article]

    def analyze(self) -> int:
        return analyze_pending(self.store, extractor(), after=self.service.hook).analyzed

    def reanalyze(self) -> int:
        """Changed content resets every article to ``new``; the analyze stage runs again."""
        for a in self.store_articles():
            self.store.put_article(a.model_copy(update={"body": a.body + " Berita diperbarui.",
                                                       "content_hash": "", "status": "new"}))  # fmt: skip
        return self.analyze()

    def store_articles(self) -> list[Article]:
        found = [self.store.get_article(a.id) for a in self.articles]
        return [a for a in found if a is not None]


@contextmanager
def linked_store(tmp_path: Path) -> Iterator[Linked]:
    store = SQLiteStore(tmp_path / "pantau.db")
    service = EntityService.open(Settings(data_dir=tmp_path), store)
    corpus = articles()
    store.put_articles(corpus)
    linked = Linked(store, service, corpus)
    assert linked.analyze() == len(corpus)
    try:
        yield linked
    finally:
        service.close()
        store.close()


@contextmanager
def linked_client(tmp_path: Path) -> Iterator[tuple[TestClient, Linked]]:
    with linked_store(tmp_path) as linked:
        app = create_app(Settings(data_dir=tmp_path), linked.store)
        app.state.entities = linked.service
        with TestClient(app) as client:
            yield client, linked


def person(name: str) -> str:
    return default_id("person", name.lower())


def org(canonical: str) -> str:
    return default_id("organization", canonical.lower())


def loc(code: str) -> str:
    return default_id("location", code)
