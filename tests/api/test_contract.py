"""Property-based contract checks: schemathesis generates requests from the app's own OpenAPI
document and sends them through the real app (ASGI) on a temp store loaded with articles. No
request, however odd, may make the API answer 5xx.

Bounded: a dozen examples per operation, derandomized, keep the run well under a minute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from pantau.settings import Settings
from store.sqlite import SQLiteStore

MAX_EXAMPLES = 12


def _spec() -> dict[str, Any]:
    """The OpenAPI document (building it never touches the store)."""
    with SQLiteStore(":memory:") as store:
        return create_app(Settings(), store).openapi()


schema = schemathesis.openapi.from_dict(_spec())


@pytest.fixture
def app(loaded_store: SQLiteStore, tmp_path: Path) -> Any:
    return create_app(Settings(data_dir=tmp_path, model="none"), loaded_store)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_request_makes_the_api_fail(case: schemathesis.Case, app: Any) -> None:
    response = case.call(app=app)
    case.validate_response(response, checks=[not_a_server_error])
