"""docker-compose.yml: the production shape is well-formed (docker compose config where the
CLI plugin exists; a structural check everywhere)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import REPO


def load() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text(encoding="utf-8"))


def test_services_have_healthchecks_and_wait_for_a_healthy_engine() -> None:
    compose = load()
    services = compose["services"]
    assert {"elasticsearch", "opensearch", "api", "runner"} <= set(services)
    assert services["opensearch"]["profiles"] == ["opensearch"]
    for engine in ("elasticsearch", "opensearch"):
        assert services[engine]["healthcheck"]["test"]
    for app in ("api", "runner"):
        assert services[app]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
        assert "PANTAU_STORE_URL" in services[app]["environment"]
    assert (REPO / "Dockerfile").is_file()


def test_docker_compose_config_accepts_the_file() -> None:
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run([docker, "compose", "version"], capture_output=True).returncode
    ):
        pytest.skip(
            "the docker compose CLI plugin is not installed; the structural test above still ran"
        )
    env = {**os.environ, "ELASTIC_PASSWORD": "test-only", "PANTAU_SECRET_KEY": "test-only"}
    done = subprocess.run(
        [docker, "compose", "-f", str(REPO / "docker-compose.yml"), "config", "--quiet"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
