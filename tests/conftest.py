"""Session-wide test helpers: where the shared data is, and whether we run in CI."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# The rule layers are tested on their own: the learned officials and violation models decide
# only in the tests that ask for them (tests/nlp/test_learned_*.py), so a retrained model
# never changes what the rule tests expect. Child processes inherit these.
os.environ.setdefault("PANTAU_OFFICIALS_MODEL", "none")
os.environ.setdefault("PANTAU_VIOLATION_MODEL", "none")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def shared_data_dir() -> Path:
    return Path(os.environ.get("PANTAU_SHARED_DATA") or REPO.parent / "shared" / "data")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (or PANTAU_SHARED_DATA); skipped when absent, except in CI."""
    path = shared_data_dir()
    if not path.is_dir():
        message = f"shared data not found at {path}; set PANTAU_SHARED_DATA to run this test"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return path
