"""/api/v1/entities and /api/v1/officials through the real app, on articles analyzed by the
real rule pipeline (tests/entities/corpus.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.entities.corpus import articles
from tests.entities.fixtures import Linked, linked_client, loc, org, person

FQ = person("Fathul Qorib")
ARTICLE = {n: a.id for n, a in enumerate(articles(), start=1)}


@pytest.fixture
def api(tmp_path: Path) -> Iterator[tuple[TestClient, Linked]]:
    with linked_client(tmp_path) as pair:
        yield pair


def names(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/api/v1/entities", params={"size": 100, **params})
    assert response.status_code == 200, response.text
    return [i["name"] for i in response.json()["items"]]


def test_list_counts_and_order(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    items = client.get("/api/v1/entities", params={"size": 3}).json()["items"]
    assert items == [
        {"id": loc("35.13"), "type": "location", "name": "Kabupaten Probolinggo",
         "code": "35.13", "mentions": 4, "articles": 4,
         "first_seen": "2024-01-08T02:00:00Z", "last_seen": "2024-02-10T07:00:00Z"},
        {"id": org("Bawaslu Kabupaten Probolinggo"), "type": "organization",
         "name": "Bawaslu Kabupaten Probolinggo", "code": None, "mentions": 4, "articles": 3,
         "first_seen": "2024-01-08T02:00:00Z", "last_seen": "2024-01-22T01:00:00Z"},
        {"id": FQ, "type": "official", "name": "Fathul Qorib", "code": None, "mentions": 3,
         "articles": 3, "first_seen": "2024-01-08T02:00:00Z",
         "last_seen": "2024-01-22T01:00:00Z"},
    ]  # fmt: skip


def test_filters(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    assert names(client, type="official") == [
        "Fathul Qorib",
        "A. Warits",
        "Nur Syamsi",
        "Ahmad Warits",
    ]
    assert sorted(names(client, type="person")) == sorted(names(client, type="official"))
    assert names(client, type="location", region="35") == [
        "Kabupaten Probolinggo",
        "Jawa Timur",
        "Kota Surabaya",
    ]
    assert names(client, q="warits") == ["A. Warits", "Ahmad Warits"]
    assert names(client, q="KAB. PROB") == ["Bawaslu Kabupaten Probolinggo"]  # a surface form
    assert names(client, type="organization", region="Kota Surabaya") == [
        "KPU Kota Surabaya",
        "Bawaslu Kota Surabaya",
    ]
    assert names(client, type="organization", region="14") == ["Bawaslu Kabupaten Rokan Hulu"]
    # counts cover the WIB days asked for: 2024-01-20 23:30 WIB is still 20 January
    in_range = client.get(
        "/api/v1/entities", params={"date_from": "2024-01-20", "date_to": "2024-01-20"}
    ).json()["items"]
    assert [(i["name"], i["articles"]) for i in in_range if i["type"] == "official"] == [
        ("Fathul Qorib", 1)
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "Atlantis"}, "unknown region 'Atlantis'"),
        ({"date_from": "20-01-2024"}, "date_from: expected a WIB day"),
        ({"cursor": "not-a-cursor"}, "invalid cursor"),
    ],
)
def test_bad_filters_are_400(
    api: tuple[TestClient, Linked], params: dict[str, str], message: str
) -> None:
    response = api[0].get("/api/v1/entities", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


def test_pagination_covers_every_row_once(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    everything = names(client)
    seen, cursor, pages = [], None, 0
    while True:
        page = client.get("/api/v1/entities", params={"size": 4, "cursor": cursor}).json()
        seen += [i["name"] for i in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(everything) == 14 and seen == everything and pages == 4


def test_profile(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    body = client.get(f"/api/v1/entities/{FQ}", params={"interval": "week"}).json()
    assert body["aliases"] == [{"text": "Fathul Qorib", "key": "fathul qorib", "mentions": 3}]
    assert body["timeline"] == [
        {"date": "2024-01-08", "mentions": 1, "articles": 1},
        {"date": "2024-01-15", "mentions": 1, "articles": 1},
        {"date": "2024-01-22", "mentions": 1, "articles": 1},
    ]
    assert body["co_occurring"] == [
        {"id": org("Bawaslu Kabupaten Probolinggo"), "type": "organization",
         "name": "Bawaslu Kabupaten Probolinggo", "articles": 3},
        {"id": loc("35.13"), "type": "location", "name": "Kabupaten Probolinggo", "articles": 3},
        {"id": org("KPU Kabupaten Probolinggo"), "type": "organization",
         "name": "KPU Kabupaten Probolinggo", "articles": 1},
    ]  # fmt: skip
    assert [(v["article_id"], v["category"], v["status"]) for v in body["violations"]] == [
        (ARTICLE[2], "politik_uang", "found")
    ]
    assert [
        (p["position"], p["institution"], p["region_code"], p["first_seen"], p["last_seen"],
         [e["article_id"] for e in p["evidence"]])
        for p in body["positions"]
    ] == [
        ("Anggota", "Bawaslu Kabupaten Probolinggo", "35.13", "2024-01-08T02:00:00Z",
         "2024-01-08T02:00:00Z", [ARTICLE[1]]),
        ("Ketua", "Bawaslu Kabupaten Probolinggo", "35.13", "2024-01-20T16:30:00Z",
         "2024-01-22T01:00:00Z", [ARTICLE[2], ARTICLE[3]]),
    ]  # fmt: skip
    assert body["positions"][1]["evidence"][0]["evidence"] == (
        "Ketua Bawaslu Kab. Probolinggo H. Fathul Qorib"
    )
    missing = client.get("/api/v1/entities/ent_000000000000")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_merge_and_split_through_the_api_hold_after_reanalysis(
    api: tuple[TestClient, Linked],
) -> None:
    client, linked = api
    warits, ahmad = person("A. Warits"), person("Ahmad Warits")
    merged = client.post(f"/api/v1/entities/{warits}/merge", json={"other_id": ahmad})
    assert merged.status_code == 200
    assert (merged.json()["id"], merged.json()["articles"]) == (warits, 2)
    split = client.post(f"/api/v1/entities/{warits}/split", json={"alias": "Ahmad Warits"})
    assert split.status_code == 201
    new_id = split.json()["id"]
    assert (split.json()["name"], split.json()["articles"]) == ("Ahmad Warits", 1)
    again = client.post(f"/api/v1/entities/{new_id}/merge", json={"other_id": warits})
    assert again.json()["id"] == new_id
    assert linked.reanalyze() == 7
    assert names(client, q="warits") == ["Ahmad Warits"]
    assert client.get(f"/api/v1/entities/{warits}").json()["id"] == new_id
    wrong = client.post(f"/api/v1/entities/{FQ}/merge", json={"other_id": loc("35")})
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (409, "conflict")
    unknown = client.post(f"/api/v1/entities/{FQ}/split", json={"alias": "Nur Syamsi"})
    assert unknown.status_code == 422


def officials(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/api/v1/officials", params={"size": 100, **params})
    assert response.status_code == 200, response.text
    return [i["name"] for i in response.json()["items"]]


def test_officials(api: tuple[TestClient, Linked]) -> None:
    client, _ = api
    assert officials(client) == ["A. Warits", "Ahmad Warits", "Fathul Qorib", "Nur Syamsi"]
    assert officials(client, position="anggota") == ["Fathul Qorib"]
    assert officials(client, institution="kpu") == ["Nur Syamsi"]
    assert officials(client, region="35.13") == ["Fathul Qorib"]
    assert officials(client, region="Jawa Timur") == officials(client)
    assert officials(client, name="qorib") == ["Fathul Qorib"]
    fq = client.get("/api/v1/officials", params={"name": "Fathul"}).json()["items"][0]
    assert (fq["first_seen"], fq["last_seen"]) == ("2024-01-08T02:00:00Z", "2024-01-22T01:00:00Z")
    assert fq["evidence_article_ids"] == sorted([ARTICLE[1], ARTICLE[2], ARTICLE[3]])
    assert [p["position"] for p in fq["positions"]] == ["Anggota", "Ketua"]
    first = client.get("/api/v1/officials", params={"size": 3}).json()
    second = client.get(
        "/api/v1/officials", params={"size": 3, "cursor": first["next_cursor"]}
    ).json()
    assert [i["name"] for i in first["items"] + second["items"]] == officials(client)
    assert second["next_cursor"] is None
