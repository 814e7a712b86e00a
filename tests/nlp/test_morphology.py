"""Rule-based Indonesian affix stripping and tokenisation."""

from __future__ import annotations

import pytest

from nlp.morphology import candidates, stem, tokenize


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("membagikan", "bagi"),
        ("dibagikan", "bagi"),
        ("dibagi-bagikan", "bagi"),
        ("pembagian", "bagi"),
        ("bagi-bagi", "bagi"),
        ("memilih", "pilih"),
        ("menemukan", "temu"),
        ("ditemukan", "temu"),
        ("temuan", "temu"),
        ("penggelembungan", "gelembung"),
        ("mengancam", "ancam"),
        ("ancaman", "ancam"),
        ("menyebarkan", "sebar"),
        ("penyebar", "sebar"),
        ("pelanggaran", "langgar"),
        ("melanggar", "langgar"),
        ("kekerasan", "keras"),
        ("diperiksa", "periksa"),
        ("pemeriksaan", "periksa"),
        ("terbukti", "bukti"),
        ("berpihak", "pihak"),
        ("keberpihakannya", "pihak"),
        ("mencoblos", "coblos"),
        ("tercoblos", "coblos"),
        ("dilaporkan", "lapor"),
        ("pencegahan", "cegah"),
        ("penertiban", "tertib"),
        ("kerawanan", "rawan"),
    ],
)
def test_candidates_reach_the_root(word: str, root: str) -> None:
    assert root in candidates(word)


def test_candidates_keep_the_word_itself_and_loanword_endings() -> None:
    assert "sosialisasi" in candidates("sosialisasi")
    assert "sosialisas" not in candidates("sosialisasi")
    assert "intimidas" not in candidates("intimidasi")
    assert candidates("Pemilu") == frozenset({"pemilu"})


@pytest.mark.parametrize(
    ("word", "expected"),
    [("membagikan", "bagi"), ("bagi-bagi", "bagi"), ("dibagi-bagikan", "bagi"), ("dugaan", "duga")],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_tokenize_keeps_offsets_and_reduplication() -> None:
    text = "Heboh Wabup Bagi-bagi Duit, Prabowo-Gibran dibagi-bagikan."
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "Heboh",
        "Wabup",
        "Bagi-bagi",
        "Duit",
        "Prabowo",
        "Gibran",
        "dibagi-bagikan",
    ]
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
