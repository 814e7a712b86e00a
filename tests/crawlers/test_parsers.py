"""Article parsers against every saved article page with expected values.

Pages are read from $PANTAU_SHARED_DATA (default ../shared/data next to the repo root); the
tests skip when the data is absent, unless CI=true, where they fail.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from datetime import UTC, datetime

import pytest

from crawlers.parsers import ParsedArticle, ParseError, outlet_for_url, parse_article
from crawlers.parsers.document import MAX_PAGE_BYTES, decode_html
from crawlers.parsers.evaluate import Case, load_cases, shared_data_dir

DATA = shared_data_dir()
HAVE_DATA = (DATA / "news" / "html").is_dir()
if not HAVE_DATA and os.environ.get("CI") == "true":
    raise RuntimeError(f"CI=true but the shared data is missing at {DATA}; set PANTAU_SHARED_DATA")
needs_data = pytest.mark.skipif(
    not HAVE_DATA, reason=f"shared data not found at {DATA} (set PANTAU_SHARED_DATA)"
)
CASES = load_cases(DATA) if HAVE_DATA else []

# Golden values that disagree with a correct extraction, kept visible as strict xfails.
KNOWN_GOLDEN_ARTIFACTS = {
    "liputan6/liputan6-singlepage3.html": "expected repeats the first photo caption 5 times; "
    "the page has 5 different captions, which the parser returns",
    "mediaindonesia/MediaIndonesia_2025_10_22.html": "expected (fundus' older output) keeps the "
    "'Baca juga' links, image caption and Google News footer that Pantau strips by design",
}
AUTHOR_ARTIFACTS = {
    "mediaindonesia/MediaIndonesia_2025_10_22.html": "expected 'Andhika' is the editor, from "
    "fundus' older parser; the byline (div.author-2) names the reporter 'Andhika Prasetyo'",
}
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


def token_f1(predicted: str, expected: str) -> float:
    """Bag-of-words F1 over lowercased word tokens, counted with multiplicity."""
    pred = Counter(t.lower() for t in _TOKEN_RE.findall(predicted))
    gold = Counter(t.lower() for t in _TOKEN_RE.findall(expected))
    overlap = sum((pred & gold).values())
    if not overlap:
        return float(pred == gold)
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def _parse(case: Case) -> ParsedArticle:
    return parse_article(case.path.read_bytes(), case.url)


@needs_data
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_title_and_date(case: Case) -> None:
    article = _parse(case)
    assert article.title == case.title
    assert article.published_at == case.published_at
    assert article.published_at is not None and article.published_at.tzinfo == UTC
    assert article.extraction_path.startswith(f"parser:{case.outlet}_")
    assert article.body


@needs_data
@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=AUTHOR_ARTIFACTS[c.id], strict=True))
        if c.id in AUTHOR_ARTIFACTS
        else c
        for c in CASES
        if c.author is not None
    ],
    ids=lambda c: c.id,
)
def test_author(case: Case) -> None:
    assert _parse(case).author == case.author


@needs_data
@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_GOLDEN_ARTIFACTS[c.id], strict=True))
        if c.id in KNOWN_GOLDEN_ARTIFACTS
        else c
        for c in CASES
        if c.body is not None
    ],
    ids=lambda c: c.id,
)
def test_body_f1(case: Case) -> None:
    assert token_f1(_parse(case).body, case.body or "") >= 0.95


@needs_data
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_generic_chain_on_unknown_host(case: Case) -> None:
    article = parse_article(case.path.read_bytes(), "https://unknown.example/a")
    assert article.extraction_path in {"jsonld", "trafilatura"}
    assert article.title


@needs_data
def test_language_marks_tempo_english() -> None:
    (case,) = [c for c in CASES if c.path.name == "tempoen-singlepage.html"]
    assert _parse(case).language == "en"
    assert {_parse(c).language for c in CASES if c.outlet == "antara"} == {"id"}


@needs_data
def test_kapanlagi_wrong_charset_declaration_is_read_as_utf8() -> None:
    (case,) = [c for c in CASES if c.path.name == "kapanlagi-singlepage2.html"]
    raw = case.path.read_bytes()
    assert b"charset=iso-8859-1" in raw
    text, used = decode_html(raw)
    assert used == "utf-8" and "Ã" not in text
    assert "Ã" not in _parse(case).body


def test_outlet_for_url() -> None:
    assert outlet_for_url("https://jatim.antaranews.com/berita/1/x") == "antara"
    assert outlet_for_url("http://news.detik.com/berita/d-1/x") == "detik"
    assert outlet_for_url("https://en.tempo.co/read/1/x") == "tempo"
    assert outlet_for_url("https://www.republika.co.id/berita/x") == "republika"
    assert outlet_for_url("https://example.org/x") is None
    assert outlet_for_url("not a url") is None


ARTICLE = """<html><head><title>Bawaslu awasi kampanye</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Bawaslu awasi kampanye di pasar", "datePublished": "2024-02-12T10:00:00+07:00",
"author": {"@type": "Person", "name": "Sari Dewi"},
"articleBody": "Surabaya (ANTARA) - Bawaslu Kota Surabaya mengawasi kampanye di pasar tradisional
 pada Senin pagi. Petugas mencatat tidak ada pelanggaran selama kegiatan berlangsung."}
