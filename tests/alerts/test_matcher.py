"""Matching semantics: the store's query syntax, Indonesian morphology, every criterion,
the reasons reported, and an index that only verifies candidates."""

from __future__ import annotations

import pytest

from alerts.matcher import Matcher
from alerts.models import Criteria
from alerts.query import parse
from store.base import QueryError
from tests.store.samples import analysis_for, article, corpus


def matched(criteria: dict, n_range: range = range(1, 7)) -> list[int]:
    arts = corpus()
    for n, a in enumerate(arts, start=1):
        a.analysis = analysis_for(n)
    m = Matcher([("s", Criteria.model_validate(criteria))])
    return [n for n in n_range if m.match(arts[n - 1])]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bawaslu", [1, 4]),
        ("BAWASLU probolinggo", [1]),
        ('"politik uang"', [1, 2]),
        ('"politik uang" -surabaya', [1]),
        ("pemilu bawaslu OR kpu", [2, 4]),
        ("(kpu OR debat) -rokan", [2]),
        ("pencob*", [1, 6]),
        # morphology-aware: "dibagikan", "membagikan" and (as a stemmer reads it) "sebagian"
        ("bagi", [1, 5, 6]),
        ("membagikan", [1, 5, 6]),
        ("=bagi", [1, 5, 6]),  # stray operators are plain text, as in search
        ("NOT kpu pemilu", [4]),
    ],
)
def test_query_syntax_matches_like_search(query: str, expected: list[int]) -> None:
    assert matched({"query": query}) == expected


@pytest.mark.parametrize("query", ["-uang", "NOT bawaslu", '""', "()", "  -  "])
def test_queries_without_positive_words_are_errors(query: str) -> None:
    with pytest.raises(QueryError):
        parse(query)


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"entities": ["fathul  QORIB"]}, [1]),
        ({"entities": ["Bawaslu Provinsi Jawa Barat"]}, [4]),
        ({"regions": ["35"]}, [1, 2]),  # a province code includes its kabupaten/kota
        ({"regions": ["Kota Surabaya"]}, [2]),
        ({"regions": ["35.13"]}, [1]),
        ({"regions": ["Jawa Timur"]}, [1, 2]),
        ({"outlets": ["contoh_jatim"]}, [1, 2]),
        ({"categories": ["politik_uang"]}, [1, 5]),
        ({"categories": ["politik_uang"], "statuses": ["found"]}, [1]),
        ({"categories": ["politik_uang"], "min_confidence": 0.8}, [1]),
        ({"statuses": ["alleged"]}, [5]),
        ({"query": "uang", "regions": ["35"], "categories": ["politik_uang"]}, [1]),
        ({"outlets": ["contoh_jatim"], "entities": ["nobody"]}, []),
    ],
)
def test_criteria(criteria: dict, expected: list[int]) -> None:
    assert matched(criteria) == expected


def test_keyword_lists_accept_names_and_flagger_dicts() -> None:
    a = article(1, title="Serangan fajar", body="Amplop dibagikan.")
    a.analysis = analysis_for(0)
    a.analysis.keywords = ["uang"]
    m = Matcher([("s", Criteria(keyword_lists=["UANG"])), ("t", Criteria(keyword_lists=["x"]))])
    assert [h.subscription_id for h in m.match(a)] == ["s"]
    a.analysis = a.analysis.model_construct(keywords=[{"list": "x", "keyword": "amplop"}])
    assert [h.subscription_id for h in m.match(a)] == ["t"]


def test_reason_has_highlighted_terms_entities_and_categories() -> None:
    a = corpus()[0]
    a.analysis = analysis_for(1)
    criteria = Criteria(query="amplop uang", entities=["Fathul Qorib"], categories=["politik_uang"])
    (hit,) = Matcher([("s", criteria)]).match(a)
    reason = hit.reason
    assert reason["terms"] == ["amplop", "uang"]
    assert {h["text"].lower() for h in reason["highlights"]} == {"amplop", "uang"}
    assert "<mark>amplop</mark>" in reason["snippet"]
    assert reason["entities"] == ["Fathul Qorib"]
    assert reason["categories"] == [
        {"category": "politik_uang", "status": "found", "confidence": 0.9}
    ]


def test_snippet_escapes_article_text() -> None:
    a = article(9, title="x", body="<script>alert(1)</script> pemilu & kampanye")
    (hit,) = Matcher([("s", Criteria(query="pemilu"))]).match(a)
    assert "<script>" not in hit.reason["snippet"]
    assert "<mark>pemilu</mark> &amp; kampanye" in hit.reason["snippet"]


def test_index_verifies_only_candidates() -> None:
    subs = [(f"s{i}", Criteria(query=f"katakhusus{i} pemilu")) for i in range(2000)]
    subs.append(("hit", Criteria(query="probolinggo")))
    m = Matcher(subs)
    a = corpus()[0]
    from alerts.document import build

    assert m.candidates(build(a)) == {"hit"}
    assert [h.subscription_id for h in m.match(a)] == ["hit"]


def test_cluster_id_is_used_when_articles_have_one() -> None:
    from alerts.document import build

    a = corpus()[0]
    assert build(a).cluster_key == a.id  # no cluster yet: the article is its own story
    assert build(article(1, cluster_id="c-1")).cluster_key == "c-1"


def test_speakers_criterion_matches_who_said_something() -> None:
    from store.records import Quote

    a = article(7, title="Rapat pleno DPT", body="Ketua KPU Budi Santoso mengatakan DPT final.")
    a.analysis = analysis_for(0)
    a.analysis.quotes = [
        Quote(start=34, end=43, text="DPT final", kind="indirect", speaker="Budi Santoso",
              official={"position": "Ketua", "institution": "KPU"})
    ]  # fmt: skip
    subs = [
        ("name", Criteria(speakers=["budi santoso"])),
        ("role+word", Criteria(speakers=["Ketua KPU"], query="DPT")),
        ("other", Criteria(speakers=["Siti Aminah"])),
        ("role+other-word", Criteria(speakers=["Ketua KPU"], query="baliho")),
    ]
    hits = {h.subscription_id: h for h in Matcher(subs).match(a)}
    assert set(hits) == {"name", "role+word"}
    assert hits["name"].reason["speakers"] == ["Budi Santoso"]
    assert hits["role+word"].reason["speakers"] == ["Ketua KPU (Budi Santoso)"]
    a.analysis.quotes = []
    assert Matcher(subs).match(a) == []
