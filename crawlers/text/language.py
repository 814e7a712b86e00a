"""A cheap Indonesian-vs-other language check by stopword ratio (no model).

``detect_language(text)`` returns ("id" | "en" | "other" | "unknown", score) where score is the
share of word tokens that are stopwords of the chosen language (0..1). Texts with fewer than
``MIN_TOKENS`` words are "unknown"; texts where neither list covers ``MIN_RATIO`` of the words
are "other" (Javanese, Malay-heavy slang, non-Latin scripts, code).
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

MIN_TOKENS = 8
MIN_RATIO = 0.12
SHORT_TOKENS = 40
MAX_CHARS = 20_000

# Frequent function words. Words shared by both languages ("di" is also a French/Italian word,
# "a", "the"...) stay in one list only; the lists are disjoint.
_ID_WORDS = """yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga ada oleh karena
    sudah telah saat atau tersebut bisa dapat kata mereka kami kita saya ia dia adalah
    bahwa hanya lebih masih para menjadi belum harus sebagai serta seperti agar namun jika
    kepada hingga setelah sejak antara tahun hari bagi atas bawah tetapi tapi sangat lagi
    pun lalu maka bahkan yaitu yakni ujar ungkap katanya menurut sebanyak sekitar sebuah
    secara terhadap tentang tanpa ketika sementara sehingga selain semua sendiri pula
    apa siapa mana bagaimana mengapa kenapa banyak beberapa orang mengatakan menyebutkan
    jadi kalau kemudian baru begitu nya pihak kembali demikian diri sama"""
_EN_WORDS = """the of and to in is that for it as was with be by on not he she they we you are
    this from at or have an has had but were which their been its will would there can
    said about after also more who than what when into could other only over such then
    them these some our out up new do does did his her him how all may any because
    should very while where those most being between both through during against"""
ID_STOPWORDS = frozenset(_ID_WORDS.split())
EN_STOPWORDS = frozenset(_EN_WORDS.split())
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def detect_language(text: str | None) -> tuple[str, float]:
    """("id" | "en" | "other" | "unknown", score)."""
    if not text:
        return "unknown", 0.0
    tokens = [t.lower() for t in _WORD_RE.findall(text[:MAX_CHARS])]
    if len(tokens) < MIN_TOKENS:
        return "unknown", 0.0
    id_ratio = sum(t in ID_STOPWORDS for t in tokens) / len(tokens)
    en_ratio = sum(t in EN_STOPWORDS for t in tokens) / len(tokens)
    best, ratio = ("id", id_ratio) if id_ratio >= en_ratio else ("en", en_ratio)
    if ratio < MIN_RATIO and len(tokens) < SHORT_TOKENS:
        return "unknown", round(ratio, 3)  # too short to call it "other" with confidence
    if ratio < MIN_RATIO:
        log.debug("no stopword list covers the text (id=%.2f en=%.2f)", id_ratio, en_ratio)
        return "other", round(max(id_ratio, en_ratio), 3)
    return best, round(ratio, 3)
