"""Organization normalisation and finding."""

from __future__ import annotations

import pytest

from nlp.orgs import find_organizations, normalize_organization


@pytest.mark.parametrize(
    "written",
    [
        "Bawaslu Probolinggo",
        "Bawaslu Kab. Probolinggo",
        "Bawaslu Kabupaten Probolinggo",
        "Badan Pengawas Pemilu Kabupaten Probolinggo",
        "BAWASLU KABUPATEN PROBOLINGGO",
    ],
)
def test_one_body_one_canonical_name(written: str) -> None:
    assert normalize_organization(written) == {
        "name": written,
        "canonical": "Bawaslu Kabupaten Probolinggo",
        "acronym": "Bawaslu",
    }


def test_context_decides_kota() -> None:
    norm = normalize_organization(
        "Bawaslu Probolinggo", context="Rapat di Bawaslu Kota Probolinggo."
    )
    assert norm["canonical"] == "Bawaslu Kota Probolinggo"


def test_acronym_and_expansion() -> None:
    assert normalize_organization("Badan Pengawas Pemilu (Bawaslu)") == {
        "name": "Badan Pengawas Pemilu (Bawaslu)",
        "canonical": "Bawaslu",
        "acronym": "Bawaslu",
    }
    assert normalize_organization("Komisi Pemilihan Umum")["canonical"] == "KPU"
    assert normalize_organization("Bawaslu Jatim")["canonical"] == "Bawaslu Provinsi Jawa Timur"
    assert (
        normalize_organization("Dinas Pendidikan Kab. Sleman")["canonical"]
        == "Dinas Pendidikan Kabupaten Sleman"
    )
    assert normalize_organization("Forum Warga Peduli (FWP)") == {
        "name": "Forum Warga Peduli (FWP)",
        "canonical": "Forum Warga Peduli",
        "acronym": "FWP",
    }


def test_empty_name() -> None:
    assert normalize_organization("") == {"name": "", "canonical": "", "acronym": None}


def test_find_organizations() -> None:
    text = (
        "Partai Keadilan Sejahtera (PKS) menggugat ke Mahkamah Konstitusi, kata Ketua Bawaslu "
        "Kota Probolinggo dan Kepala Dinas Pendidikan Kabupaten Jember."
    )
    found = [(o["name"], o["canonical"], o["acronym"]) for o in find_organizations(text)]
    assert found == [
        ("Partai Keadilan Sejahtera (PKS)", "PKS", "PKS"),
        ("Mahkamah Konstitusi", "MK", "MK"),
        ("Bawaslu Kota Probolinggo", "Bawaslu Kota Probolinggo", "Bawaslu"),
        ("Dinas Pendidikan Kabupaten Jember", "Dinas Pendidikan Kabupaten Jember", None),
    ]
    for org in find_organizations(text):
        assert text[org["start"] : org["end"]] == org["name"]


def test_lone_words_and_unknown_acronyms_are_not_organizations() -> None:
    assert find_organizations("Pelaku OTT dibawa ke Sekolah. Warga DKI Jakarta resah.") == []


def test_ner_org_spans_are_added() -> None:
    text = "Relawan Gemilang menolak hasil itu."
    ents = [{"text": "Relawan Gemilang", "label": "ORG", "start": 0, "end": 16}]
    assert [o["name"] for o in find_organizations(text, ents)] == ["Relawan Gemilang"]


def test_empty_text() -> None:
    assert find_organizations("") == []


def test_canonical_names_never_double_a_region_word() -> None:
    from nlp.orgs.normalize import normalize_organization

    assert normalize_organization("Pemkab Lumajang")["canonical"] == "Pemkab Lumajang"
    assert normalize_organization("Pemprov Jawa Barat")["canonical"] == "Pemprov Jawa Barat"
    assert normalize_organization("Bawaslu Lumajang")["canonical"] == "Bawaslu Kabupaten Lumajang"
