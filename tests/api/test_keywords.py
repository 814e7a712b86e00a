"""Flagged keyword lists: managed through the API, applied by the pipeline (morphology-aware)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_keyword_lists_are_managed_and_flag_texts(client: TestClient) -> None:
    assert client.get("/api/v1/keywords").json() == []
    r = client.put(
        "/api/v1/keywords/uang_lokal",
        json={"keywords": ["bagi uang", "serangan  fajar", "bagi uang"]},
    )
    assert r.status_code == 200
    assert r.json() == {"name": "uang_lokal", "keywords": ["bagi uang", "serangan fajar"]}
    out = client.post(
        "/api/v1/extract", json={"text": "Relawan membagikan uang kepada warga di Desa Sukamaju."}
    ).json()
    assert [(k["list"], k["text"]) for k in out["keywords"]] == [("uang_lokal", "membagikan uang")]
    titled = client.post(
        "/api/v1/extract", json={"text": "Tidak ada.", "title": "Isu serangan fajar di Garut"}
    ).json()
    assert [(k["text"], k.get("field")) for k in titled["keywords"]] == [
        ("serangan fajar", "title")
    ]
    client.put("/api/v1/keywords/uang_lokal", json={"keywords": ["amplop"]})
    again = client.post(
        "/api/v1/extract", json={"text": "Relawan membagikan uang dan amplop."}
    ).json()
    assert [k["text"] for k in again["keywords"]] == ["amplop"]  # the change applies at once
    assert client.delete("/api/v1/keywords/uang_lokal").status_code == 204
    assert client.get("/api/v1/keywords/uang_lokal").status_code == 404


def test_invalid_lists_are_refused_with_the_error_shape(client: TestClient) -> None:
    for name, body in (
        ("Bad Name!", {"keywords": ["x"]}),
        ("ok", {"keywords": []}),
        ("ok", {"keywords": ["  "]}),
    ):
        r = client.put(f"/api/v1/keywords/{name}", json=body)
        assert r.status_code == 422, (name, body)
        assert r.json()["error"]["code"] == "invalid_request"
    assert client.delete("/api/v1/keywords/absent").status_code == 404
