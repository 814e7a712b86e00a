"""``pantau keys``: create, list and revoke API keys (stored hashed; tokens shown once)."""

from __future__ import annotations

import json

import click

from api.keys import SCOPES, KeyStore


def _keys() -> KeyStore:
    from pantau.cli import _open_store, _settings

    settings = _settings()
    store = _open_store(settings)
    try:
        return KeyStore.open(settings, store)
    finally:
        store.close()


@click.group()
def keys() -> None:
    """API keys for PANTAU_API_AUTH=on (scopes: read, subscribe, admin)."""


@keys.command("create")
@click.option("--name", required=True, help="Who or what uses the key.")
@click.option(
    "--scope", "scopes", multiple=True, required=True, type=click.Choice(SCOPES),
    help="read, subscribe or admin (repeatable; admin implies all).",
)  # fmt: skip
@click.option("--rate", type=click.IntRange(1), default=None, help="Own requests per minute.")
def create(name: str, scopes: tuple[str, ...], rate: int | None) -> None:
    """Create a key and print its token once (Pantau keeps only a hash)."""
    store = _keys()
    try:
        key, token = store.create(name, list(scopes), rate)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
    click.echo(f"created key {key.id} ({' '.join(key.scopes)}) for {key.name}", err=True)
    click.echo("the token is shown only now; store it safely:", err=True)
    click.echo(token)


@keys.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_keys(as_json: bool) -> None:
    """Every key with its scopes and last use (never the tokens)."""
    store = _keys()
    items = store.all()
    store.close()
    for key in items:
        if as_json:
            click.echo(json.dumps(key.public()))
            continue
        state = f"revoked {key.revoked_at}" if key.revoked_at else "active"
        click.echo(
            f"{key.id}  {' '.join(key.scopes):22} {key.name:24} created {key.created_at}  "
            f"last used {key.last_used_at or '-'}  {state}"
        )


@keys.command("revoke")
@click.argument("key_id")
def revoke(key_id: str) -> None:
    """Revoke a key by its id (the part after pk_); it stops working at once."""
    store = _keys()
    key = store.revoke(key_id)
    store.close()
    if key is None:
        raise click.ClickException(f"no API key with id {key_id!r}; see `pantau keys list`")
    click.echo(f"revoked {key.id} ({key.name})")
