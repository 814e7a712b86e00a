"""/api/v1/articles and /healthz through the real app."""

from __future__ import annotations

from fastapi.testclient import TestClient

from store.base import SourceHealth
from store.sqlite import SQLiteStore


def assert_error_shape(body: dict, code: str) -> None:
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    assert body["error"]["request_id"]


def test_search_returns_hits_facets_histogram_and_highlights(client: TestClient) -> None:
    r = client.get("/api/v1/articles", params={"q": "politik uang"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 2
    first = body["hits"][0]
    assert first["title"] == "Bawaslu temukan politik uang di Probolinggo"
    assert "<mark>politik</mark>" in first["title_highlight"]
    assert first["violations"] == [
        {"category": "politik_uang", "status": "found", "confidence": 0.9}
    ]
    assert {f["value"] for f in body["facets"]["source"]} == {"contoh_jatim"}
    assert sum(b["count"] for b in body["histogram"]) == 2
    assert r.headers["X-Request-ID"]


def test_filters_and_cursor_pagination(client: TestClient) -> None:
    seen, cursor = [], None
    for _ in range(5):
        params = {"sort": "date", "size": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/v1/articles", params=params).json()
        seen += [h["id"] for h in body["hits"]]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 6
    r = client.get("/api/v1/articles", params=[("violation", "politik_uang"), ("region", "35")])
    assert [h["region"] for h in r.json()["hits"]] == ["Kabupaten Probolinggo"]
    r = client.get("/api/v1/articles", params={"date_from": "2024-02-04", "date_to": "2024-02-05"})
    assert r.json()["total"] == 2


def test_article_detail_has_the_extraction_inline(client: TestClient) -> None:
    hit = client.get("/api/v1/articles", params={"q": "Probolinggo"}).json()["hits"][0]
    r = client.get(f"/api/v1/articles/{hit['id']}")
    assert r.status_code == 200
    analysis = r.json()["analysis"]
    assert analysis["officials"][0]["institution"] == "Bawaslu Kabupaten Probolinggo"
    assert analysis["entities"][0] == {
        "text": "Fathul Qorib",
        "label": "PER",
        "start": 36,
        "end": 48,
        "code": None,
        "canonical": None,  # this stored analysis predates in-article coreference
    }


def test_errors_share_one_json_shape(client: TestClient) -> None:
    r = client.get("/api/v1/articles/nope")
    assert r.status_code == 404
    assert_error_shape(r.json(), "not_found")
    r = client.get("/api/v1/articles", params={"q": "-kpu"})
    assert r.status_code == 400
    assert_error_shape(r.json(), "invalid_query")
    r = client.get("/api/v1/articles", params={"cursor": "zzz"})
    assert r.status_code == 400
    assert_error_shape(r.json(), "invalid_query")
    r = client.get("/api/v1/articles", params={"date_from": "kemarin"})
    assert r.status_code == 400
    assert_error_shape(r.json(), "bad_request")
    r = client.get("/api/v1/articles", params={"size": 0})
    assert r.status_code == 422
    assert_error_shape(r.json(), "invalid_request")
    assert r.json()["error"]["details"][0]["location"] == "query.size"


def test_malformed_queries_never_answer_500(client: TestClient) -> None:
    for q in ['"', "(((", "a:b", "NEAR(", "^", "*", "AND", '"politik uang', "x" * 1000]:
        r = client.get("/api/v1/articles", params={"q": q})
        assert r.status_code in (200, 400), (q, r.text)


def test_healthz_reports_store_and_failing_sources(
    client: TestClient, loaded_store: SQLiteStore
) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["store"] == {"articles": 6, "pending": 0, "failed": 0}
    loaded_store.record_source_health(
        SourceHealth("antara_jambi", None, False, "DNS lookup failed", {})
    )
    body = client.get("/healthz").json()
    assert body["status"] == "degraded" and body["failing_sources"] == ["antara_jambi"]
    assert body["sources"][0]["error"] == "DNS lookup failed"


def test_openapi_documents_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/v1/articles" in spec["paths"] and "/api/v1/articles/{article_id}" in spec["paths"]
    assert client.get("/docs").status_code == 200
