"""Organizations: gazetteer, canonical names (acronym <-> expansion, region suffix), finder."""

from __future__ import annotations

from nlp.orgs.finder import find_organizations
from nlp.orgs.normalize import normalize_organization

__all__ = ["find_organizations", "normalize_organization"]
