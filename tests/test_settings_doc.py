"""The README's settings table names every setting, and nothing else."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from pantau.settings import Settings
from tests.conftest import REPO


def test_readme_settings_table_is_complete() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(PANTAU_[A-Z_]+)` \|", readme, flags=re.MULTILINE))
    expected = {f"PANTAU_{name.upper()}" for name in Settings.model_fields}
    assert documented == expected


def test_env_example_lists_every_setting() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?\s*(PANTAU_[A-Z_]+)=", example, flags=re.MULTILINE))
    assert listed == {f"PANTAU_{name.upper()}" for name in Settings.model_fields}


def test_invalid_settings_fail_with_the_variable_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_PORT", "99999")
    with pytest.raises(ValidationError, match="port"):
        Settings()


def test_production_refuses_the_placeholder_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_ENVIRONMENT", "production")
    with pytest.raises(ValidationError, match="PANTAU_SECRET_KEY"):
        Settings()
    monkeypatch.setenv("PANTAU_SECRET_KEY", "a-real-random-value")
    assert Settings().environment == "production"


def test_user_agent_needs_a_contact_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PANTAU_USER_AGENT", "PantauBot")
    with pytest.raises(ValidationError, match="contact URL"):
        Settings()
