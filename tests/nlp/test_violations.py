"""Violation detection on short sentences written for these tests (not taken from news)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.violations import CATEGORIES, ViolationResult, detect
from nlp.violations.evaluate import evaluate_file


def reported(result: ViolationResult) -> dict[str, str]:
    return {v["category"]: v["status"] for v in result.violations}


REPORTS = [
    (
        "Caleg di Kabupaten Sleman diduga membagikan amplop berisi uang kepada warga.",
        "politik_uang",
        "alleged",
    ),
    (
        "Timses paslon nomor urut 2 kepergok bagi-bagi sembako di Desa Sukamaju.",
        "politik_uang",
        "alleged",
    ),
    (
        "Bawaslu Kota Medan memeriksa seorang kepala desa yang ikut kampanye pasangan calon bupati.",
        "netralitas",
        "investigated",
    ),
    (
        "Bawaslu menemukan mobil dinas pemkab dipakai untuk kampanye caleg.",
        "fasilitas_negara",
        "found",
    ),
    (
        "Penyebar hoaks tentang capres itu divonis delapan bulan penjara oleh pengadilan.",
        "kampanye_hitam",
        "sanctioned",
    ),
    (
        "Seorang penceramah dilaporkan ke Bawaslu karena politisasi agama saat kampanye pilkada.",
        "sara",
        "alleged",
    ),
    ("Posko pemenangan caleg di Bekasi dirusak orang tak dikenal.", "intimidasi", "alleged"),
    (
        "Bawaslu menemukan penggelembungan suara di tiga kecamatan saat rekapitulasi.",
        "manipulasi_suara",
        "found",
    ),
    (
        "Satpol PP menertibkan ratusan baliho caleg yang dipasang di pohon.",
        "kampanye_ilegal",
        "sanctioned",
    ),
    (
        "Gakkumdu menyelidiki aliran dana gelap untuk kampanye pasangan calon gubernur.",
        "dana_kampanye",
        "investigated",
    ),
    (
        "DKPP memberhentikan Ketua KPU Kabupaten Sumba Barat karena melanggar kode etik.",
        "penyelenggara",
        "sanctioned",
    ),
    (
        "Ratusan warga mengaku tidak terdaftar di DPT sehingga kehilangan hak pilih.",
        "hak_pilih",
        "alleged",
    ),
    ("Caleg Curi Start Kampanye di Alun-alun Kota", "kampanye_ilegal", "found"),
    ("Kampanye Terselubung di Acara Pengajian Caleg?", "kampanye_ilegal", "alleged"),
    ("[HOAKS] Video KPU Ubah Hasil Pemilu di Jawa Tengah", "kampanye_hitam", "found"),
]


@pytest.mark.parametrize(("text", "category", "status"), REPORTS)
def test_reports(text: str, category: str, status: str) -> None:
    result = detect(text)
    assert reported(result).get(category) == status, result
    item = next(v for v in result.violations if v["category"] == category)
    assert text[item["start"] : item["end"]] == item["evidence"]
    assert 0.0 <= item["confidence"] <= 1.0
    assert isinstance(item["actors"], list)


def test_every_category_and_status_is_covered() -> None:
    assert {c for _, c, _ in REPORTS} == set(CATEGORIES)
    assert {s for _, _, s in REPORTS} == {"alleged", "investigated", "found", "sanctioned"}


MENTIONS = [
    ("Warga desa itu mengatakan tidak ada politik uang selama pilkada.", "politik_uang"),
    ("Kegiatan itu bukan kampanye hitam menjelang pemilu, melainkan kritik.", "kampanye_hitam"),
    ("Para kepala desa diminta tidak ikut kampanye pasangan calon mana pun.", "netralitas"),
    ("Jangan tergiur serangan fajar pada hari pencoblosan.", "politik_uang"),
    ("Bawaslu mengimbau ASN menjaga netralitas selama tahapan pemilu.", "netralitas"),
    ("KPU dan Bawaslu membentuk satgas untuk mencegah politik uang.", "politik_uang"),
    (
        "Polres menggelar patroli untuk antisipasi intimidasi terhadap pemilih saat pilkada.",
        "intimidasi",
    ),
    ("Ribuan pemuda mendeklarasikan tolak politik uang menjelang pemilu.", "politik_uang"),
    ("Panglima TNI meminta prajurit jaga netralitas.", "netralitas"),
    ("Bawaslu memetakan 20 kecamatan rawan politik uang.", "politik_uang"),
    ("Jika terbukti membagikan uang, caleg tersebut bisa didiskualifikasi.", "politik_uang"),
    ("Para caleg berjanji tidak akan melakukan politik uang.", "politik_uang"),
    ("KPU menggelar sosialisasi bahaya hoaks pemilu bagi pemilih pemula.", "kampanye_hitam"),
    ("Pengamat menilai politik uang masih marak di setiap pemilu.", "politik_uang"),
    ("Caleg itu membantah membagikan uang kepada warga saat masa kampanye.", "politik_uang"),
]


@pytest.mark.parametrize(("text", "category"), MENTIONS)
def test_negation_and_modality_give_mentions(text: str, category: str) -> None:
    result = detect(text)
    assert result.violations == [], result
    assert category in result.mentioned
    assert result.status == "none"


def test_authority_denial() -> None:
    result = detect("Bawaslu menyatakan pembagian sembako oleh caleg itu bukan pelanggaran pemilu.")
    assert result.violations == []
    assert result.denied == ["politik_uang"]
    assert result.status == "denied"


def test_authority_denial_without_a_category() -> None:
    result = detect("Bawaslu: Pernyataan Calon Bupati di Pasar Bukan Pelanggaran")
    assert result.violations == [] and result.denial and result.status == "denied"


@pytest.mark.parametrize(
    "text",
    [
        "Kepala dinas terbukti menerima suap proyek jalan.",
        "Pemkot membagikan sembako kepada korban banjir.",
        "Polisi menangkap pelaku kekerasan di pasar.",
        "KPU menetapkan jadwal pendaftaran pasangan calon.",
    ],
)
def test_non_election_wrongdoing_and_routine_news_are_not_reports(text: str) -> None:
    assert detect(text).violations == []


def test_title_is_analysed_and_offsets_point_into_it() -> None:
    title = "Bawaslu Temukan Politik Uang di Pilkada Blora"
    result = detect("Warga diminta melapor ke posko pengaduan.", title=title)
    (item,) = result.violations
    assert item["field"] == "title"
    assert (item["category"], item["status"]) == ("politik_uang", "found")
    assert title[item["start"] : item["end"]] == item["evidence"]
    assert "Bawaslu" in item["actors"]


def test_evidence_sentence_in_body() -> None:
    text = "Pemilu berlangsung damai. Namun Panwaslu Kecamatan menemukan kotak suara dirusak."
    (item,) = detect(text).violations
    assert item["evidence"] == "Namun Panwaslu Kecamatan menemukan kotak suara dirusak."
    assert text[item["start"] : item["end"]] == item["evidence"]
    assert (item["category"], item["status"]) == ("intimidasi", "found")
    assert "field" not in item


def test_evaluate_file_metrics(tmp_path: Path) -> None:
    rows = [
        {
            "text": "Bawaslu menemukan penggelembungan suara saat rekapitulasi.",
            "reported": ["manipulasi_suara"],
            "status": "found",
            "mentioned": [],
        },
        {
            "text": "Jangan tergiur serangan fajar pada hari pencoblosan.",
            "reported": [],
            "status": "none",
            "mentioned": ["politik_uang"],
        },
        {
            "text": "Caleg di Sleman diduga membagikan amplop berisi uang kepada warga.",
            "reported": ["netralitas"],
            "status": "alleged",
            "mentioned": [],
        },
        {
            "text": "KPU menetapkan jadwal pendaftaran pasangan calon.",
            "reported": ["hak_pilih"],
            "status": "alleged",
            "mentioned": [],
        },
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    m = evaluate_file(path)
    assert m["items"] == 4
    assert (m["micro"]["tp"], m["micro"]["fp"], m["micro"]["fn"]) == (1, 1, 2)
    assert m["micro"]["precision"] == 0.5
    assert m["micro"]["recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert m["micro"]["f1"] == 0.4
    assert m["report_accuracy"] == 0.75
    assert m["report_precision"] == 1.0
    assert m["status_accuracy"] == 1.0
    assert m["report_mention_confusion"]["gold_none_pred_report"] == 1
    assert m["report_mention_confusion"]["gold_report_pred_nothing"] == 2
    assert m["per_category"]["manipulasi_suara"]["f1"] == 1.0
    assert m["mentioned_micro"]["tp"] == 1
    json.dumps(m)


def test_dev_set_runs(shared_data: Path) -> None:
    m = evaluate_file(shared_data / "eval" / "violations_dev.jsonl")
    assert m["items"] == 121
    assert m["report_precision"] >= 0.7  # a floor against regressions, not the target


def test_penalties_stated_as_the_law_are_mentions_not_sanctions() -> None:
    for text in (
        "Menurut dia, pelaku politik uang dapat dijerat pidana penjara dan denda sebagaimana diatur dalam undang-undang pemilu.",
        "Pemberi dan penerima politik uang diancam pidana penjara paling lama enam tahun.",
    ):
        result = detect(text)
        assert result.violations == [] and result.mentioned == ["politik_uang"], text
    charged = detect("Dua tersangka politik uang dijerat Pasal 187A dan kini ditahan polisi.")
    assert [(v["category"], v["status"]) for v in charged.violations] == [
        ("politik_uang", "investigated")
    ]
