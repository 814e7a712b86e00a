"""``pantau alerts``: run the delivery worker, inspect the outbox."""

from __future__ import annotations

import json
import logging
import signal
import threading
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from alerts.service import AlertService

log = logging.getLogger(__name__)


@click.group()
def alerts() -> None:
    """Alert subscriptions: deliver queued alerts, show outbox counts."""


def _service() -> AlertService:
    from alerts.service import AlertService
    from pantau.cli import _open_store, _settings, _setup_logging

    settings = _settings()
    _setup_logging(settings.log_level)
    return AlertService.open(settings, _open_store(settings))


@alerts.command()
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit.")
def deliver(once: bool) -> None:
    """Send queued alerts (webhooks, e-mail) until stopped; digests close on schedule."""
    service = _service()
    service.catch_up()
    if once:
        counters = service.worker.run_once()
        service.close()
        click.echo(json.dumps(dict(sorted(counters.items()))))
        return
    stop = threading.Event()

    def _stop(signum: int, _frame: object) -> None:
        log.info("signal %d: stopping the delivery worker", signum)
        stop.set()
        service.worker.wake.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    catch_up = threading.Thread(target=_catch_up_loop, args=(service, stop), daemon=True)
    catch_up.start()
    service.worker.run(stop)
    service.db.close()


def _catch_up_loop(service: AlertService, stop: threading.Event) -> None:
    """Match what `pantau analyze` (another process) left unmatched by a crash."""
    while not stop.wait(60):
        try:
            service.catch_up()
        except Exception:
            log.exception("alerts catch-up failed; retrying in a minute")


@alerts.command()
def stats() -> None:
    """Outbox counts by status (pending, delivered, failed, dead, cancelled)."""
    service = _service()
    click.echo(json.dumps(service.outbox.stats(), sort_keys=True))
    service.close()
