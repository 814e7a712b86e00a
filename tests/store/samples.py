"""Sample articles for the store contract tests: short texts written for these tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from store.records import Analysis, Article, Mention, Official, Organization, Violation

WIB = timezone(timedelta(hours=7))


def article(n: int, **overrides: object) -> Article:
    fields: dict[str, object] = {
        "url": f"https://contoh.pantau.invalid/berita/{n}/contoh",
        "source": "contoh_a" if n % 2 else "contoh_b",
        "title": f"Berita contoh nomor {n}",
        "body": f"Isi berita contoh nomor {n} tentang persiapan pemilu di daerah.",
        "published_at": datetime(2024, 2, 1, 9, 0, tzinfo=WIB) + timedelta(days=n),
    }
    fields.update(overrides)
    return Article.model_validate(fields)


def corpus() -> list[Article]:
    """Six articles with distinct words, sources, regions and dates."""
    return [
        article(
            1,
            title="Bawaslu temukan politik uang di Probolinggo",
            body="Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan tim menemukan "
            "amplop berisi uang yang dibagikan kepada warga menjelang pencoblosan.",
            region="Kabupaten Probolinggo",
            region_code="35.13",
            source="contoh_jatim",
        ),
        article(
            2,
            title="KPU Surabaya siapkan logistik pemilu",
            body="Komisi Pemilihan Umum Kota Surabaya menyiapkan kotak suara. Tidak ada "
            "laporan politik uang sejauh ini, kata petugas.",
            region="Kota Surabaya",
            region_code="35.78",
            source="contoh_jatim",
        ),
        article(
            3,
            title="Debat kandidat berlangsung damai",
            body="Debat calon bupati di Kabupaten Rokan Hulu berjalan tertib dan damai.",
            region="Kabupaten Rokan Hulu",
            region_code="14.06",
            source="contoh_riau",
        ),
        article(
            4,
            title="Netralitas ASN diawasi ketat",
            body="Bawaslu Provinsi Jawa Barat mengawasi netralitas aparatur sipil negara "
            "selama masa kampanye <b>pemilu</b>.",
            region="Jawa Barat",
            region_code="32",
            source="contoh_jabar",
        ),
        article(
            5,
            title="Relawan membagikan sembako",
            body="Warga melaporkan relawan membagikan sembako disertai ajakan memilih.",
            region="Kota Makassar",
            region_code="73.71",
            source="contoh_sulsel",
        ),
        article(
            6,
            title="Cuaca cerah di hari pencoblosan",
            body="Hari pencoblosan diperkirakan cerah di sebagian besar wilayah Bali.",
            region="Bali",
            region_code="51",
            source="contoh_bali",
        ),
    ]


def analysis_for(n: int) -> Analysis:
    """Analyses with entities, officials and violations for corpus() articles 1, 4 and 5."""
    if n == 1:
        return Analysis(
            entities=[
                Mention(text="Fathul Qorib", label="PER", start=36, end=48),
                Mention(text="Bawaslu Kabupaten Probolinggo", label="ORG", start=6, end=35),
            ],
            officials=[
                Official(
                    name="Fathul Qorib",
                    position="Ketua",
                    institution="Bawaslu Kabupaten Probolinggo",
                )
            ],
            organizations=[
                Organization(
                    name="Bawaslu Kabupaten Probolinggo",
                    canonical="Bawaslu Kabupaten Probolinggo",
                    acronym="Bawaslu",
                )
            ],
            regions=[{"name": "Kabupaten Probolinggo", "code": "35.13", "type": "kabupaten"}],
            violations=[
                Violation(
                    category="politik_uang",
                    status="found",
                    evidence="tim menemukan amplop",
                    confidence=0.9,
                )
            ],
        )
    if n == 4:
        return Analysis(
            entities=[Mention(text="Bawaslu Provinsi Jawa Barat", label="ORG", start=0, end=27)],
            organizations=[
                Organization(
                    name="Bawaslu Provinsi Jawa Barat",
                    canonical="Bawaslu Provinsi Jawa Barat",
                    acronym="Bawaslu",
                )
            ],
            mentioned_violations=["netralitas"],
        )
    if n == 5:
        return Analysis(
            violations=[
                Violation(
                    category="politik_uang",
                    status="alleged",
                    evidence="Warga melaporkan relawan membagikan sembako",
                    confidence=0.7,
                )
            ],
        )
    return Analysis()
