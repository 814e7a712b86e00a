"""``pantau entities``: re-link every analyzed article to canonical entities."""

from __future__ import annotations

import json
import logging

import click

log = logging.getLogger(__name__)


@click.group()
def entities() -> None:
    """Entities linked across articles: officials, organizations, persons, regions."""


@entities.command()
def rebuild() -> None:
    """Re-link every analyzed article (merges and splits are applied again, never lost)."""
    from entities.service import EntityService
    from pantau.cli import _open_store, _settings, _setup_logging

    settings = _settings()
    _setup_logging(settings.log_level)
    service = EntityService.open(settings, _open_store(settings))
    try:
        linked = service.rebuild(progress=True)
    finally:
        service.close()
    click.echo(json.dumps({"linked": linked}))
