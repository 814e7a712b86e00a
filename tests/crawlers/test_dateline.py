"""Datelines at the start of Indonesian news bodies."""

from __future__ import annotations

import pytest

from crawlers.text.dateline import parse_dateline, split_dateline


@pytest.mark.parametrize(
    ("body", "place", "source", "rest"),
    [
        ("Probolinggo (ANTARA) - Bawaslu menemukan", "Probolinggo", "ANTARA", "Bawaslu menemukan"),
        ("Mataram, NTB (ANTARA News) - Warga antre", "Mataram, NTB", "ANTARA News", "Warga antre"),
        ("Jakarta, CNN Indonesia -- KPU menetapkan", "Jakarta", "CNN Indonesia", "KPU menetapkan"),
        ("JAKARTA, KOMPAS.com - Presiden meminta", "JAKARTA", "KOMPAS.com", "Presiden meminta"),
        ("Liputan6.com, Jakarta - Harga cabai naik", "Jakarta", "Liputan6.com", "Harga cabai naik"),
        ("REPUBLIKA.CO.ID, JAKARTA -- Ulama hadir", "JAKARTA", "REPUBLIKA.CO.ID", "Ulama hadir"),
        ("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --\nKota itu", "ISTANBUL",
         "Antara/PRNewswire", "Kota itu"),
        ("Kapanlagi.com - Penyanyi itu", None, "Kapanlagi.com", "Penyanyi itu"),
        ("Jakarta - Galaxy terbaru dirilis", "Jakarta", None, "Galaxy terbaru dirilis"),
        ("JAKARTA – Menteri datang", "JAKARTA", None, "Menteri datang"),
        ("Metrotvnews.com, Jakarta: Bakal calon hadir", "Jakarta", "Metrotvnews.com",
         "Bakal calon hadir"),
    ],
)  # fmt: skip
def test_datelines(body: str, place: str | None, source: str | None, rest: str) -> None:
    dateline, remainder = split_dateline(body)
    assert dateline is not None
    assert (dateline.place, dateline.source) == (place, source)
    assert remainder == rest


@pytest.mark.parametrize(
    "body",
    [
        "Tahun depan, dua produsen mobil masuk ke pasar.",
        "Menurut dia - yang hadir di rapat - pemilu lancar.",
        "Ketua KPU menjawab: semua siap.",
        "",
    ],
)
def test_no_dateline(body: str) -> None:
    assert parse_dateline(body) is None
    assert split_dateline(body) == (None, body)


def test_rest_of_body_is_unchanged() -> None:
    body = "Surabaya (ANTARA) - Kalimat  pertama.\n\nKalimat kedua (tetap) - sama."
    assert split_dateline(body)[1] == "Kalimat  pertama.\n\nKalimat kedua (tetap) - sama."
