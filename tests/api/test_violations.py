"""/api/v1/violations through the real app, on articles analyzed by the real rule pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.entities.corpus import articles
from tests.entities.fixtures import Linked, linked_client

ARTICLE = {n: a.id for n, a in enumerate(articles(), start=1)}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    pair: tuple[TestClient, Linked]
    with linked_client(tmp_path) as pair:
        yield pair[0]


def rows(client: TestClient, **params: Any) -> list[tuple[str, str, str]]:
    response = client.get("/api/v1/violations", params={"size": 100, **params})
    assert response.status_code == 200, response.text
    return [(v["article_id"], v["category"], v["status"]) for v in response.json()["items"]]


def test_rows_newest_first_with_article_fields(client: TestClient) -> None:
    assert rows(client) == [
        (ARTICLE[7], "fasilitas_negara", "alleged"),
        (ARTICLE[4], "politik_uang", "found"),
        (ARTICLE[2], "politik_uang", "found"),
    ]
    first = client.get("/api/v1/violations", params={"size": 1}).json()["items"][0]
    assert first == {
        "article_id": ARTICLE[7], "url": "https://contoh.pantau.invalid/entitas/7",
        "title": "Kampanye di tempat ibadah dilaporkan", "source": "contoh_riau",
        "published_at": "2024-02-13T09:00:00Z", "category": "fasilitas_negara",
        "status": "alleged", "confidence": 0.9,
        "evidence": "Kampanye di tempat ibadah dilaporkan", "actors": [],
        "region": "Kabupaten Rokan Hulu", "region_code": "14.06",
    }  # fmt: skip


def test_filters(client: TestClient) -> None:
    assert [r[0] for r in rows(client, category="politik_uang")] == [ARTICLE[4], ARTICLE[2]]
    assert [r[0] for r in rows(client, status="alleged")] == [ARTICLE[7]]
    assert [r[0] for r in rows(client, region="35")] == [ARTICLE[4], ARTICLE[2]]
    assert [r[0] for r in rows(client, region="Kabupaten Probolinggo")] == [ARTICLE[2]]
    assert [r[0] for r in rows(client, min_confidence=0.9)] == [ARTICLE[7]]
    assert [r[0] for r in rows(client, date_from="2024-01-21", date_to="2024-02-05")] == [
        ARTICLE[4]
    ]
    # 2024-01-20 23:30 WIB is 20 January in WIB (16:30 UTC)
    assert [r[0] for r in rows(client, date_from="2024-01-20", date_to="2024-01-20")] == [
        ARTICLE[2]
    ]
    assert rows(client, category="politik_uang", region="14") == []


def test_pagination_covers_every_row_once(client: TestClient) -> None:
    everything = rows(client)
    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/violations", params={"size": 2, "cursor": cursor}).json()
        seen += [(v["article_id"], v["category"], v["status"]) for v in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == everything


@pytest.mark.parametrize(
    ("params", "status"),
    [({"min_confidence": "2"}, 422), ({"region": "Atlantis"}, 400), ({"cursor": "eyJ4Ijox"}, 400)],
)
def test_bad_parameters(client: TestClient, params: dict[str, str], status: int) -> None:
    response = client.get("/api/v1/violations", params=params)
    assert response.status_code == status
    assert set(response.json()["error"]) >= {"code", "message", "request_id"}
