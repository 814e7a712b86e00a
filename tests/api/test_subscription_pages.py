"""The search page's additions and the /langganan pages, through the real app."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_page_has_dates_labels_export_and_alert_link(client: TestClient) -> None:
    html = client.get("/", params={"q": "politik uang", "date_from": "2024-01-01"}).text
    assert 'name="date_from" value="2024-01-01"' in html and 'name="date_to"' in html
    assert "Politik uang</a>" in html  # the violation facet in Indonesian
    assert 'href="/langganan/baru?q=politik+uang"' in html
    assert "/api/v1/export/articles?q=politik+uang&amp;date_from=2024-01-01" in html
    assert "Buat peringatan" not in client.get("/").text  # nothing to subscribe to


def test_create_pause_and_delete_a_subscription_from_a_search(client: TestClient) -> None:
    form = client.get(
        "/langganan/baru",
        params=[("q", "politik uang"), ("region", "35"), ("violation", "politik_uang")],
    ).text
    assert 'name="query" value="politik uang"' in form and 'value="35"' in form
    assert 'value="politik_uang" checked' in form
    data = {
        "name": "Politik uang Jatim",
        "query": "politik uang",
        "regions": "35",
        "outlets": "",
        "entities": "",
        "categories": "politik_uang",
        "channel": "feed",
        "frequency": "daily",
    }
    r = client.post("/langganan/baru", data=data)
    assert r.status_code == 201 and "/feeds/" in r.text
    sub = client.get("/api/v1/subscriptions").json()["items"][0]
    assert sub["criteria"]["query"] == "politik uang" and sub["criteria"]["regions"] == ["35"]
    assert sub["frequency"] == "daily" and sub["channel"] == {"type": "feed"}
    listing = client.get("/langganan").text
    assert "Politik uang Jatim" in listing and "aktif" in listing
    client.post(f"/langganan/{sub['id']}/jeda")
    assert client.get(f"/api/v1/subscriptions/{sub['id']}").json()["paused"] is True
    r = client.post(f"/langganan/{sub['id']}/hapus", follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/api/v1/subscriptions").json()["items"] == []


def test_invalid_subscription_forms_are_explained(client: TestClient) -> None:
    r = client.post("/langganan/baru", data={"name": "kosong", "channel": "feed"})
    assert r.status_code == 422 and "criteria" in r.text
    r = client.post(
        "/langganan/baru",
        data={
            "name": "x",
            "query": "pemilu",
            "channel": "webhook",
            "webhook_url": "http://127.0.0.1/hook",
        },
    )
    assert r.status_code == 422 and "privat" in r.text
    r = client.post(
        "/langganan/baru", data={"name": "<b>x</b>", "query": "-semua", "channel": "feed"}
    )
    assert r.status_code == 422 and "<b>x</b>" not in r.text


def test_forms_from_another_site_are_refused(client: TestClient) -> None:
    r = client.post(
        "/langganan/baru",
        data={"name": "x", "query": "pemilu", "channel": "feed"},
        headers={"Origin": "https://evil.example"},
    )
    assert r.status_code == 403
    r = client.post(
        "/langganan/baru",
        data={"name": "x", "query": "pemilu", "channel": "feed"},
        headers={"Origin": "http://testserver"},
    )
    assert r.status_code == 201
