"""POST /api/v1/extract and the NDJSON export through the real app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.extract import MAX_TEXT_CHARS
from pantau.settings import Settings
from store.sqlite import SQLiteStore
from tests.api.test_articles import assert_error_shape

TEXT = "Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan ada dugaan politik uang."


@pytest.fixture
def rules_client(loaded_store: SQLiteStore, tmp_path: Path) -> TestClient:
    return TestClient(create_app(Settings(data_dir=tmp_path, model="none"), loaded_store))


def test_extract_returns_the_extraction_contract(rules_client: TestClient) -> None:
    r = rules_client.post("/api/v1/extract", json={"text": TEXT, "title": "Dugaan politik uang"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert {"text": "Fathul Qorib", "label": "PER", "start": 36, "end": 48,
            "canonical": "Fathul Qorib"} in body["entities"]  # fmt: skip
    official = body["officials"][0]
    assert (official["name"], official["position"]) == ("Fathul Qorib", "Ketua")
    assert official["institution"] == "Bawaslu Kabupaten Probolinggo"
    assert body["violations"][0]["category"] == "politik_uang"
    assert body["pipeline"]


def test_extract_refuses_bad_input_with_the_error_shape(rules_client: TestClient) -> None:
    r = rules_client.post("/api/v1/extract", json={"text": "x" * (MAX_TEXT_CHARS + 1)})
    assert r.status_code == 422
    assert_error_shape(r.json(), "invalid_request")
    assert r.json()["error"]["details"][0]["location"] == "body.text"
    r = rules_client.post("/api/v1/extract", json={"title": "no text"})
    assert r.status_code == 422
    r = rules_client.post(
        "/api/v1/extract", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def lines(r) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(x) for x in r.text.splitlines()]


def test_export_streams_every_match_with_checkpoints(client: TestClient) -> None:
    r = client.get("/api/v1/export/articles", params={"sort": "date"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/x-ndjson")
    out = lines(r)
    articles = [x["article"] for x in out if "article" in x]
    assert len(articles) == len({a["id"] for a in articles}) == 6
    assert articles[0]["analysis"] is not None and articles[0]["body"]
    assert out[-1] == {"next_cursor": None, "complete": True, "count": 6}


def test_export_resumes_from_a_cursor_and_honours_filters(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"sort": "date_asc", "limit": 4, **({"cursor": cursor} if cursor else {})}
        out = lines(client.get("/api/v1/export/articles", params=params))
        seen += [x["article"]["id"] for x in out if "article" in x]
        last = out[-1]
        assert set(last) == {"next_cursor", "complete", "count"} and last["count"] <= 4
        cursor = last["next_cursor"]
        if last["complete"]:
            break
    assert len(seen) == len(set(seen)) == 6
    out = lines(client.get("/api/v1/export/articles", params={"violation": "politik_uang"}))
    assert out[-1]["count"] == len([x for x in out if "article" in x]) >= 1
    assert all(
        any(v["category"] == "politik_uang" for v in x["article"]["analysis"]["violations"])
        for x in out
        if "article" in x
    )


def test_export_rejects_bad_queries_before_streaming(client: TestClient) -> None:
    r = client.get("/api/v1/export/articles", params={"q": "-kpu"})
    assert r.status_code == 400
    assert_error_shape(r.json(), "invalid_query")
    r = client.get("/api/v1/export/articles", params={"cursor": "zzz"})
    assert r.status_code == 400
