"""Article text as escaped HTML paragraphs with entities and violation evidence marked."""

from __future__ import annotations

import html

from markupsafe import Markup

from store.records import Article

CLASSES = {"PER": "ent-per", "ORG": "ent-org", "LOC": "ent-loc"}


def highlight_article(article: Article) -> list[Markup]:
    """Split the body into paragraphs; wrap entity spans in <span class=…> and violation
    evidence in <mark>. Every piece of article text is escaped before tags are added."""
    body = article.body
    marks: list[tuple[int, int, str, str]] = []  # start, end, open tag, close tag
    if article.analysis:
        for v in article.analysis.violations:
            if v.start is not None and v.end is not None and v.model_extra.get("field") != "title":  # type: ignore[union-attr]
                title = html.escape(f"{v.category} ({v.status})", quote=True)
                marks.append(
                    (v.start, v.end, f'<mark class="evidence" title="{title}">', "</mark>")
                )
        for e in article.analysis.entities:
            cls = CLASSES.get(e.label)
            if cls:
                marks.append((e.start, e.end, f'<span class="{cls}" title="{e.label}">', "</span>"))
    # Keep non-overlapping spans; evidence (added first) wins over entities inside it only
    # when they would cross its boundary.
    chosen: list[tuple[int, int, str, str]] = []
    for m in sorted(marks, key=lambda m: (m[0], -m[1])):
        if all(m[1] <= c[0] or m[0] >= c[1] or (c[0] <= m[0] and m[1] <= c[1]) for c in chosen):
            chosen.append(m)
    # At one offset: closings before openings; inner spans close first and open last.
    events: list[tuple[int, int, int, str]] = []
    for start, end, open_tag, close_tag in chosen:
        if 0 <= start < end <= len(body):
            events.append((start, 1, -end, open_tag))
            events.append((end, 0, -start, close_tag))
    events.sort(key=lambda e: (e[0], e[1], e[2]))
    out, pos = [], 0
    for offset, _kind, _order, tag in events:
        out.append(html.escape(body[pos:offset]))
        out.append(tag)
        pos = offset
    out.append(html.escape(body[pos:]))
    text = "".join(out)
    return [Markup(p.strip()) for p in text.split("\n\n") if p.strip()]
