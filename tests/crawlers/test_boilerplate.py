"""Boilerplate stripping and whitespace normalisation on sentences written for the tests."""

from __future__ import annotations

from crawlers.text.boilerplate import ANTARA_NOTICE, normalize_whitespace, strip_boilerplate

BODY = (
    "Probolinggo (ANTARA) - KPU Kabupaten Probolinggo menggelar rapat pleno terbuka.\n"
    "Baca juga: KPU tetapkan daftar pemilih tetap\n"
    "Ketua KPU mengatakan rapat berjalan lancar.\n"
)


def test_baca_juga_line_removed() -> None:
    out = strip_boilerplate(BODY)
    assert "Baca juga" not in out
    assert out.endswith("Ketua KPU mengatakan rapat berjalan lancar.")
    assert strip_boilerplate("BACA JUGA : Judul lain\nIsi berita.") == "Isi berita."


def test_byline_with_irregular_spacing_and_copyright() -> None:
    body = BODY + "Pewarta:  Ahmad Fauzi\u00a0 Editor :Budi   Santoso\nCOPYRIGHT © ANTARA 2024"
    out = strip_boilerplate(body)
    assert "Pewarta" not in out and "Editor" not in out and "COPYRIGHT" not in out
    out = strip_boilerplate(BODY + "Pewarta : Ahmad Fauzi\nEditor: Budi Santoso\n")
    assert "Ahmad" not in out and "Budi" not in out


def test_antara_notice_removed_even_when_wrapped() -> None:
    wrapped = ANTARA_NOTICE.replace(" crawling ", "\ncrawling ")
    out = strip_boilerplate(BODY + wrapped)
    assert "Dilarang" not in out and "crawling" not in out


def test_share_and_related_lines_removed() -> None:
    body = "Isi berita pertama.\nBagikan\nBerita Terkait\nJangan Lewatkan!\nIsi berita kedua."
    assert strip_boilerplate(body) == "Isi berita pertama.\n\nIsi berita kedua."


def test_ordinary_sentences_survive() -> None:
    body = "Editor senior itu bercerita tentang pemilu.\nHak cipta lagu dibahas DPR 2024."
    assert strip_boilerplate(body) == body.replace("\n", "\n\n")


def test_normalize_whitespace_makes_paragraphs() -> None:
    text = "  Paragraf\u00a0 satu\t ini.\r\n\n\n Paragraf\u200b dua. \n\u3000\n"
    assert normalize_whitespace(text) == "Paragraf satu ini.\n\nParagraf dua."
    assert normalize_whitespace("") == ""
