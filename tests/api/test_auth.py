"""API keys, scopes, rate limits, CORS and the pages' sign-in, through the real app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.keys import KeyStore, hash_token
from api.ratelimit import RateLimiter
from pantau.settings import Settings
from store.sqlite import SQLiteStore
from tests.api.test_articles import assert_error_shape


@pytest.fixture
def secured(loaded_store: SQLiteStore, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        data_dir=tmp_path, api_auth="on", api_rate_burst=5, api_rate_per_minute=60,
        cors_origins="https://dash.example.org",
    )  # fmt: skip
    with TestClient(create_app(settings, loaded_store)) as c:
        yield c


def make_key(store: SQLiteStore, *scopes: str, rate: int | None = None) -> dict[str, str]:
    _key, token = KeyStore(store.path).create("test", list(scopes), rate)
    return {"Authorization": f"Bearer {token}"}


def test_keys_are_stored_hashed_and_shown_once(loaded_store: SQLiteStore) -> None:
    keys = KeyStore(loaded_store.path)
    key, token = keys.create("analis", ["read"])
    assert token.startswith(f"pk_{key.id}_") and len(token) > 40
    raw = keys._conn.execute("SELECT * FROM api_keys").fetchone()
    assert token not in [str(v) for v in raw] and raw["hash"] == hash_token(token)
    verified = keys.verify(token)
    assert verified is not None and verified.id == key.id and keys.verify(token + "x") is None
    assert keys.get(key.id).last_used_at  # type: ignore[union-attr]
    assert keys.verify(f"pk_{key.id}_{'a' * 43}") is None and keys.verify("garbage") is None
    keys.revoke(key.id)
    assert keys.verify(token) is None and keys.all()[0].revoked_at


def test_auth_on_needs_a_key_with_the_right_scope(
    secured: TestClient, loaded_store: SQLiteStore
) -> None:
    r = secured.get("/api/v1/articles")
    assert r.status_code == 401 and r.headers["WWW-Authenticate"] == "Bearer"
    assert_error_shape(r.json(), "unauthorized")
    read = make_key(loaded_store, "read")
    assert secured.get("/api/v1/articles", headers=read).status_code == 200
    token = read["Authorization"].split()[1]
    assert secured.get("/api/v1/articles", headers={"X-API-Key": token}).status_code == 200
    r = secured.get("/api/v1/subscriptions", headers=read)
    assert r.status_code == 403
    assert_error_shape(r.json(), "forbidden")
    assert secured.get("/api/v1/keys", headers=read).status_code == 403
    assert (
        secured.get(
            "/api/v1/subscriptions", headers=make_key(loaded_store, "subscribe")
        ).status_code
        == 200
    )
    # Open without a key: health, the OpenAPI document, static files.
    assert secured.get("/healthz").status_code == 200
    assert secured.get("/openapi.json").status_code == 200
    assert secured.get("/static/pantau.css").status_code == 200


def test_admin_manages_keys_through_the_api(secured: TestClient, loaded_store: SQLiteStore) -> None:
    admin = make_key(loaded_store, "admin")
    r = secured.post("/api/v1/keys", headers=admin, json={"name": "dasbor", "scopes": ["read"]})
    assert r.status_code == 201
    created = r.json()
    assert created["token"].startswith("pk_") and created["scopes"] == ["read"]
    listed = secured.get("/api/v1/keys", headers=admin).json()["items"]
    assert created["id"] in {k["id"] for k in listed} and all("token" not in k for k in listed)
    new = {"Authorization": f"Bearer {created['token']}"}
    assert secured.get("/api/v1/articles", headers=new).status_code == 200
    assert secured.delete(f"/api/v1/keys/{created['id']}", headers=admin).json()["revoked"]
    assert secured.get("/api/v1/articles", headers=new).status_code == 401
    assert secured.delete("/api/v1/keys/nope", headers=admin).status_code == 404
    r = secured.post("/api/v1/keys", headers=admin, json={"name": "x", "scopes": ["root"]})
    assert r.status_code == 422


def test_rate_limit_answers_429_with_retry_after(
    secured: TestClient, loaded_store: SQLiteStore
) -> None:
    read = make_key(loaded_store, "read")
    codes = [secured.get("/api/v1/articles", headers=read).status_code for _ in range(7)]
    assert codes[:5] == [200] * 5 and codes[5:] == [429, 429]
    r = secured.get("/api/v1/articles", headers=read)
    assert int(r.headers["Retry-After"]) >= 1
    assert_error_shape(r.json(), "rate_limited")
    # Another key has its own bucket.
    assert (
        secured.get("/api/v1/articles", headers=make_key(loaded_store, "read")).status_code == 200
    )


def test_token_bucket_refills_over_time() -> None:
    now = [0.0]
    limiter = RateLimiter(clock=lambda: now[0])
    assert [limiter.take("k", 60, 2) for _ in range(2)] == [0.0, 0.0]
    assert limiter.take("k", 60, 2) == pytest.approx(1.0)
    now[0] = 1.0
    assert limiter.take("k", 60, 2) == 0.0


def test_pages_redirect_to_sign_in_and_accept_the_cookie(
    secured: TestClient, loaded_store: SQLiteStore
) -> None:
    r = secured.get("/?q=pemilu", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/masuk?next=%2F%3Fq%3Dpemilu"
    assert "Kunci API" in secured.get("/masuk").text
    r = secured.post("/masuk", data={"key": "pk_nope_" + "x" * 30, "next": "/"})
    assert r.status_code == 401 and "tidak dikenal" in r.text
    token = make_key(loaded_store, "read")["Authorization"].split()[1]
    r = secured.post(
        "/masuk", data={"key": token, "next": "//evil.example"}, follow_redirects=False
    )
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert secured.get("/?q=pemilu").status_code == 200  # the client keeps the cookie
    # The JSON API never takes the cookie.
    assert secured.get("/api/v1/articles").status_code == 401


def test_cors_allows_only_the_configured_origins(secured: TestClient) -> None:
    pre = {
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization",
    }
    r = secured.options("/api/v1/articles", headers={"Origin": "https://dash.example.org", **pre})
    assert r.headers["access-control-allow-origin"] == "https://dash.example.org"
    r = secured.options("/api/v1/articles", headers={"Origin": "https://evil.example", **pre})
    assert "access-control-allow-origin" not in r.headers


def test_auth_off_leaves_everything_open(client: TestClient) -> None:
    assert client.get("/api/v1/articles").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/keys").json() == {"items": []}
