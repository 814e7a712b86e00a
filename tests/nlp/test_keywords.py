"""Morphology-aware keyword flags and the pattern engine under them."""

from __future__ import annotations

import pytest

from nlp.keywords import KeywordMatcher, PatternIndex, compile_pattern
from nlp.morphology import tokenize


@pytest.fixture
def matcher() -> KeywordMatcher:
    return KeywordMatcher(
        {"politik_uang": ["bagi uang", "serangan fajar"], "barang": ["membagikan sembako"]}
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Caleg membagikan uang ke warga", "membagikan uang"),
        ("Ada bagi-bagi uang di pasar", "bagi-bagi uang"),
        ("Uang itu dibagi-bagikan uang lagi", "dibagi-bagikan uang"),
        ("Pembagian uang terjadi malam hari", "Pembagian uang"),
    ],
)
def test_affixed_and_reduplicated_forms_match(
    matcher: KeywordMatcher, text: str, found: str
) -> None:
    hits = matcher.match(text)
    assert [(h["list"], h["keyword"], h["text"]) for h in hits] == [
        ("politik_uang", "bagi uang", found)
    ]
    assert text[hits[0]["start"] : hits[0]["end"]] == found


def test_surface_keyword_matches_other_forms(matcher: KeywordMatcher) -> None:
    hits = matcher.match("Timses bagi-bagi sembako dan serangan fajar.")
    assert [(h["list"], h["text"], h["start"], h["end"]) for h in hits] == [
        ("barang", "bagi-bagi sembako", 7, 24),
        ("politik_uang", "serangan fajar", 29, 43),
    ]


def test_order_matters_and_gaps_are_opt_in(matcher: KeywordMatcher) -> None:
    assert matcher.match("Uang dibagikan ke warga") == []
    assert matcher.match("membagikan sejumlah uang") == []
    loose = KeywordMatcher({"x": ["bagi uang"]}, max_gap=1)
    assert [h["text"] for h in loose.match("membagikan sejumlah uang")] == [
        "membagikan sejumlah uang"
    ]


def test_pattern_syntax_sets_exact_and_cased() -> None:
    sets = {"MONEY": ["uang", "amplop"]}
    pattern = compile_pattern("=tidak|=tak =netral", sets)
    assert list(pattern.finditer(tokenize("ASN tak netral"))) == [(1, 3)]
    assert list(pattern.finditer(tokenize("ASN tak kenetralan"))) == []
    money = compile_pattern("bagi @MONEY", sets, gap=2)
    assert list(money.finditer(tokenize("membagikan dua amplop"))) == [(0, 3)]
    cased = compile_pattern("^SARA")
    assert list(cased.finditer(tokenize("isu SARA"))) == [(1, 2)]
    assert list(cased.finditer(tokenize("ibu Sara"))) == []
    with pytest.raises(ValueError, match="unknown word set"):
        compile_pattern("@NOPE", sets)


def test_pattern_index_finds_what_each_pattern_finds() -> None:
    index = PatternIndex()
    a = index.add(compile_pattern("politik uang"))
    b = index.add(compile_pattern("netral*"))
    hits = index.find(tokenize("Jaga netralitas, tolak politik uang"))
    assert hits == [(b, 1, 2), (a, 3, 5)]
