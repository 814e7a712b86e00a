"""The ``store`` fixture: every contract test runs once per backend.

SQLite always runs. OpenSearch and Elasticsearch run when tests/engines can boot real nodes
(java and mvn present); see tests/engines/fixtures.py and README "Running the tests".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from store.base import Store
from store.sqlite import SQLiteStore

try:
    from tests.engines.fixtures import engine_store_factories
except ImportError:  # the engine harness is optional outside CI

    def engine_store_factories() -> dict[str, Callable[[pytest.FixtureRequest], Store]]:
        return {}


ENGINES = engine_store_factories()


@pytest.fixture(params=["sqlite", *ENGINES])
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        s: Store = SQLiteStore(tmp_path / "pantau.db")
    else:
        s = ENGINES[request.param](request)
    yield s
    s.close()
