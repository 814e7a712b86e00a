"""Official profiles: each position held, with first/last seen and the evidence articles."""

from __future__ import annotations

import sqlite3

from entities.filters import when
from entities.models import EvidencePublic, PositionPublic
from store.derived import norm


def positions_of(
    conn: sqlite3.Connection, entity_ids: list[str]
) -> dict[str, list[PositionPublic]]:
    """Positions per entity, oldest first; one position = (position, institution, region code)."""
    if not entity_ids:
        return {}
    rows = conn.execute(
        "SELECT pa.entity_id, p.article_id, p.position, p.institution, p.region, p.region_code, "
        "p.evidence, p.former, ar.published_at, ar.seen_at FROM ent_position p "
        "JOIN ent_alias pa ON pa.kind = 'person' AND pa.key = p.key "
        "JOIN ent_article ar ON ar.article_id = p.article_id "
        f"WHERE pa.entity_id IN ({','.join('?' * len(entity_ids))}) "
        "ORDER BY ar.seen_at, p.article_id, p.idx",
        entity_ids,
    ).fetchall()
    found: dict[str, dict[tuple[str, str, str], PositionPublic]] = {}
    for r in rows:
        held = found.setdefault(r["entity_id"], {})
        key = (norm(r["position"] or ""), norm(r["institution"] or ""), r["region_code"] or "")
        seen = when(r["seen_at"])
        assert seen is not None  # seen_at is NOT NULL
        evidence = EvidencePublic(
            article_id=r["article_id"], published_at=when(r["published_at"]), evidence=r["evidence"]
        )
        current = held.get(key)
        if current is None:
            held[key] = PositionPublic(
                position=r["position"], institution=r["institution"], region=r["region"],
                region_code=r["region_code"], former=bool(r["former"]), first_seen=seen,
                last_seen=seen, articles=1, evidence=[evidence],
            )  # fmt: skip
            continue
        current.former = current.former and bool(r["former"])
        current.last_seen = seen
        if all(e.article_id != r["article_id"] for e in current.evidence):
            current.articles += 1
        current.evidence.append(evidence)
    return {entity: list(held.values()) for entity, held in found.items()}
