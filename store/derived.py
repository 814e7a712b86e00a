"""Filterable and facetable values derived from an article and its analysis.

Both backends index the same derived values, so a filter or facet means the same thing on
SQLite and on a search engine.
"""

from __future__ import annotations

import re

from store.records import Analysis, Article

_SPACES = re.compile(r"\s+")

KIND_BY_LABEL = {"PER": "person", "ORG": "organization", "LOC": "location"}

EntityRow = tuple[str, str, str, str | None]  # kind, value, norm, code
RegionRow = tuple[str, str, str | None]  # name, norm, code
ViolationRow = tuple[str, str, float, str]  # category, status, confidence, evidence


def norm(value: str) -> str:
    """Case- and spacing-insensitive key for entity and region values."""
    return _SPACES.sub(" ", value).strip().lower()


def derived_rows(
    article: Article, analysis: Analysis | None
) -> tuple[list[EntityRow], list[RegionRow], list[ViolationRow]]:
    entities: dict[tuple[str, str], EntityRow] = {}
    regions: dict[str, RegionRow] = {}
    violations: dict[str, ViolationRow] = {}

    def add_region(name: str | None, code: str | None) -> None:
        if name and norm(name) not in regions:
            regions[norm(name)] = (name, norm(name), code)

    add_region(article.region, article.region_code)
    if analysis is None:
        return [], list(regions.values()), []
    for mention in analysis.entities:
        kind = KIND_BY_LABEL.get(mention.label)
        if kind and mention.text.strip():
            entities.setdefault(
                (kind, norm(mention.text)), (kind, mention.text, norm(mention.text), mention.code)
            )
    for org in analysis.organizations:
        key = ("organization", norm(org.canonical))
        entities.setdefault(key, ("organization", org.canonical, norm(org.canonical), None))
    for official in analysis.officials:
        entities.setdefault(
            ("official", norm(official.name)),
            ("official", official.name, norm(official.name), None),
        )
        entities.setdefault(
            ("person", norm(official.name)), ("person", official.name, norm(official.name), None)
        )
    for region in analysis.regions:
        add_region(region.get("name"), region.get("code"))
    for v in analysis.violations:
        current = violations.get(v.category)
        if current is None or v.confidence > current[2]:
            violations[v.category] = (v.category, v.status, v.confidence, v.evidence)
    return list(entities.values()), list(regions.values()), list(violations.values())