</script></head><body><h1>Bawaslu awasi kampanye di pasar</h1></body></html>"""


def test_jsonld_path_and_dateline() -> None:
    article = parse_article(ARTICLE, "https://berita.example/a/1")
    assert article.extraction_path == "jsonld"
    assert article.title == "Bawaslu awasi kampanye di pasar"
    assert article.published_at == datetime(2024, 2, 12, 3, 0, tzinfo=UTC)
    assert article.author == "Sari Dewi"
    assert article.dateline == "Surabaya"
    assert article.body.startswith("Surabaya (ANTARA) - Bawaslu")
    assert article.language == "id"


def test_outlet_parser_without_body_falls_back_to_generic() -> None:
    article = parse_article(ARTICLE, "https://www.antaranews.com/berita/1/x")
    assert article.extraction_path == "jsonld"


def test_bytes_with_wrong_declared_charset() -> None:
    page = ARTICLE.replace("<head>", '<head><meta charset="iso-8859-1">').replace(
        "pasar tradisional", "pasar tradisional “Wonokromo”"
    )
    article = parse_article(page.encode("utf-8"), "https://berita.example/a/2")
    assert "“Wonokromo”" in article.body


def test_latin1_bytes_with_bad_utf8_declaration_still_decode() -> None:
    page = ARTICLE.replace("<head>", '<head><meta charset="utf-8">').replace("pasar", "pasar café")
    text, _ = decode_html(page.encode("latin-1"))
    assert "café" in text


@pytest.mark.parametrize("page", ["", "   \n", b"", b"\x00\x00"])
def test_empty_page_raises(page: str | bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        parse_article(page, "https://berita.example/kosong")


def test_huge_page_raises_quickly() -> None:
    page = "<html><body>" + "<p>kata</p>" * (MAX_PAGE_BYTES // 10) + "</body></html>"
    with pytest.raises(ParseError, match="MB"):
        parse_article(page, "https://berita.example/besar")


def test_truncated_html_returns_best_result() -> None:
    truncated = ARTICLE[: ARTICLE.index("</script>")] + "</script></head><body><h1>Judul"
    page = truncated.replace('"@type": "NewsArticle"', '"@type": "NewsArticle" BROKEN')
    page += "<div><p>" + "Warga datang ke tempat pemungutan suara sejak pagi hari. " * 5
    article = parse_article(page, "https://berita.example/a/3")
    assert article.extraction_path == "trafilatura"
    assert "pemungutan suara" in article.body


def test_page_without_article_raises() -> None:
    with pytest.raises(ParseError, match="no article body"):
        parse_article("<html><body><nav>Beranda</nav></body></html>", "https://berita.example/")
