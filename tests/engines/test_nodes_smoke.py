import json
import urllib.request

import pytest

pytestmark = pytest.mark.engines


def test_opensearch_node_has_modules(opensearch_url: str) -> None:
    with urllib.request.urlopen(f"{opensearch_url}/_cat/plugins?format=json") as resp:
        components = {p["component"] for p in json.loads(resp.read())}
    assert "org.opensearch.percolator.PercolatorPlugin" in components
