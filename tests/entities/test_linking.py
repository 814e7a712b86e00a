"""Linking rules, re-analysis without double counting, overrides that survive re-links."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from entities.keys import strip_honorifics
from entities.listing import EntityFilter, list_entities
from entities.overrides import OverrideError
from entities.profile import entity_profile
from entities.schema import LATEST
from entities.service import EntityService
from pantau.settings import Settings
from tests.entities.fixtures import linked_store, loc, org, person


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("H. Fathul Qorib, S.H.", "Fathul Qorib"),
        ("Dr. Ir. Nur Syamsi M.Si", "Nur Syamsi"),
        ("A. Warits", "A. Warits"),
        ("Bapak Ahmad", "Ahmad"),
    ],
)
def test_honorifics_and_titles_are_stripped(raw: str, expected: str) -> None:
    assert strip_honorifics(raw) == expected


def counts(service: EntityService) -> dict[str, tuple[int, int]]:
    items, _ = list_entities(service.db.conn(), EntityFilter(), size=100)
    return {i.id: (i.articles, i.mentions) for i in items}


def test_three_spellings_link_to_one_organization(tmp_path: Path) -> None:
    with linked_store(tmp_path) as linked:
        profile = entity_profile(linked.service.db.conn(), org("Bawaslu Kabupaten Probolinggo"))
        assert profile is not None
        assert (profile.name, profile.articles, profile.mentions) == (
            "Bawaslu Kabupaten Probolinggo", 3, 4,
        )  # fmt: skip
        assert [(a.text, a.key, a.mentions) for a in profile.aliases] == [
            ("Bawaslu Kabupaten Probolinggo", "bawaslu kabupaten probolinggo", 2),
            ("Bawaslu Kab. Probolinggo", "bawaslu kabupaten probolinggo", 1),
            ("Bawaslu Probolinggo", "bawaslu kabupaten probolinggo", 1),
        ]


def test_reanalysis_replaces_links_without_double_counting(tmp_path: Path) -> None:
    with linked_store(tmp_path) as linked:
        before = counts(linked.service)
        assert before[person("Fathul Qorib")] == (3, 3)
        assert linked.reanalyze() == 7
        assert counts(linked.service) == before
        assert linked.service.rebuild() == 7
        assert counts(linked.service) == before


def test_merge_and_split_survive_reanalysis_and_rebuild(tmp_path: Path) -> None:
    with linked_store(tmp_path) as linked:
        service = linked.service
        warits, ahmad = person("A. Warits"), person("Ahmad Warits")
        assert service.merge(warits, ahmad) == warits
        # a mistaken merge, corrected by splitting the alias off again
        bawaslu, kpu = org("Bawaslu Kabupaten Probolinggo"), org("KPU Kabupaten Probolinggo")
        service.merge(bawaslu, kpu)
        new_id = service.split(bawaslu, "KPU Kabupaten Probolinggo")
        assert new_id not in (bawaslu, kpu)

        def check() -> None:
            now = counts(service)
            assert now[warits] == (2, 2)
            assert ahmad not in now
            assert now[bawaslu] == (3, 4)
            assert now[new_id] == (1, 1)
            assert kpu not in now
            merged = entity_profile(service.db.conn(), ahmad)
            assert merged is not None and merged.id == warits
            assert [a.text for a in merged.aliases] == ["A. Warits", "Ahmad Warits"]
            assert [(p.position, p.articles) for p in merged.positions] == [("Ketua", 2)]

        check()
        assert linked.reanalyze() == 7
        check()
        service.rebuild()
        check()


def test_override_errors(tmp_path: Path) -> None:
    with linked_store(tmp_path) as linked:
        service = linked.service
        with pytest.raises(OverrideError) as kinds:
            service.merge(person("Fathul Qorib"), loc("35.13"))
        assert kinds.value.status == 409
        with pytest.raises(OverrideError) as itself:
            service.merge(loc("35.13"), loc("35.13"))
        assert itself.value.status == 422
        with pytest.raises(OverrideError) as only:
            service.split(person("Fathul Qorib"), "Fathul Qorib")
        assert only.value.status == 409
        with pytest.raises(OverrideError) as missing:
            service.merge("ent_000000000000", loc("35.13"))
        assert missing.value.status == 404


def test_tables_live_in_the_store_file_with_their_own_version(tmp_path: Path) -> None:
    with linked_store(tmp_path):
        conn = sqlite3.connect(tmp_path / "pantau.db")
        assert conn.execute("SELECT max(version) FROM entities_schema_version").fetchone() == (
            LATEST,
        )
        conn.close()


def test_search_engine_stores_use_entities_db(tmp_path: Path) -> None:
    class EngineStore:  # a store without a file path, as the search-engine backends are
        pass

    service = EntityService.open(Settings(data_dir=tmp_path), EngineStore())  # type: ignore[arg-type]
    try:
        assert service.db.path == tmp_path / "entities.db"
        assert (tmp_path / "entities.db").exists()
    finally:
        service.close()
