"""Stopword-ratio language check."""

from __future__ import annotations

from crawlers.text.language import detect_language

INDONESIAN = (
    "Badan Pengawas Pemilu menemukan dugaan politik uang di dua desa. Petugas mengatakan bahwa "
    "warga yang menerima amplop sudah dimintai keterangan oleh panitia pengawas kecamatan."
)
ENGLISH = (
    "The election supervisory agency said that it had found evidence of vote buying in two "
    "villages, and that the residents who were involved would be questioned by the panel."
)
JAVANESE = (
    "Aku arep lunga menyang pasar esuk iki amarga ibu kepengin tuku sayuran lan iwak segar "
    "kanggo masak mengko bengi bareng kulawarga gedhe saka desa sebelah wetan kali gedhe. "
    "Bapak lagi nyambut gawe ing sawah wiwit esuk nganti sore, dene adhiku sinau neng sekolah "
    "karo kanca-kancane sing omahe cedhak karo omahku ing pinggir dalan gedhe kuwi."
)


def test_indonesian() -> None:
    lang, score = detect_language(INDONESIAN)
    assert lang == "id" and 0.12 <= score <= 1


def test_english() -> None:
    assert detect_language(ENGLISH)[0] == "en"


def test_other_language() -> None:
    assert detect_language(JAVANESE)[0] == "other"
    assert detect_language("選挙管理委員会は二つの村で買収の証拠を見つけたと述べた " * 10)[0] in {
        "other",
        "unknown",
    }


def test_unknown_for_short_or_empty() -> None:
    assert detect_language("") == ("unknown", 0.0)
    assert detect_language(None) == ("unknown", 0.0)
    assert detect_language("Pemilu 2024")[0] == "unknown"
