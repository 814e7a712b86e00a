"""/api/v1/subscriptions and /feeds through the real app on a temp store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from store.sqlite import SQLiteStore
from tests.alerts.conftest import settings_for
from tests.alerts.receiver import Receiver
from tests.store.samples import analysis_for, corpus

BASE = "/api/v1/subscriptions"


@pytest.fixture
def client(tmp_path: Path, store: SQLiteStore) -> Iterator[TestClient]:
    app = create_app(settings_for(tmp_path), store)
    with TestClient(app) as c:
        yield c
    if getattr(app.state, "alerts", None) is not None:
        app.state.alerts.close()


def create(client: TestClient, url: str, **criteria: object) -> dict:
    body = {"name": "Politik uang Jatim", "criteria": criteria or {"query": "politik uang"},
            "channel": {"type": "webhook", "url": url}}  # fmt: skip
    response = client.post(BASE, json=body)
    assert response.status_code == 201, response.text
    return response.json()


def test_crud_pause_resume_delete(client: TestClient, receiver: Receiver) -> None:
    created = create(client, receiver.url, query="uang", regions=["Jawa Timur", "35.13"])
    sid = created["id"]
    assert len(created["secret"]) >= 32
    assert created["criteria"]["region_codes"] == ["35", "35.13"]
    assert created["frequency"] == "instant" and created["timezone"] == "Asia/Jakarta"
    got = client.get(f"{BASE}/{sid}").json()
    assert "secret" not in got and got["feed_url"].endswith(".atom")
    assert [s["id"] for s in client.get(BASE).json()["items"]] == [sid]
    patched = client.patch(f"{BASE}/{sid}", json={"frequency": "daily", "digest_hour": 18,
                                                  "timezone": "Asia/Jayapura"})  # fmt: skip
    assert patched.status_code == 200
    assert (patched.json()["frequency"], patched.json()["digest_hour"]) == ("daily", 18)
    assert client.post(f"{BASE}/{sid}/pause").json()["paused"] is True
    assert client.post(f"{BASE}/{sid}/resume").json()["paused"] is False
    assert client.delete(f"{BASE}/{sid}").status_code == 204
    missing = client.get(f"{BASE}/{sid}")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"criteria": {}}, "criteria are empty"),
        ({"criteria": {"categories": ["suap"]}}, "unknown categories ['suap']"),
        ({"criteria": {"statuses": ["rumor"]}}, "unknown statuses"),
        ({"criteria": {"query": "-uang"}}, "only excludes"),
        ({"criteria": {"query": "uang", "regions": ["Atlantis"]}}, "unknown region 'Atlantis'"),
        ({"criteria": {"query": "uang", "min_confidence": 2}}, "less than or equal to 1"),
        ({"criteria": {"query": "uang", "colour": "red"}}, "Extra inputs"),
        ({"channel": {"type": "webhook", "url": "ftp://x.example/"}}, "http:// or https://"),
        ({"channel": {"type": "webhook", "url": "not a url"}}, "http:// or https://"),
        ({"channel": {"type": "email", "to": ["bukan-email"]}}, "invalid e-mail address"),
        ({"channel": {"type": "sms"}}, "does not match any of the expected tags"),
        ({"timezone": "Mars/Olympus"}, "unknown time zone"),
        ({"frequency": "weekly"}, "frequency"),
        ({"digest_hour": 24}, "digest_hour"),
    ],
)
def test_invalid_subscriptions_are_422_with_the_error_shape(
    client: TestClient, body: dict, fragment: str
) -> None:
    payload = {"name": "x", "criteria": {"query": "uang"},
               "channel": {"type": "feed"}, **body}  # fmt: skip
    response = client.post(BASE, json=payload)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_request"
    assert any(fragment in d["message"] or fragment in d["location"] for d in error["details"])
    assert client.get(BASE).json()["items"] == []


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/x", "http://10.1.2.3/x", "http://169.254.169.254/latest",
     "http://[::1]/x", "http://localhost:8080/"],
)  # fmt: skip
def test_private_webhook_targets_are_refused_unless_allowed(
    tmp_path: Path, store: SQLiteStore, url: str
) -> None:
    app = create_app(settings_for(tmp_path, webhook_allow_private=False), store)
    with TestClient(app) as c:
        body = {
            "name": "x",
            "criteria": {"query": "uang"},
            "channel": {"type": "webhook", "url": url},
        }
        response = c.post(BASE, json=body)
    app.state.alerts.close()
    assert response.status_code == 422
    assert "PANTAU_WEBHOOK_ALLOW_PRIVATE" in response.json()["error"]["message"]


def test_matches_list_reasons_and_feed(client: TestClient, store: SQLiteStore,
                                       receiver: Receiver) -> None:  # fmt: skip
    sub = create(client, receiver.url, query="uang", entities=["Fathul Qorib"],
                 categories=["politik_uang"])  # fmt: skip
    alerts = client.app.state.alerts  # type: ignore[attr-defined]
    a = corpus()[0]
    store.put_article(a)
    store.put_analysis(a.id, analysis_for(1))
    alerts.on_analyzed(a.id)
    page = client.get(f"{BASE}/{sub['id']}/matches").json()
    (item,) = page["items"]
    assert item["article_id"] == a.id and item["alerted"] is True
    assert item["reason"]["terms"] == ["uang"]
    assert item["reason"]["entities"] == ["Fathul Qorib"]
    assert item["reason"]["categories"][0]["category"] == "politik_uang"
    assert "<mark>uang</mark>" in item["reason"]["snippet"]
    feed = client.get(sub["feed_url"].replace("http://testserver", ""))
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.find("a:entry/a:title", ns).text == a.title  # type: ignore[union-attr]
    assert client.get("/feeds/not-a-token.atom").status_code == 404


def test_test_fire_reports_the_receiver_answer(client: TestClient, receiver: Receiver) -> None:
    sub = create(client, receiver.url)
    result = client.post(f"{BASE}/{sub['id']}/test").json()
    assert result["ok"] is True and result["status_code"] == 200
    (got,) = receiver.received
    assert got.json["type"] == "pantau.alert.test" and got.key.startswith("test-")
    receiver.respond = lambda r: (410, 0.0)
    result = client.post(f"{BASE}/{sub['id']}/test").json()
    assert result == {**result, "ok": False, "status_code": 410, "error": "HTTP 410"}
