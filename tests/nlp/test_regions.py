"""Region gazetteer: codes, ambiguity, common-word kecamatan, datelines, speed."""

from __future__ import annotations

import time

from nlp.regions import article_regions, get_gazetteer


def found(text: str) -> list[tuple[str, str]]:
    return [(r["text"], r["code"]) for r in get_gazetteer().find(text)]


def test_prefixed_and_bare_names_get_codes() -> None:
    text = "Bawaslu Kabupaten Probolinggo dan Kab. Sleman serta Provinsi Jawa Timur."
    assert found(text) == [
        ("Kabupaten Probolinggo", "35.13"),
        ("Kab. Sleman", "34.04"),
        ("Provinsi Jawa Timur", "35"),
    ]
    [hit] = get_gazetteer().find("Di Jember")
    assert hit == {
        "text": "Jember",
        "start": 3,
        "end": 9,
        "name": "Kabupaten Jember",
        "code": "35.09",
        "type": "kabupaten",
        "explicit": False,  # written without a type word or a hint word in front
    }


def test_bare_ambiguous_name_defaults_to_kabupaten() -> None:
    assert found("Warga Probolinggo memilih.") == [("Probolinggo", "35.13")]


def test_kota_written_elsewhere_or_in_front_decides() -> None:
    assert found("Bawaslu Kota Probolinggo rapat. Probolinggo aman.") == [
        ("Kota Probolinggo", "35.74"),
        ("Probolinggo", "35.74"),
    ]
    assert found("Wali Kota Probolinggo hadir.") == [("Kota Probolinggo", "35.74")]
    assert found("Bupati Probolinggo hadir.") == [("Probolinggo", "35.13")]


def test_aliases() -> None:
    assert found("Bawaslu Jatim, Polres Rohul dan Gubernur Kepri.") == [
        ("Jatim", "35"),
        ("Rohul", "14.06"),
        ("Kepri", "21"),
    ]


def test_kecamatan_needs_prefix_when_it_is_a_common_word() -> None:
    assert found("Suasana damai dan Damai sekali di sana.") == []
    assert found("Warga Kecamatan Damai berkumpul.") != []
    assert found("Kecamatan Pinang, Kota Tangerang") == [
        ("Kecamatan Pinang", "36.71.11"),
        ("Kota Tangerang", "36.71"),
    ]


def test_village_after_desa_is_not_a_kecamatan() -> None:
    assert found("Kepala Desa Sukamaju hadir.") == []


def test_polda_metro_jaya_is_not_kota_metro() -> None:
    assert found("Polda Metro Jaya menangkap pelaku.") == []
    assert found("Kota Metro di Lampung.") == [("Kota Metro", "18.72"), ("Lampung", "18")]


def test_article_regions_dateline_first() -> None:
    text = "Probolinggo (ANTARA) - Bawaslu Jawa Timur mengawasi Jember. Jember aman, kata warga Jember."
    regions = article_regions(text, title="Pengawasan di Jatim")
    assert [r["code"] for r in regions] == ["35.13", "35", "35.09"]
    assert regions[0] == {"name": "Kabupaten Probolinggo", "code": "35.13", "type": "kabupaten"}
    assert article_regions("JAKARTA, KOMPAS.com - Rapat di Kota Bogor.")[0]["code"] == "31"
    assert article_regions("TEMPO.CO, Jakarta - Rapat.")[0]["code"] == "31"


def test_empty_and_odd_input() -> None:
    assert get_gazetteer().find("") == []
    assert article_regions("") == []
    assert article_regions("((( ))) 123") == []


def test_matching_an_article_is_fast() -> None:
    gazetteer = get_gazetteer()
    text = (
        "Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan pengawasan di Kecamatan "
        "Kraksaan dan Kota Probolinggo diperketat menjelang pilkada. "
    ) * 30
    gazetteer.find(text)
    started = time.perf_counter()
    for _ in range(10):
        gazetteer.find(text)
    assert (time.perf_counter() - started) / 10 < 0.05


def test_an_explicit_but_ambiguous_kecamatan_follows_its_context() -> None:
    # Tambaksari is a kecamatan in Kabupaten Ciamis (32.07) and in Kota Surabaya (35.78).
    found = get_gazetteer().find(
        "Panwaslu Kecamatan Tambaksari, Kota Surabaya, menerima laporan warga."
    )
    assert [(r["text"], r["code"]) for r in found] == [
        ("Kecamatan Tambaksari", "35.78.10"),
        ("Kota Surabaya", "35.78"),
    ]
