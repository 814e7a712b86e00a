"""The server-rendered pages (HTML checks here; the browser tests drive real Chromium)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from store.sqlite import SQLiteStore
from tests.store.samples import article


def test_search_page_shows_highlighted_results_and_facets(client: TestClient) -> None:
    r = client.get("/", params={"q": "politik uang"})
    assert r.status_code == 200
    html = r.text
    assert '<html lang="id">' in html
    assert "2 artikel" in html and "<mark>politik</mark>" in html
    assert 'data-facet="source"' in html and "Sumber" in html
    assert "/?q=politik+uang&amp;source=contoh_jatim" in html  # facet links keep the query


def test_user_and_article_text_is_always_escaped(
    client: TestClient, loaded_store: SQLiteStore
) -> None:
    evil = article(
        9,
        title="<script>alert(1)</script> pemilu",
        body="<img src=x onerror=alert(2)> pemilu damai",
    )
    loaded_store.put_article(evil)
    r = client.get("/", params={"q": '<script>alert("q")</script> pemilu'})
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;" in r.text
    page = client.get(f"/artikel/{evil.id}")
    assert page.status_code == 200
    assert "<script>alert" not in page.text and "&lt;img src=x" in page.text


def test_article_page_marks_entities_and_evidence(client: TestClient) -> None:
    hit = client.get("/api/v1/articles", params={"q": "Probolinggo"}).json()["hits"][0]
    html = client.get(f"/artikel/{hit['id']}").text
    assert '<span class="ent-per" title="PER">Fathul Qorib</span>' in html
    assert '<span class="ent-org" title="ORG">Bawaslu Kabupaten Probolinggo</span>' in html


def test_a_bad_query_on_the_page_is_a_friendly_400(client: TestClient) -> None:
    r = client.get("/", params={"q": "-semua"})
    assert r.status_code == 400 and "Kueri tidak dapat diproses" in r.text
