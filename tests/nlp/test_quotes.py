"""Statements: direct and indirect, split quotes, pronoun resolution, non-speech quotation marks."""

from __future__ import annotations

from nlp.quotes import extract_quotes

# Our own example sentences (not from any evaluation set).
TEXT = (
    "Ketua KPU Kota Malang Budi Santoso mengatakan pendaftaran pemilih diperpanjang sepekan. "
    '"Kami ingin semua warga terdaftar," kata Budi di Malang, Senin. '
    '"Jangan sampai ada yang kehilangan hak pilih." '
    "Ia menambahkan bahwa petugas akan mendatangi rumah warga. "
    'Warga menyebut acara itu "pesta demokrasi". '
    "Menurut Siti Aminah, antrean di kantor kelurahan sudah berkurang."
)
ENTS = [
    {"text": "KPU Kota Malang", "label": "ORG", "start": 6, "end": 21},
    {"text": "Budi Santoso", "label": "PER", "start": 22, "end": 34},
    {
        "text": "Budi",
        "label": "PER",
        "start": TEXT.index("kata Budi") + 5,
        "end": TEXT.index("kata Budi") + 9,
    },
    {
        "text": "Siti Aminah",
        "label": "PER",
        "start": TEXT.index("Siti"),
        "end": TEXT.index("Siti") + 11,
    },
]


def _quotes() -> list[dict]:
    return extract_quotes(TEXT, ENTS, [{"name": "Budi Santoso", "position": "Ketua",
                                        "institution": "KPU Kota Malang"}])  # fmt: skip


def test_direct_indirect_and_split_quotes() -> None:
    got = [(q["kind"], q["text"], q["speaker"]) for q in _quotes()]
    assert got == [
        ("indirect", "pendaftaran pemilih diperpanjang sepekan", "Budi Santoso"),
        ("direct", "Kami ingin semua warga terdaftar", "Budi Santoso"),
        ("direct", "Jangan sampai ada yang kehilangan hak pilih", "Budi Santoso"),
        ("indirect", "petugas akan mendatangi rumah warga", "Budi Santoso"),
        ("indirect", "antrean di kantor kelurahan sudah berkurang", "Siti Aminah"),
    ]


def test_offsets_cover_the_words_said_only() -> None:
    for q in _quotes():
        assert TEXT[q["start"] : q["end"]] == q["text"]
        assert not q["text"].endswith((",", ".", '"'))
        if q["speaker_start"] is not None:
            assert TEXT[q["speaker_start"] : q["speaker_end"]] in q["speaker"]


def test_scare_quotes_are_not_statements() -> None:
    assert "pesta demokrasi" not in {q["text"] for q in _quotes()}


def test_speaker_gets_the_official_record() -> None:
    first = _quotes()[0]
    assert first["official"] == {"position": "Ketua", "institution": "KPU Kota Malang"}
    assert 0 < first["confidence"] <= 1


def test_agentless_passive_and_empty_text() -> None:
    assert extract_quotes("Diketahui bahwa jalan itu ditutup sejak pagi.", []) == []
    assert extract_quotes("", []) == []
