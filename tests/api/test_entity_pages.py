"""Entity, official and violation pages on the entities package, through the real app."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from entities.service import EntityService
from pantau.settings import Settings
from store.sqlite import SQLiteStore


@pytest.fixture
def linked(loaded_store: SQLiteStore, tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path)
    app = create_app(settings, loaded_store)
    app.state.entities = EntityService.open(settings, loaded_store)
    app.state.entities.rebuild()
    with TestClient(app) as c:
        yield c
    app.state.entities.close()


def test_article_page_links_officials_and_organizations(linked: TestClient) -> None:
    hit = linked.get("/api/v1/articles", params={"q": "Probolinggo"}).json()["hits"][0]
    html = linked.get(f"/artikel/{hit['id']}").text
    assert "Politik uang</strong>" in html and "bukti serupa" in html
    official = re.search(
        r'<ul class="officials"><li><a href="(/entitas/[^"]+)">Fathul Qorib</a>', html
    )
    assert official, html
    page = linked.get(official.group(1))
    assert page.status_code == 200
    assert "<h1>Fathul Qorib</h1>" in page.text and "Jabatan" in page.text
    assert "Bawaslu Kabupaten Probolinggo" in page.text
    org = re.search(r'<ul class="organizations"><li><a href="(/entitas/[^"]+)">', html)
    assert org and linked.get(org.group(1)).status_code == 200


def test_entity_list_officials_and_unknown_entity(linked: TestClient) -> None:
    html = linked.get("/entitas", params={"q": "qorib"}).text
    assert "Fathul Qorib" in html
    assert "Fathul Qorib" in linked.get("/pejabat", params={"institution": "Bawaslu"}).text
    r = linked.get("/entitas/ent_nope")
    assert r.status_code == 404


def test_violations_dashboard_drills_down_to_evidence(linked: TestClient) -> None:
    html = linked.get("/pelanggaran").text
    assert "artikel memberitakan dugaan pelanggaran" in html
    link = re.search(
        r'<a href="(/pelanggaran/bukti\?category=politik_uang)">Politik uang</a>', html
    )
    assert link, html
    assert 'data-panel="week"' in html and "minggu 2024-" in html
    evidence = linked.get(link.group(1).replace("&amp;", "&")).text
    assert "Politik uang" in evidence and "/artikel/" in evidence
    assert "Netralitas" not in evidence.split("<tbody>")[1]
    week = re.search(r'href="(/pelanggaran/bukti\?date_from=[^"]+)"', html)
    assert week and linked.get(week.group(1).replace("&amp;", "&")).status_code == 200


def test_entity_official_and_violation_exports(linked: TestClient) -> None:
    import json

    for path, name in (
        ("entities", "entity"),
        ("officials", "official"),
        ("violations", "violation"),
    ):
        r = linked.get(f"/api/v1/export/{path}")
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
        out = [json.loads(x) for x in r.text.splitlines()]
        items = [x[name] for x in out if name in x]
        assert items and out[-1] == {"next_cursor": None, "complete": True, "count": len(items)}
    r = linked.get("/api/v1/export/violations", params={"category": "politik_uang"})
    cats = {json.loads(x)["violation"]["category"] for x in r.text.splitlines()[:-1]}
    assert cats == {"politik_uang"}
    assert linked.get("/api/v1/export/violations", params={"cursor": "%%%"}).status_code == 400
