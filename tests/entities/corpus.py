"""Short Indonesian articles written for the entities tests (fictional reporting).

One official (Fathul Qorib) is quoted in three articles with two positions over time and
three spellings of his institution; a provincial official appears under two names (A. Warits,
Ahmad Warits) for a merge; violations in two provinces for the listing filters.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from store.records import Article

WIB = timezone(timedelta(hours=7))

TEXTS: list[tuple[str, str, datetime, str | None, str | None, str]] = [
    (
        "Pengawasan kampanye di Probolinggo",
        "Anggota Bawaslu Probolinggo Fathul Qorib mengatakan pengawasan kampanye terus "
        "dilakukan di semua kecamatan.",
        datetime(2024, 1, 8, 9, 0, tzinfo=WIB),
        "Kabupaten Probolinggo",
        "35.13",
        "contoh_jatim",
    ),
    (
        "Bawaslu temukan amplop di Probolinggo",
        "Ketua Bawaslu Kab. Probolinggo H. Fathul Qorib, S.H. menyatakan pihaknya menemukan "
        "dugaan politik uang berupa amplop yang dibagikan kepada warga.",
        datetime(2024, 1, 20, 23, 30, tzinfo=WIB),
        "Kabupaten Probolinggo",
        "35.13",
        "contoh_jatim",
    ),
    (
        "Bawaslu dan KPU Probolinggo berkoordinasi",
        "Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan pengawasan logistik "
        "diperketat. Bawaslu Kabupaten Probolinggo juga berkoordinasi dengan KPU Kabupaten "
        "Probolinggo.",
        datetime(2024, 1, 22, 8, 0, tzinfo=WIB),
        "Kabupaten Probolinggo",
        "35.13",
        "contoh_jatim",
    ),
    (
        "Politik uang di Surabaya",
        "Ketua KPU Kota Surabaya Nur Syamsi mengatakan logistik pemilu sudah siap. Bawaslu "
        "Kota Surabaya menemukan dugaan politik uang berupa pembagian amplop kepada pemilih.",
        datetime(2024, 2, 5, 10, 0, tzinfo=WIB),
        "Kota Surabaya",
        "35.78",
        "contoh_jatim",
    ),
    (
        "Bawaslu Jatim awasi netralitas ASN",
        "Ketua Bawaslu Provinsi Jawa Timur A. Warits mengatakan pengawasan kampanye "
        "diperketat di Kabupaten Probolinggo.",
        datetime(2024, 2, 10, 14, 0, tzinfo=WIB),
        None,
        None,
        "contoh_jatim",
    ),
    (
        "Rapat koordinasi pengawas pemilu",
        "Ketua Bawaslu Provinsi Jawa Timur Ahmad Warits memimpin rapat koordinasi pengawasan "
        "tahapan pemilu di Surabaya.",
        datetime(2024, 2, 12, 9, 0, tzinfo=WIB),
        "Jawa Timur",
        "35",
        "contoh_jatim",
    ),
    (
        "Kampanye di tempat ibadah dilaporkan",
        "Bawaslu Kabupaten Rokan Hulu menerima laporan dugaan kampanye di tempat ibadah oleh "
        "seorang calon anggota legislatif.",
        datetime(2024, 2, 13, 16, 0, tzinfo=WIB),
        "Kabupaten Rokan Hulu",
        "14.06",
        "contoh_riau",
    ),
]


def articles() -> list[Article]:
    return [
        Article(
            url=f"https://contoh.pantau.invalid/entitas/{n}",
            source=source,
            title=title,
            body=body,
            published_at=published,
            region=region,
            region_code=code,
        )
        for n, (title, body, published, region, code, source) in enumerate(TEXTS, start=1)
    ]
