"""``pantau run``: the web app in the foreground, crawl and analysis on a schedule behind it.

Crawls run as child processes (``pantau crawl --all``): Twisted's reactor cannot restart in
one process, and a crawl that crashes must not take the API down. Analysis runs in a
thread of this process with one loaded pipeline.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time

import uvicorn

from api.app import create_app
from pantau.settings import Settings
from store.base import Store

log = logging.getLogger(__name__)

CRAWL_TIMEOUT_SECONDS = 60 * 60


class Runner:
    def __init__(self, settings: Settings, store: Store) -> None:
        self.settings = settings
        self.store = store
        self.stop = threading.Event()
        from alerts.service import AlertService

        self.alerts = AlertService.open(settings, store)
        from entities.service import EntityService

        self.entities = EntityService.open(settings, store)
        self.next_crawl = time.monotonic() if settings.crawl_on_start else self._after_interval()

    def _after_interval(self) -> float:
        return time.monotonic() + self.settings.crawl_interval_minutes * 60

    def prepare(self) -> None:
        """First start on an empty store: load the bundled examples so the site shows data."""
        if self.settings.load_examples and self.store.count() == 0:
            from pantau.demo import load_examples

            log.info("empty store: loading %d example articles", load_examples(self.store))

    def crawl_once(self) -> int:
        cmd = [sys.executable, "-m", "pantau", "crawl", "--all"]
        log.info("starting scheduled crawl: %s", " ".join(cmd))
        try:
            done = subprocess.run(
                cmd, env=os.environ.copy(), timeout=CRAWL_TIMEOUT_SECONDS,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            log.error("crawl did not finish within %d s and was stopped", CRAWL_TIMEOUT_SECONDS)
            return -1
        if done.returncode != 0:
            tail = done.stderr.strip().splitlines()[-3:]
            log.error("crawl exited with %d: %s", done.returncode, " | ".join(tail))
        else:
            log.info("crawl finished; per-source results are in /healthz")
        return done.returncode

    def background(self) -> None:
        from entities.linker import chain_hooks
        from nlp.extract import Extractor
        from pantau.analyze import analyze_pending

        extractor = Extractor(
            model=self.settings.model, keywords_file=self.settings.resolved_keywords_file
        )
        while not self.stop.is_set():
            try:
                self.alerts.catch_up()
                after = chain_hooks(self.alerts.hook, self.entities.hook)
                counts = analyze_pending(self.store, extractor, after=after)
                if counts.analyzed or counts.failed:
                    log.info("analyzed %d articles (%d failed)", counts.analyzed, counts.failed)
                if time.monotonic() >= self.next_crawl:
                    self.next_crawl = self._after_interval()
                    self.crawl_once()
                    continue  # analyze what the crawl brought at once
            except Exception:
                log.exception("scheduler pass failed; retrying at the next interval")
            self.stop.wait(self.settings.analyze_interval_seconds)

    def run_forever(self) -> None:
        self.prepare()
        worker = threading.Thread(target=self.background, name="pantau-scheduler", daemon=True)
        worker.start()
        delivery = threading.Thread(
            target=self.alerts.worker.run, args=(self.stop,), name="pantau-alerts", daemon=True
        )
        delivery.start()
        app = create_app(self.settings, self.store)
        app.state.alerts = self.alerts
        app.state.entities = self.entities
        log.info("Pantau at http://%s:%d/", self.settings.host, self.settings.port)
        try:
            uvicorn.run(
                app,
                host=self.settings.host,
                port=self.settings.port,
                log_level="info",
                access_log=False,  # api.app logs each request with its request id
            )
        finally:
            self.stop.set()
            self.alerts.worker.wake.set()
            worker.join(timeout=10)
            delivery.join(timeout=10)
