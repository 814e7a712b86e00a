"""One query builder for both engines: SearchQuery -> request body, response -> SearchPage.

Filters, facets, histogram buckets and ordering mirror the SQLite backend (store/sqlite/search.py)
so the contract suite passes unchanged: facet values are counted per derived row, grouped
case-insensitively; histogram buckets are calendar days/weeks/months in WIB (UTC+7).
"""

from __future__ import annotations

import html
import re
from typing import Any

from store.base import FACET_FIELDS, FacetValue, Hit, SearchPage, SearchQuery
from store.derived import norm
from store.search.documents import article_from_source
from store.search.syntax import parse_query

Query = dict[str, Any]
WIB = "+07:00"
_CODE = re.compile(r"^\d{2}(\.\d{2}){0,3}$")
_ORDER = [{"_count": "desc"}, {"_key": "asc"}]
_HIGHLIGHT_FIELDS = ("title", "title.plain", "body", "body.plain")


def _nested(path: str, *conditions: Query) -> Query:
    return {"nested": {"path": path, "query": {"bool": {"filter": list(conditions)}}}}


def _region_filter(values: list[str]) -> Query:
    should: list[Query] = []
    for value in (v.strip() for v in values):
        if _CODE.match(value):
            should += [
                {"term": {"regions.code": value}},
                {"prefix": {"regions.code": value + "."}},
            ]
        else:
            should.append({"term": {"regions.norm": norm(value)}})
    inner = {"bool": {"should": should, "minimum_should_match": 1}}
    return {"nested": {"path": "regions", "query": inner}}


def filters(q: SearchQuery) -> list[Query]:
    """Filter clauses: AND between fields, OR within one field's list."""
    out: list[Query] = []
    if q.sources:
        out.append({"terms": {"source": q.sources}})
    if q.date_from or q.date_to:
        bounds = {"gte": q.date_from, "lte": q.date_to}
        out.append({"range": {"sort_date": {k: v.isoformat() for k, v in bounds.items() if v}}})
    if q.article_status:
        out.append({"term": {"status": q.article_status.value}})
    if q.regions:
        out.append(_region_filter(q.regions))
    for kind, values in (
        (None, q.entities),
        ("organization", q.organizations),
        ("person", q.persons),
    ):
        if values:
            terms = {"terms": {"entities.norm": [norm(v) for v in values]}}
            kinds = [] if kind is None else [{"term": {"entities.kind": kind}}]
            out.append(_nested("entities", terms, *kinds))
    if q.violations or q.violation_status:
        conds = []
        if q.violations:
            conds.append({"terms": {"violations.category": q.violations}})
        if q.violation_status:
            conds.append({"terms": {"violations.status": q.violation_status}})
        out.append(_nested("violations", *conds))
    return out


def match_query(q: SearchQuery) -> Query:
    must = [parse_query(q.q)] if q.q else []
    return {"bool": {"must": must, "filter": filters(q)}}


def sort_spec(q: SearchQuery) -> list[Query]:
    if q.q and q.sort == "relevance":
        return [{"_score": "desc"}, {"seq": "asc"}]
    if q.sort == "date_asc":
        return [{"sort_date": "asc"}, {"seq": "asc"}]
    return [{"sort_date": "desc"}, {"seq": "desc"}]


def _grouped(path: str, field: str, display: str, size: int, kind: str | None = None) -> Query:
    """Counts grouped by a normalised key, shown with its first display value."""
    terms: Query = {
        "terms": {"field": f"{path}.{field}", "size": size, "order": _ORDER},
        "aggs": {
            "display": {
                "terms": {"field": f"{path}.{display}", "size": 1, "order": {"_key": "asc"}}
            }
        },
    }
    if kind is not None:
        terms = {"filter": {"term": {f"{path}.kind": kind}}, "aggs": {"values": terms}}
    return {"nested": {"path": path}, "aggs": {"values": terms}}


def aggregations(q: SearchQuery) -> Query:
    size = q.facet_size
    aggs: Query = {}
    if q.facets:
        aggs["source"] = {"terms": {"field": "source", "size": size, "order": _ORDER}}
        aggs["region"] = _grouped("regions", "norm", "name", size)
        for name, field in (("violation", "category"), ("status", "status")):
            inner = {"terms": {"field": f"violations.{field}", "size": size, "order": _ORDER}}
            aggs[name] = {"nested": {"path": "violations"}, "aggs": {"values": inner}}
        for kind in ("organization", "person", "location"):
            aggs[kind] = _grouped("entities", "norm", "value", size, kind)
    if q.histogram:
        aggs["histogram"] = {
            "date_histogram": {
                "field": "sort_date",
                "calendar_interval": q.histogram,
                "time_zone": WIB,
                "format": "yyyy-MM-dd",
                "min_doc_count": 1,
            }
        }
    return aggs


def search_body(q: SearchQuery, search_after: list[Any] | None) -> Query:
    body: Query = {
        "query": match_query(q),
        "sort": sort_spec(q),
        "size": q.size + 1,  # one extra hit tells whether there is a next page
        "track_total_hits": True,
        "track_scores": bool(q.q),
        "aggs": aggregations(q),
    }
    if search_after:
        body["search_after"] = search_after
    if q.q and q.highlight:
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": {
                f: {"number_of_fragments": 0}
                if f.startswith("title")
                else {"fragment_size": 200, "number_of_fragments": 1}
                for f in _HIGHLIGHT_FIELDS
            },
        }
    return body


def _facet_values(agg: Query) -> list[FacetValue]:
    while "buckets" not in agg:  # unwrap nested/filter levels
        agg = agg["values"]
    out = []
    for bucket in agg["buckets"]:
        shown = bucket.get("display", {}).get("buckets")
        out.append(
            FacetValue(str(shown[0]["key"] if shown else bucket["key"]), bucket["doc_count"])
        )
    return out


def _hit(raw: Query, scored: bool) -> Hit:
    article = article_from_source(raw["_source"])
    marks = raw.get("highlight", {})
    title = (marks.get("title") or marks.get("title.plain") or [None])[0]
    snippet = (marks.get("body") or marks.get("body.plain") or [None])[0]
    score = raw.get("_score")
    return Hit(
        article=article,
        score=float(score) if scored and score is not None else None,
        snippet=snippet or html.escape(article.summary or article.body[:240]),
        title_highlight=title or html.escape(article.title),
    )


def parse_page(q: SearchQuery, resp: Query) -> tuple[SearchPage, list[Any] | None]:
    """The page and the sort values to continue after (None on the last page)."""
    raw_hits = resp["hits"]["hits"]
    more = len(raw_hits) > q.size
    raw_hits = raw_hits[: q.size]
    aggs = resp.get("aggregations", {})
    facets = {name: _facet_values(aggs[name]) for name in FACET_FIELDS if name in aggs}
    histogram = [
        FacetValue(b["key_as_string"], b["doc_count"])
        for b in aggs.get("histogram", {}).get("buckets", [])
    ]
    page = SearchPage(
        hits=[_hit(h, bool(q.q)) for h in raw_hits],
        total=int(resp["hits"]["total"]["value"]),
        facets=facets,
        histogram=histogram,
    )
    return page, (raw_hits[-1]["sort"] if more and raw_hits else None)
