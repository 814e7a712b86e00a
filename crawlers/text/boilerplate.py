"""Strip publisher boilerplate from article bodies and normalise whitespace.

Removes "Baca juga: ..." lines, "Pewarta: ... Editor: ..." bylines (any spacing),
"COPYRIGHT © ANTARA 2024", ANTARA's no-crawling notice, share and related-article lines.
The result is paragraphs separated by a blank line ("\\n\\n"), single spaces inside.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# CSS selectors for boilerplate blocks inside an article container; parsers drop these
# before turning HTML into text.
BOILERPLATE_SELECTORS: tuple[str, ...] = (
    "script", "style", "noscript", "iframe", "form", "button", "svg",
    ".baca-juga", "span.baca-juga", "[class*='baca-juga']", "[class*='bacajuga']",
    "[class*='inject-baca']", "[class*='share']", "[class*='social']", "[class*='related']",
    "[class*='terkait']", "[class*='advert']", "[id*='div-gpt-ad']", "ul.blog-tags",
    "p.text-muted", ".tags", ".tag", "[class*='newsletter']",
)  # fmt: skip

ANTARA_NOTICE = (
    "Dilarang keras mengambil konten, melakukan crawling atau pengindeksan otomatis untuk AI "
    "di situs web ini tanpa izin tertulis dari Kantor Berita ANTARA."
)

_NOTICE_RE = re.compile(
    r"Dilarang\s+keras\s+mengambil\s+konten.{0,200}?Kantor\s+Berita\s+ANTARA\.?",
    re.IGNORECASE | re.DOTALL,
)
_COPYRIGHT_RE = re.compile(
    r"(?:(?:COPYRIGHT|Copyright)\s*(?:©|\(c\))?|©)\s*[\w .]{0,40}?\d{4}\b\.?"
)
# "Pewarta: Ahmad Editor: Budi" with any spacing, also "Pewarta :X\nEditor : Y".
_BYLINE_RE = re.compile(
    r"(?:^|(?<=[\s.]))(?:Pewarta|Penulis|Reporter|Editor|Redaktur|Penerjemah|Fotografer)\s*:"
    r"[^\n]{0,120}?(?:(?:Editor|Redaktur|Penerjemah)\s*:\s*[^\n]{0,80})?$",
    re.IGNORECASE | re.MULTILINE,
)
_LINE_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:baca|lihat|simak|tonton|saksikan)\s+(?:juga|pula|selengkapnya|video)\b\s*[:\-–]?",
        r"^(?:berita|artikel)\s+terkait\b",
        r"^jangan\s+lewatkan\b",
        r"^(?:bagikan|share|sebarkan)\b\s*(?:artikel|berita|ini|:)?\s*$",
        r"^(?:ikuti|cek)\s+(?:berita|artikel|kami|update|juga).{0,120}"
        r"(?:google news|whatsapp|telegram|instagram)",
        r"^(?:advertisement|iklan|scroll to (?:continue|resume)|loading\.*)\s*$",
        r"^(?:tags?|topik)\s*:",
    )
)
_SPACE_RE = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_RE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def normalize_whitespace(text: str) -> str:
    """One space inside paragraphs, paragraphs separated by "\\n\\n", no empty paragraphs."""
    text = _INVISIBLE_RE.sub("", text)
    paragraphs = (_SPACE_RE.sub(" ", line).strip() for line in text.splitlines())
    return "\n\n".join(p for p in paragraphs if p)


def is_boilerplate_line(line: str) -> bool:
    stripped = line.strip()
    return any(p.search(stripped) for p in _LINE_PATTERNS)


def strip_boilerplate(text: str) -> str:
    """Remove boilerplate lines and fragments, then normalise whitespace."""
    text = _INVISIBLE_RE.sub("", text).replace("\u00a0", " ")
    text = _NOTICE_RE.sub("", text)
    text = _COPYRIGHT_RE.sub("", text)
    text = _BYLINE_RE.sub("", text)
    kept = [line for line in text.splitlines() if not is_boilerplate_line(line)]
    return normalize_whitespace("\n".join(kept))
