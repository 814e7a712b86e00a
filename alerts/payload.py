"""What a delivery says: the JSON body (webhook), and the text/HTML e-mail built from it."""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Any

from store.records import Article

PAYLOAD_VERSION = 1


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "region": article.region,
        "published_at": article.published_at.isoformat() if article.published_at else None,
    }


def build_payload(
    delivery_id: str, sub_id: str, sub_name: str, kind: str, matches: list[dict[str, Any]]
) -> dict[str, Any]:
    """``matches``: [{"article": article_summary, "reason": {...}, "matched_at": iso}]."""
    return {
        "version": PAYLOAD_VERSION,
        "type": f"pantau.alert.{kind}",
        "delivery_id": delivery_id,
        "subscription": {"id": sub_id, "name": sub_name},
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "matches": matches,
    }


def why(reason: dict[str, Any]) -> str:
    parts = []
    if reason.get("terms"):
        parts.append("words: " + ", ".join(reason["terms"]))
    for key, label in (("entities", "entities"), ("speakers", "said by"), ("regions", "regions"),
                       ("keyword_lists", "keyword lists"), ("outlets", "outlet")):  # fmt: skip
        if reason.get(key):
            parts.append(f"{label}: " + ", ".join(reason[key]))
    if reason.get("categories"):
        parts.append(
            "violations: "
            + ", ".join(f"{v['category']} ({v['status']})" for v in reason["categories"])
        )
    return "; ".join(parts)


def email_subject(payload: dict[str, Any]) -> str:
    n = len(payload["matches"])
    name = payload["subscription"]["name"]
    if n == 1:
        return f"[Pantau] {name}: {payload['matches'][0]['article']['title']}"[:200]
    return f"[Pantau] {name}: {n} new articles"


def email_text(payload: dict[str, Any]) -> str:
    lines = [f"Pantau alert: {payload['subscription']['name']}", ""]
    for m in payload["matches"]:
        a = m["article"]
        lines += [a["title"], a["url"], f"{a['source']} · {a.get('published_at') or ''}"]
        lines += [f"Why: {why(m['reason'])}", ""]
    lines.append(f"Delivery {payload['delivery_id']}")
    return "\n".join(lines)


def email_html(payload: dict[str, Any]) -> str:
    esc = html.escape
    items = []
    for m in payload["matches"]:
        a, reason = m["article"], m["reason"]
        snippet = reason.get("snippet") or ""  # escaped text with <mark> only (alerts.reasons)
        items.append(
            f'<li><a href="{esc(a["url"])}">{esc(a["title"])}</a><br>'
            f"<small>{esc(a['source'])} · {esc(a.get('published_at') or '')}</small>"
            f"<p>{snippet}</p><p><small>Why: {esc(why(reason))}</small></p></li>"
        )
    return (
        f"<html><body><h2>Pantau: {esc(payload['subscription']['name'])}</h2>"
        f"<ul>{''.join(items)}</ul><p><small>Delivery {esc(payload['delivery_id'])}</small></p>"
        "</body></html>"
    )
