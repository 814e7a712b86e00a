"""/api/v1/quotes over the entities corpus analysed by the real rule pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.entities.fixtures import Linked, linked_client, person


@pytest.fixture
def api(tmp_path: Path) -> Iterator[tuple[TestClient, Linked]]:
    with linked_client(tmp_path) as pair:
        yield pair


def test_statements_with_speaker_entity_and_filters(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    body = client.get("/api/v1/quotes", params={"speaker": "fathul"}).json()
    texts = [q["text"] for q in body["items"]]
    assert "pengawasan logistik diperketat" in texts
    assert "pengawasan kampanye terus dilakukan di semua kecamatan" in texts
    for q in body["items"]:
        assert q["speaker"] == "Fathul Qorib"
        assert q["speaker_entity_id"] == person("Fathul Qorib")
        assert q["kind"] == "indirect" and 0 < q["confidence"] <= 1
    by_entity = client.get("/api/v1/quotes", params={"entity": person("Fathul Qorib")}).json()
    assert [q["text"] for q in by_entity["items"]] == texts
    words = client.get("/api/v1/quotes", params={"speaker": "fathul", "q": "logistik"}).json()
    assert [q["text"] for q in words["items"]] == ["pengawasan logistik diperketat"]
    assert client.get("/api/v1/quotes", params={"speaker": "tidak ada"}).json()["items"] == []


def test_pages_cover_every_statement_once(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    everything = client.get("/api/v1/quotes", params={"size": 100}).json()["items"]
    seen, cursor = [], None
    while True:
        params = {"size": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/quotes", params=params).json()
        seen += [(q["article_id"], q["start"]) for q in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == [(q["article_id"], q["start"]) for q in everything]
    assert len(set(seen)) == len(seen) >= 2


def test_bad_cursor_is_400(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    assert client.get("/api/v1/quotes", params={"cursor": "bm90LWEtY3Vyc29y"}).status_code == 400


def test_ndjson_export_of_statements(api: tuple[TestClient, Linked]) -> None:
    import json

    client, _ = api
    listed = client.get("/api/v1/quotes", params={"size": 100}).json()["items"]
    r = client.get("/api/v1/export/quotes")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(x) for x in r.text.splitlines() if x]
    quotes = [x["quote"] for x in lines if "quote" in x]
    assert [(q["article_id"], q["start"]) for q in quotes] == [
        (q["article_id"], q["start"]) for q in listed
    ]
    assert lines[-1] == {"next_cursor": None, "complete": True, "count": len(listed)}
    assert client.get("/api/v1/export/quotes", params={"cursor": "%%%"}).status_code == 400


def test_person_page_lists_statements(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    body = client.get(f"/api/v1/entities/{person('Fathul Qorib')}").json()
    assert "pengawasan logistik diperketat" in [q["text"] for q in body["quotes"]]
    page = client.get(f"/entitas/{person('Fathul Qorib')}")
    assert page.status_code == 200
    assert "Pernyataan" in page.text
    assert "<mark>pengawasan logistik diperketat</mark>" in page.text
