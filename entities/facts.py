"""What one article contributes: link, position and violation rows from its Analysis.

A pure function of the article, so re-linking the same article always yields the same rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from entities.keys import location_key, organization_key, person_key, strip_honorifics, wib_day
from store.derived import norm
from store.records import Analysis, Article, Official

Add = Callable[[str, str, str, str, str | None], None]


@dataclass(frozen=True)
class LinkFact:
    kind: str
    key: str
    text: str  # the surface form in the article
    name: str  # display name for an entity this key creates
    code: str | None
    mentions: int


@dataclass(frozen=True)
class PositionFact:
    key: str
    position: str | None
    institution: str | None
    region: str | None
    region_code: str | None
    evidence: str
    former: bool


@dataclass
class ArticleFacts:
    article: Article
    seen_at: str
    day: str
    region: str | None
    region_code: str | None
    links: list[LinkFact] = field(default_factory=list)
    positions: list[PositionFact] = field(default_factory=list)


def facts_of(article: Article) -> ArticleFacts:
    seen = article.published_at or article.fetched_at
    analysis = article.analysis or Analysis()
    region, code = article.region, article.region_code
    if not code:
        first = next((r for r in analysis.regions if r.get("code")), None)
        if first is not None:
            region, code = first.get("name"), first.get("code")
    facts = ArticleFacts(article, seen.isoformat(), wib_day(seen), region, code)
    if article.analysis is None:
        return facts
    counts: Counter[tuple[str, str, str]] = Counter()
    names: dict[tuple[str, str, str], tuple[str, str | None]] = {}

    def add(kind: str, key: str, text: str, name: str, code: str | None) -> None:
        if not key.strip() or not text.strip():
            return
        counts[(kind, key, text)] += 1
        names.setdefault((kind, key, text), (name, code))

    org_spans = {_span(o) for o in analysis.organizations}
    codes: dict[tuple[int | None, int | None], str | None] = {
        (m.start, m.end): m.code for m in analysis.entities
    }
    official_codes = {person_key(o.name): o.region_code for o in analysis.officials}
    region_names = {
        location_key(r.get("code"), r.get("name")): r.get("name") for r in analysis.regions
    }
    for m in analysis.entities:
        if m.label == "PER":
            # a later "Arfan" counts for the "Arfan Syamsuddin" the article introduced
            full = m.canonical or m.text
            key = person_key(full)
            add("person", key, m.text, strip_honorifics(full), official_codes.get(key))
        elif m.label == "ORG" and (m.start, m.end) not in org_spans:
            add("organization", organization_key(m.text), m.text, m.text, m.code)
        elif m.label == "LOC":
            key = location_key(m.code, m.text)
            add("location", key, m.text, region_names.get(key) or m.text, m.code)
    for org in analysis.organizations:
        add("organization", organization_key(org.canonical), org.name, org.canonical,
            codes.get(_span(org)))  # fmt: skip
    _add_regions(analysis, counts, add)
    persons = {key for kind, key, _ in counts if kind == "person"}
    for official in analysis.officials:
        key = person_key(official.name)
        if key not in persons:
            add("person", key, official.name, strip_honorifics(official.name), official.region_code)
            persons.add(key)
    facts.links = [
        LinkFact(kind, key, text, *names[(kind, key, text)], mentions=n)
        for (kind, key, text), n in sorted(counts.items())
    ]
    facts.positions = [_position(analysis, o) for o in analysis.officials]
    return facts


def _add_regions(analysis: Analysis, counts: Counter[tuple[str, str, str]], add: Add) -> None:
    """Regions the article is about link even where no LOC span names them (inside an ORG)."""
    linked = {key for kind, key, _ in counts if kind == "location"}
    for region in analysis.regions:
        name, code = region.get("name") or "", region.get("code")
        key = location_key(code, name)
        if key not in linked and name:
            add("location", key, name, name, code)
            linked.add(key)


def _position(analysis: Analysis, official: Official) -> PositionFact:
    institution = official.institution
    if institution:  # the canonical name where organization normalisation knows it
        for org in analysis.organizations:
            if norm(org.name) == norm(institution):
                institution = org.canonical
                break
    return PositionFact(
        person_key(official.name), official.position, institution, official.region,
        official.region_code, official.evidence, official.former,
    )  # fmt: skip


def _span(org: object) -> tuple[int | None, int | None]:
    """Organizations carry start/end as extra fields of the extraction contract."""
    return getattr(org, "start", None), getattr(org, "end", None)
