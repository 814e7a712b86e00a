"""The Atom feed of a subscription's alerts (``/feeds/{token}.atom``)."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from alerts.payload import why
from alerts.repo import Subscription


def render_atom(sub: Subscription, matches: list[dict[str, Any]], self_url: str) -> str:
    updated = matches[0]["matched_at"] if matches else sub.updated_at.isoformat()
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<id>urn:pantau:subscription:{escape(sub.id)}</id>",
        f"<title>{escape('Pantau: ' + sub.name)}</title>",
        f"<updated>{escape(updated)}</updated>",
        f'<link rel="self" type="application/atom+xml" href={quoteattr(self_url)}/>',
        "<generator>Pantau</generator>",
    ]
    for m in matches:
        a, reason = m["article"], m["reason"]
        summary = (reason.get("snippet") or "") + f"<p>Why: {escape(why(reason))}</p>"
        published = a.get("published_at") or m["matched_at"]
        out += [
            "<entry>",
            f"<id>urn:pantau:alert:{escape(sub.id)}:{escape(a['id'])}</id>",
            f"<title>{escape(a['title'])}</title>",
            f'<link rel="alternate" href={quoteattr(a["url"])}/>',
            f"<updated>{escape(m['matched_at'])}</updated>",
            f"<published>{escape(published)}</published>",
            f"<author><name>{escape(a['source'])}</name></author>",
            f'<summary type="html">{escape(summary)}</summary>',
            "</entry>",
        ]
    out.append("</feed>")
    return "\n".join(out) + "\n"
