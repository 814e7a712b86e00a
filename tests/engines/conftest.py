"""Fixtures for the engine tests: real OpenSearch / Elasticsearch nodes (see fixtures.py)."""

from tests.engines.fixtures import elasticsearch_url, opensearch_url

__all__ = ["elasticsearch_url", "opensearch_url"]
