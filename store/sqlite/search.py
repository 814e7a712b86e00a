"""Search on SQLite: FTS5 bm25 ranking, filters, facets, histogram, keyset cursors."""

from __future__ import annotations

import html
import re
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from store.base import (
    FacetValue,
    Hit,
    QueryError,
    SearchPage,
    SearchQuery,
    decode_cursor,
    encode_cursor,
)
from store.derived import norm
from store.sqlite.fts import parse_query

# Title matches weigh more than body matches in bm25.
_BM25 = "bm25(articles_fts, 8.0, 1.0)"
_OPEN, _CLOSE = "\x02", "\x03"  # sentinels, replaced after escaping
_CODE = re.compile(r"^\d{2}(\.\d{2}){0,3}$")
_COLUMNS = (
    "a.id, a.url, a.source, a.title, a.body, a.published_at, a.language, a.region, "
    "a.region_code, a.author, a.summary, a.extraction_path, a.fetched_at, a.status, a.error, "
    "a.content_hash, a.analysis, a.cluster_id, a.original_id"
)

# Histogram buckets are calendar days/weeks/months in WIB (UTC+7, no daylight saving), the
# time zone of most Indonesian newsrooms; dates are stored in UTC.
# SQL groups by UTC hour (a cheap substring); Python folds the hours into WIB buckets.
_WIB = timedelta(hours=7)


def _bucket(hour: str, interval: str) -> str:
    day = (datetime.fromisoformat(hour + ":00:00") + _WIB).date()
    if interval == "week":
        day -= timedelta(days=day.weekday())
    elif interval == "month":
        day = day.replace(day=1)
    return day.isoformat()


_FACETS: dict[str, str] = {
    "source": "SELECT h.source, count(*) FROM hits h GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "region": "SELECT min(r.name), count(*) FROM hits h JOIN article_regions r "
    "ON r.article_rid = h.rid GROUP BY r.norm ORDER BY 2 DESC, 1 LIMIT ?",
    "violation": "SELECT v.category, count(*) FROM hits h JOIN violations v "
    "ON v.article_rid = h.rid GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
    "status": "SELECT v.status, count(*) FROM hits h JOIN violations v "
    "ON v.article_rid = h.rid GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
}
for _kind in ("organization", "person", "location"):
    _FACETS[_kind] = (
        "SELECT min(e.value), count(*) FROM hits h JOIN entities e ON e.article_rid = h.rid "
        f"WHERE e.kind = '{_kind}' GROUP BY e.norm ORDER BY 2 DESC, 1 LIMIT ?"
    )


def mark(text: str | None) -> str | None:
    """Escape text for HTML, then turn the match sentinels into <mark> tags."""
    if text is None:
        return None
    return html.escape(text).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")


def _in(values: list[str]) -> str:
    return ",".join("?" * len(values))


def _filters(q: SearchQuery, full_text: bool) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if q.sources:
        # With a full-text match, "+" keeps SQLite from driving the query by the source index
        # (tens of thousands of rows per outlet, each then matched): FTS first is far faster.
        column = "+a.source" if full_text else "a.source"
        where.append(f"{column} IN ({_in(q.sources)})")
        params += q.sources
    if q.date_from:
        where.append("a.sort_date >= ?")
        params.append(q.date_from.isoformat(timespec="seconds"))
    if q.date_to:
        where.append("a.sort_date <= ?")
        params.append(q.date_to.isoformat(timespec="seconds"))
    if q.article_status:
        where.append("a.status = ?")
        params.append(q.article_status.value)
    if q.regions:
        ors = []
        for value in q.regions:
            if _CODE.match(value.strip()):
                ors.append("code = ? OR code LIKE ?")
                params += [value.strip(), value.strip() + ".%"]
            else:
                ors.append("norm = ?")
                params.append(norm(value))
        where.append(f"a.rid IN (SELECT article_rid FROM article_regions WHERE {' OR '.join(ors)})")
    for kind, values in (
        (None, q.entities),
        ("organization", q.organizations),
        ("person", q.persons),
    ):
        if values:
            kind_sql = "" if kind is None else f" AND kind = '{kind}'"
            where.append(
                f"a.rid IN (SELECT article_rid FROM entities WHERE norm IN ({_in(values)})"
                f"{kind_sql})"
            )
            params += [norm(v) for v in values]
    if q.violations or q.violation_status:
        sub = []
        if q.violations:
            sub.append(f"category IN ({_in(q.violations)})")
            params += q.violations
        if q.violation_status:
            sub.append(f"status IN ({_in(q.violation_status)})")
            params += q.violation_status
        where.append(f"a.rid IN (SELECT article_rid FROM violations WHERE {' AND '.join(sub)})")
    return where, params


