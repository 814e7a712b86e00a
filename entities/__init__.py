"""Entities linked across articles: canonical ids, aliases, official profiles, overrides.

Every analyzed article's extraction (persons, officials, organizations, regions, violations)
is linked to canonical entities by normalised alias keys; analysts correct the linking with
merges and splits, stored as overrides that every (re-)link applies. See docs/entities.md.
"""
