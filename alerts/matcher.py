"""In-process subscription matching with an inverted index over subscription terms.

Each subscription is indexed under one *anchor*: keys of which a matching article must hold
at least one (entity, query word root, keyword list, region code, outlet, category, status).
An article's keys look up candidate subscriptions in a dict, and only candidates are
verified against every criterion, so matching cost grows with the candidates, not with the
number of subscriptions.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from alerts.document import MatchDoc, build, evaluate
from alerts.models import Criteria
from alerts.query import Node, index_keys, parse
from alerts.reasons import highlights
from store.derived import norm
from store.records import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Compiled:
    id: str
    criteria: Criteria
    query: Node | None
    entities: frozenset[str]
    speakers: frozenset[str]
    lists: frozenset[str]
    codes: frozenset[str]
    region_names: frozenset[str]
    outlets: frozenset[str]

    @classmethod
    def of(cls, sub_id: str, c: Criteria) -> Compiled:
        return cls(
            sub_id, c, parse(c.query) if c.query else None,
            frozenset(map(norm, c.entities)), frozenset(map(norm, c.speakers)),
            frozenset(map(norm, c.keyword_lists)),
            frozenset(c.region_codes), frozenset(norm(r) for r in c.regions),
            frozenset(map(norm, c.outlets)),
        )  # fmt: skip

    def anchor(self) -> frozenset[str] | None:
        c = self.criteria
        if self.entities:
            return frozenset("e:" + e for e in self.entities)
        if self.speakers:
            return frozenset("sp:" + s for s in self.speakers)
        words = index_keys(self.query) if self.query is not None else None
        if words is not None:
            return words
        if self.lists:
            return frozenset("k:" + k for k in self.lists)
        if self.codes or self.region_names:
            return frozenset(
                {"r:" + x for x in self.codes} | {"rn:" + n for n in self.region_names}
            )
        if self.outlets:
            return frozenset("o:" + o for o in self.outlets)
        if c.categories:
            return frozenset("c:" + x for x in c.categories)
        if c.statuses:
            return frozenset("s:" + x for x in c.statuses)
        return None

    def verify(self, doc: MatchDoc) -> dict[str, Any] | None:
        """The reason the article matches, or None."""
        c, reason = self.criteria, {}
        if self.query is not None:
            found = evaluate(self.query, doc)
            if found is None:
                return None
            reason.update(highlights(doc, found))
        if self.entities:
            hit = sorted(doc.entities[e] for e in self.entities if e in doc.entities)
            if not hit:
                return None
            reason["entities"] = hit
        if self.speakers:
            said = sorted(doc.speakers[s] for s in self.speakers if s in doc.speakers)
            if not said:
                return None
            reason["speakers"] = said
        if self.lists:
            have = {norm(n): n for n in doc.keyword_lists}
            lists = sorted(have[k] for k in self.lists if k in have)
            if not lists:
                return None
            reason["keyword_lists"] = lists
        if self.codes or self.region_names:
            regions = sorted(self.codes & doc.region_codes) + sorted(
                self.region_names & doc.region_names
            )
            if not regions:
                return None
            reason["regions"] = regions
        if self.outlets:
            if norm(doc.article.source) not in self.outlets:
                return None
            reason["outlets"] = [doc.article.source]
        if c.categories or c.statuses or c.min_confidence is not None:
            found_v = [
                {"category": cat, "status": status, "confidence": round(conf, 3)}
                for cat, status, conf in doc.violations
                if (not c.categories or cat in c.categories)
                and (not c.statuses or status in c.statuses)
                and (c.min_confidence is None or conf >= c.min_confidence)
            ]
            if not found_v:
                return None
            reason["categories"] = found_v
        return reason


def reason_hash(reason: dict[str, Any]) -> str:
    """What makes a reason different: matched words, entities, regions, lists, categories."""
    parts = [
        "|".join(reason.get(k, ())) for k in ("terms", "entities", "speakers", "regions",
                                              "keyword_lists", "outlets")
    ]  # fmt: skip
    parts.append(
        "|".join(sorted(f"{v['category']}:{v['status']}" for v in reason.get("categories", ())))
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


@dataclass
class Hit:
    subscription_id: str
    reason: dict[str, Any]
    reason_hash: str


class Matcher:
    """Inverted index from keys to subscription ids; rebuild with ``load``."""

    def __init__(self, subscriptions: Iterable[tuple[str, Criteria]] = ()) -> None:
        self.load(subscriptions)

    def load(self, subscriptions: Iterable[tuple[str, Criteria]]) -> None:
        index: dict[str, set[str]] = {}
        scan: set[str] = set()
        compiled: dict[str, Compiled] = {}
        for sub_id, criteria in subscriptions:
            comp = Compiled.of(sub_id, criteria)
            compiled[sub_id] = comp
            anchor = comp.anchor()
            if anchor is None:
                scan.add(sub_id)
            else:
                for key in anchor:
                    index.setdefault(key, set()).add(sub_id)
        self._index, self._scan, self._compiled = index, scan, compiled

    def __len__(self) -> int:
        return len(self._compiled)

    def candidates(self, doc: MatchDoc) -> set[str]:
        found = set(self._scan)
        index = self._index
        for key in doc.keys:
            ids = index.get(key)
            if ids:
                found |= ids
        return found

    def match(self, article: Article, only: set[str] | None = None) -> list[Hit]:
        doc = build(article)
        ids = self.candidates(doc) if only is None else only
        hits = []
        for sub_id in sorted(ids):
            comp = self._compiled.get(sub_id)
            reason = comp.verify(doc) if comp is not None else None
            if reason is not None:
                hits.append(Hit(sub_id, reason, reason_hash(reason)))
        return hits
