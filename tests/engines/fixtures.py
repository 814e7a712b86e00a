"""pytest fixtures for real search nodes: ``opensearch_url`` / ``elasticsearch_url`` (one node per
engine per test session) and store factories for the shared contract suite in tests/store/.

Outside CI a missing java or mvn skips the engine tests with a hint on enabling them; with
``CI=true`` a missing engine fails the run. Nodes are cached at module level, so conftests that
import these fixtures in several folders still share one node per engine.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterator

import pytest

from store.base import Store
from tests.engines.nodes import ELASTICSEARCH, OPENSEARCH, Engine, EngineUnavailable, SearchNode

log = logging.getLogger(__name__)

_NODES: dict[str, SearchNode] = {}
_FAILED: dict[str, str] = {}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def node_url(engine: Engine) -> str:
    """Start the engine's session node once (or reuse it); skip or fail when it cannot run."""
    if engine.name in _NODES:
        return _NODES[engine.name].url
    if engine.name not in _FAILED:
        try:
            _NODES[engine.name] = SearchNode(engine).start()
            return _NODES[engine.name].url
        except EngineUnavailable as exc:
            _FAILED[engine.name] = f"skip:{exc}"
        except Exception as exc:
            _FAILED[engine.name] = f"fail:{engine.name} node did not start: {exc}"
    kind, _, reason = _FAILED[engine.name].partition(":")
    if kind == "skip" and not in_ci():
        pytest.skip(f"{engine.name} tests skipped: {reason}")
    pytest.fail(reason if kind == "fail" else f"{engine.name} is required in CI: {reason}")


def stop_nodes() -> None:
    for name in list(_NODES):
        _NODES.pop(name).stop()


@pytest.fixture(scope="session")
def opensearch_url() -> Iterator[str]:
    yield node_url(OPENSEARCH)
    stop_nodes()


@pytest.fixture(scope="session")
def elasticsearch_url() -> Iterator[str]:
    yield node_url(ELASTICSEARCH)
    stop_nodes()


def _url_fixture(request: pytest.FixtureRequest, engine: Engine) -> str:
    try:
        return str(request.getfixturevalue(f"{engine.name}_url"))
    except pytest.FixtureLookupError:
        # The caller's conftest did not import the url fixtures: use the shared cache directly.
        request.session.config.add_cleanup(stop_nodes)
        return node_url(engine)


def make_engine_store(request: pytest.FixtureRequest, engine: Engine) -> Store:
    """A fresh store on the engine's session node with a unique index prefix, dropped after."""
    from store.search import SearchEngineStore, parse_url
    from store.search.bulk import RetryPolicy
    from store.search.clients import make_client
    from store.search.indices import Indices

    base = _url_fixture(request, engine).replace("http://", f"{engine.name}://", 1)
    prefix = f"t{uuid.uuid4().hex[:10]}-"
    # Single node: no replicas; every write visible at once, as on SQLite.
    config = parse_url(f"{base}?prefix={prefix}&replicas=0&refresh=true")

    def _drop() -> None:  # a fresh client: the test may have closed the store already
        client = make_client(config.engine, config.connection)
        try:
            Indices(client, config, RetryPolicy()).drop_all()
        finally:
            client.close()

    request.addfinalizer(_drop)
    return SearchEngineStore(config)


def engine_store_factories() -> dict[str, Callable[[pytest.FixtureRequest], Store]]:
    """Factories for tests/store/conftest.py: backend name -> fresh SearchEngineStore."""
    return {
        "opensearch": lambda request: make_engine_store(request, OPENSEARCH),
        "elasticsearch": lambda request: make_engine_store(request, ELASTICSEARCH),
    }


engine_store_params = [
    pytest.param(name, id=name, marks=pytest.mark.engines) for name in engine_store_factories()
]
"""Parameters for a ``store`` fixture: ``factory = engine_store_factories()[request.param]``."""
