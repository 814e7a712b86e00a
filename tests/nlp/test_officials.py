"""Official linker on short sentences written for these tests, plus the dev-set measurement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.officials import extract_officials
from nlp.officials.evaluate import evaluate_file, norm_name
from nlp.officials.persons import find_persons

KEYS = ("name", "position", "institution")


def triples(text: str, entities: list[dict] | None = None) -> list[tuple]:
    return [tuple(o[k] for k in KEYS) for o in extract_officials(text, entities)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # JABATAN LEMBAGA WILAYAH NAMA
        (
            "Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan pengawasan diperketat.",
            [("Fathul Qorib", "Ketua", "Bawaslu Kabupaten Probolinggo")],
        ),
        # NAMA, JABATAN LEMBAGA
        (
            "Hal itu disampaikan Siti Aminah, Anggota KPU Kota Malang, di kantornya.",
            [("Siti Aminah", "Anggota", "KPU Kota Malang")],
        ),
        # kata NAMA, JABATAN ...
        (
            '"Kami siap," kata Ahmad Fauzi, Ketua Bawaslu Jawa Timur.',
            [("Ahmad Fauzi", "Ketua", "Bawaslu Jawa Timur")],
        ),
        # menurut JABATAN ..., NAMA, with a Kordiv field
        (
            "Menurut Koordinator Divisi Penanganan Pelanggaran Bawaslu Kabupaten Jember, Dwi Lestari, "
            "laporan itu sudah diregister.",
            [
                (
                    "Dwi Lestari",
                    "Koordinator Divisi Penanganan Pelanggaran",
                    "Bawaslu Kabupaten Jember",
                )
            ],
        ),
        # NAMA selaku ...
        (
            "Rudi Hartono selaku Ketua Panwaslu Kecamatan Kraksaan menerima laporan warga.",
            [("Rudi Hartono", "Ketua", "Panwaslu Kecamatan Kraksaan")],
        ),
        # several officials, regional head, fused acronyms with an alias region
        (
            "Rapat dihadiri Bupati Rokan Hulu Anton Wijaya, Kapolres Rohul AKBP Budi Setiawan dan "
            "Kajari Rokan Hulu Hendra Gunawan.",
            [
                ("Anton Wijaya", "Bupati", "Kabupaten Rokan Hulu"),
                ("Budi Setiawan", "Kapolres", "Polres Rohul"),
                ("Hendra Gunawan", "Kajari", "Kejari Rokan Hulu"),
            ],
        ),
        # Pj / Plt forms, honorific and academic title kept apart
        (
            "Pj Bupati Tangerang Andi Ony Prihartono dan Plt Kepala Dinas Pendidikan Kota Bekasi "
            "Hj. Dewi Sartika, M.Pd. hadir.",
            [
                ("Andi Ony Prihartono", "Pj Bupati", "Kabupaten Tangerang"),
                ("Dewi Sartika", "Plt Kepala", "Dinas Pendidikan Kota Bekasi"),
            ],
        ),
        (
            "Sekda Kabupaten Sleman Susmiarto membuka acara itu.",
            [("Susmiarto", "Sekda", "Kabupaten Sleman")],
        ),
        (
            "Kapolda Jawa Timur Irjen Pol Nanang Avianto meninjau TPS.",
            [("Nanang Avianto", "Kapolda", "Polda Jawa Timur")],
        ),
        (
            "Dandim 0820 Probolinggo Letkol Inf Yudha Pratama hadir.",
            [("Yudha Pratama", "Dandim", "Kodim 0820 Probolinggo")],
        ),
        (
            "Wakil Wali Kota Probolinggo Ina Dwi Lestari menghadiri rapat.",
            [("Ina Dwi Lestari", "Wakil Wali Kota", "Kota Probolinggo")],
        ),
        (
            "Camat Kraksaan Hendra Prasetya meminta warga tertib.",
            [("Hendra Prasetya", "Camat", "Kecamatan Kraksaan")],
        ),
        # minister: the portfolio is the position, no institution
        (
            "Menteri Dalam Negeri Tito Karnavian memberi arahan.",
            [("Tito Karnavian", "Menteri Dalam Negeri", None)],
        ),
        # apostrophes and initials
        (
            "Komisioner KPU Nur'aini Syafi'i menyampaikan hasilnya.",
            [("Nur'aini Syafi'i", "Komisioner", "KPU")],
        ),
        (
            "Ketua PPK Kecamatan Kraksaan M. Yusuf menyerahkan berita acara.",
            [("M. Yusuf", "Ketua", "PPK Kecamatan Kraksaan")],
        ),
        # missing institution: a partial fact, nothing invented
        (
            "Gubernur Kepri Ansar Ahmad dan Wakil Gubernur Nyanyang Haris Pratamura menyambut tamu.",
            [
                ("Ansar Ahmad", "Gubernur", "Provinsi Kepri"),
                ("Nyanyang Haris Pratamura", "Wakil Gubernur", None),
            ],
        ),
    ],
)
def test_patterns(text: str, expected: list[tuple]) -> None:
    assert triples(text) == expected


def test_sekaligus_shares_the_name() -> None:
    text = "Hadir Ketua Komisi II DPR RI sekaligus Ketua Umum PKB Ahmad Salim, serta warga."
    assert triples(text) == [
        ("Ahmad Salim", "Ketua", "Komisi II DPR RI"),
        ("Ahmad Salim", "Ketua Umum", "PKB"),
    ]


def test_full_record_shape_and_evidence() -> None:
    text = "Kepala Kejaksaan Negeri Lumajang, Dr. H. Rudi Hartono, S.H., M.H., menegaskan hal itu."
    [record] = extract_officials(text)
    assert record == {
        "name": "Rudi Hartono",
        "position": "Kepala",
        "institution": "Kejaksaan Negeri Lumajang",
        "region": "Kabupaten Lumajang",
        "region_code": "35.08",
        "evidence": "Kepala Kejaksaan Negeri Lumajang, Dr. H. Rudi Hartono",
        "start": 0,
        "end": 53,
        "former": False,
        "honorifics": ["Dr.", "H.", "S.H.", "M.H."],
    }
    assert text[record["start"] : record["end"]] == record["evidence"]


def test_former_and_saudara() -> None:
    [former] = extract_officials("Mantan Ketua KPU Arief Budiman hadir sebagai saksi.")
    assert (former["name"], former["former"]) == ("Arief Budiman", True)
    [kades] = extract_officials(
        "Saudara Bambang Sutrisno, Kepala Desa Sukamaju, dipanggil Bawaslu."
    )
    assert (kades["name"], kades["institution"], kades["honorifics"]) == (
        "Bambang Sutrisno",
        "Desa Sukamaju",
        ["Saudara"],
    )
    assert kades["region_code"] is None  # a desa is not the kecamatan of the same name


def test_pronoun_follow_ups_add_nothing() -> None:
    text = "Ketua KPU RI Mochammad Afifuddin mengatakan tahapan berjalan. Ia menambahkan, logistik siap, ujarnya."
    assert triples(text) == [("Mochammad Afifuddin", "Ketua", "KPU RI")]


def test_demonstrative_points_back_to_previous_sentence() -> None:
    text = "Menteri Agama Nasaruddin Umar hadir. Mantan Imam Besar itu berpesan. Mantan Kapolri ini juga datang."
    found = triples(text)
    assert ("Nasaruddin Umar", "Menteri Agama", None) in found
    assert len(found) == 1  # no antecedent with an office in the sentence before


def test_candidacy_and_aspiration_are_not_offices() -> None:
    assert triples("Bakal Calon Bupati Jember Budi Santoso mendaftar ke KPU.") == []
    assert triples("Ia bercita-cita menjadi gubernur suatu hari nanti.") == []
    assert triples("Kami memenangkan Budi Santoso untuk menjadi ketua umum.") == []


def test_ranks_alone_are_not_offices() -> None:
    assert triples("Pelakunya Sersan Kepala Mohammad Nasir dan Kopral Dua Feri Herianto.") == []


def test_all_caps_text() -> None:
    [record] = extract_officials(
        "KETUA BAWASLU KABUPATEN PROBOLINGGO FATHUL QORIB MENGATAKAN PENGAWASAN DIPERKETAT."
    )
    assert (record["name"], record["position"], record["region_code"]) == (
        "FATHUL QORIB",
        "Ketua",
        "35.13",
    )


def test_long_enumeration_of_officials() -> None:
    people = [
        f"{first} {last}"
        for first, last in zip(
            ["Agus", "Bayu", "Citra", "Dedi", "Eka"] * 8,
            ["Santoso", "Wibowo", "Lestari", "Saputra"] * 10,
            strict=False,
        )
    ]
    text = "Rapat dihadiri " + ", ".join(f"Ketua KPU Kabupaten Jember {p}" for p in people) + "."
    found = triples(text)
    assert len(found) == len(set(people))
    assert all(t[1:] == ("Ketua", "KPU Kabupaten Jember") for t in found)


def test_empty_and_odd_input() -> None:
    assert extract_officials("") == []
    assert extract_officials("   \n ") == []
    assert extract_officials("Ketua") == []
    assert extract_officials("Ketua KPU") == []
    assert extract_officials("12345 ,,, ((( )))") == []


def test_ner_person_spans_fix_the_name() -> None:
    text = "Ketua Yayasan Cahaya Bangsa Nusantara Budi mengatakan hal itu."
    start = text.index("Nusantara Budi")
    entities = [
        {
            "text": "Nusantara Budi",
            "label": "PER",
            "start": start,
            "end": start + len("Nusantara Budi"),
        }
    ]
    assert triples(text, entities) == [("Nusantara Budi", "Ketua", "Yayasan Cahaya Bangsa")]


def test_person_finder_and_name_normalisation() -> None:
    names = find_persons("Tersangka Candy alias Ken, kata Kapolres Jember AKBP Bobby Condroputra.")
    assert names[:1] == ["Bobby Condroputra"]
    assert {"Candy", "Ken"} <= set(names)
    assert norm_name("H. Syafaruddin  Poti") == "syafaruddin poti"


def test_dev_set_measurement_runs(shared_data: Path) -> None:
    metrics = evaluate_file(shared_data / "eval" / "officials_dev.jsonl")
    json.dumps(metrics)
    assert metrics["items"] == 48
    assert metrics["triples"]["f1"] >= 0.8


def test_ner_span_missing_the_first_name_does_not_grow_the_institution() -> None:
    # The NER tagged only "Santoso Adi"; "Wiryo" must stay in the name, not join the party.
    text = "Ketua DPW Partai Maju Jawa Tengah Wiryo Santoso Adi mengatakan hal itu."
    start = text.index("Santoso Adi")
    entities = [{"text": "Santoso Adi", "label": "PER", "start": start, "end": start + 11}]
    found = triples(text, entities)
    assert found == triples(text)
    assert found[0][0] == "Wiryo Santoso Adi"