def _order(q: SearchQuery, relevance: bool) -> tuple[str, str]:
    """ORDER BY clause and the keyset condition for the cursor."""
    if relevance:
        return "h.score ASC, h.rid ASC", "(h.score > ? OR (h.score = ? AND h.rid > ?))"
    if q.sort == "date_asc":
        return "h.sort_date ASC, h.rid ASC", "(h.sort_date > ? OR (h.sort_date = ? AND h.rid > ?))"
    return "h.sort_date DESC, h.rid DESC", "(h.sort_date < ? OR (h.sort_date = ? AND h.rid < ?))"


def run_search(conn: sqlite3.Connection, q: SearchQuery) -> SearchPage:
    parsed = parse_query(q.q) if q.q else None
    where, params = _filters(q, full_text=parsed is not None)
    if parsed:
        sql = (
            f"SELECT a.rid AS rid, {_BM25} AS score, a.sort_date AS sort_date, a.source AS source "
            "FROM articles_fts "
            "JOIN articles a ON a.rid = articles_fts.rowid WHERE articles_fts MATCH ?"
        )
        params = [parsed.expression, *params]
    else:
        sql = (
            "SELECT a.rid AS rid, 0.0 AS score, a.sort_date AS sort_date, a.source AS source "
            "FROM articles a WHERE 1"
        )
    sql += "".join(f" AND {w}" for w in where)
    try:
        conn.execute("DROP TABLE IF EXISTS temp.hits")
        conn.execute(f"CREATE TEMP TABLE hits AS {sql}", params)
    except sqlite3.OperationalError as exc:
        raise QueryError(f"the search query could not be run: {exc}") from exc
    try:
        return _page(conn, q, parsed.expression if parsed else None)
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.hits")


def _page(conn: sqlite3.Connection, q: SearchQuery, match: str | None) -> SearchPage:
    relevance = match is not None and q.sort == "relevance"
    order, keyset = _order(q, relevance)
    page_sql = "SELECT h.rid, h.score, h.sort_date FROM hits h"
    page_params: list[Any] = []
    if q.cursor:
        values = decode_cursor(q.cursor)
        if len(values) != 2:
            raise QueryError("invalid cursor: pass back the next_cursor value unchanged")
        page_sql += f" WHERE {keyset}"
        page_params = [values[0], values[0], values[1]]
    page_sql += f" ORDER BY {order} LIMIT ?"
    rows = conn.execute(page_sql, [*page_params, q.size + 1]).fetchall()
    more = len(rows) > q.size
    rows = rows[: q.size]
    next_cursor = None
    if more and rows:
        last = rows[-1]
        next_cursor = encode_cursor(
            [last["score"] if relevance else last["sort_date"], last["rid"]]
        )
    hits = _hits(conn, rows, match if q.highlight else None)
    total = int(conn.execute("SELECT count(*) FROM hits").fetchone()[0])
    facets: dict[str, list[FacetValue]] = {}
    if q.facets:
        for name, facet_sql in _FACETS.items():
            facets[name] = [
                FacetValue(str(v), int(c)) for v, c in conn.execute(facet_sql, (q.facet_size,))
            ]
    histogram: list[FacetValue] = []
    if q.histogram:
        counts: dict[str, int] = {}
        for hour, n in conn.execute(
            "SELECT substr(sort_date, 1, 13), count(*) FROM hits GROUP BY 1"
        ):
            key = _bucket(hour, q.histogram)
            counts[key] = counts.get(key, 0) + int(n)
        histogram = [FacetValue(k, counts[k]) for k in sorted(counts)]
    return SearchPage(
        hits=hits, total=total, facets=facets, histogram=histogram, next_cursor=next_cursor
    )


def _hits(conn: sqlite3.Connection, rows: list[sqlite3.Row], match: str | None) -> list[Hit]:
    from store.sqlite.backend import row_to_article  # local: backend imports this module

    if not rows:
        return []
    rids = [r["rid"] for r in rows]
    articles = {
        r["rid"]: row_to_article(r)
        for r in conn.execute(
            f"SELECT a.rid, {_COLUMNS} FROM articles a WHERE a.rid IN ({_in(rids)})", rids
        )
    }
    marks: dict[int, tuple[str, str]] = {}
    if match:
        marks = {
            r[0]: (r[1], r[2])
            for r in conn.execute(
                f"SELECT rowid, snippet(articles_fts, 1, '{_OPEN}', '{_CLOSE}', '…', 32), "
                f"highlight(articles_fts, 0, '{_OPEN}', '{_CLOSE}') FROM articles_fts "
                f"WHERE articles_fts MATCH ? AND rowid IN ({_in(rids)})",
                [match, *rids],
            )
        }
    hits = []
    for r in rows:
        article = articles[r["rid"]]
        snippet, title = marks.get(r["rid"], (None, None))
        if snippet is None or _OPEN not in snippet:
            snippet = article.summary or article.body[:240]
        hits.append(
            Hit(
                article=article,
                score=-float(r["score"]) if match else None,
                snippet=mark(snippet),
                title_highlight=mark(title) if title else html.escape(article.title),
            )
        )
    return hits
