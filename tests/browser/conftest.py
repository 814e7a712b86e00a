"""A live Pantau on 127.0.0.1 (uvicorn in a thread, temp store with the analysed example
articles) and Debian's Chromium driven by Playwright. Screenshots go to test-artifacts/.

Chromium comes from apt (`make browser`), never from `playwright install`. Without it the
browser tests skip with a message, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.app import create_app
from entities.service import EntityService
from nlp.extract import Extractor
from pantau.analyze import analyze_pending
from pantau.demo import load_examples
from pantau.settings import Settings
from store.sqlite import SQLiteStore
from tests.conftest import REPO, in_ci

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"


def _need(condition: bool, message: str) -> None:
    if not condition:
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a real uvicorn serving a temp store with the examples, analysed."""
    data = tmp_path_factory.mktemp("browser")
    store = SQLiteStore(data / "pantau.db")
    load_examples(store)
    analyze_pending(store, Extractor(model="none"))
    settings = Settings(data_dir=data, model="none")
    app = create_app(settings, store)
    app.state.entities = EntityService.open(settings, store)
    app.state.entities.rebuild()  # link entities across the analysed examples
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start on 127.0.0.1")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    app.state.entities.close()
    store.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _need(
        Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
        f"Chromium not found at {CHROMIUM}; run `make browser` (apt-get install chromium)",
    )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "playwright is not installed; run `make setup` (the dev extra)")
        raise
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server, locale="id-ID",
                                  viewport={"width": 1280, "height": 900})  # fmt: skip
    context.set_default_timeout(10_000)
    pg = context.new_page()
    yield pg
    context.close()


def shot(page: Any, name: str) -> Path:
    """Save a full-page screenshot as a test artifact."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
