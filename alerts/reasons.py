"""Why an article matched: the matched words, their offsets and an HTML snippet with marks."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from alerts.document import MatchDoc

MAX_HIGHLIGHTS = 20
SNIPPET_CHARS = 240


def highlights(doc: MatchDoc, positions: frozenset[int] | set[int]) -> dict[str, Any]:
    """``terms`` (distinct matched words), ``highlights`` (field + offsets), ``snippet``.

    Memoised per article: subscriptions that matched the same words share one reason.
    """
    key = frozenset(positions)
    cached = doc.reasons.get(key)
    if cached is None:
        cached = doc.reasons[key] = _highlights(doc, key)
    return dict(cached)


def _highlights(doc: MatchDoc, positions: frozenset[int]) -> dict[str, Any]:
    spans = [doc.spans[p] for p in sorted(positions) if p in doc.spans]
    texts = {"title": doc.article.title, "body": doc.article.body}
    terms = sorted({texts[f][s:e].lower() for f, s, e in spans})
    items = [{"field": f, "start": s, "end": e, "text": texts[f][s:e]} for f, s, e in spans][
        :MAX_HIGHLIGHTS
    ]
    return {"terms": terms, "highlights": items, "snippet": _snippet(texts, spans)}


def _snippet(texts: dict[str, str], spans: list[tuple[str, int, int]]) -> str:
    """Escaped text around the first match; only ``<mark>`` is added."""
    body_spans = [(s, e) for f, s, e in spans if f == "body"]
    field = "body" if body_spans else "title"
    marks = body_spans or [(s, e) for f, s, e in spans if f == "title"]
    text = texts[field]
    if not marks:
        return html.escape(text[:SNIPPET_CHARS])
    start = max(0, marks[0][0] - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    out, cursor = [], start
    for s, e in marks:
        if s < cursor or e > end:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + "".join(out) + suffix
