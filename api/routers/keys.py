"""/api/v1/keys: create, list and revoke API keys (the ``admin`` scope when auth is on)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from api.auth import get_keys
from api.keys import KeyStore

router = APIRouter(prefix="/api/v1/keys", tags=["keys"])

Scope = Literal["read", "subscribe", "admin"]


class KeyCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="Who or what uses the key")
    scopes: list[Scope] = Field(min_length=1, max_length=3, description="read, subscribe, admin")
    rate_per_minute: int | None = Field(
        None, ge=1, le=1_000_000, description="Own limit (default: PANTAU_API_RATE_PER_MINUTE)"
    )


class KeyPublic(BaseModel):
    id: str
    name: str
    scopes: list[str]
    rate_per_minute: int | None
    created_at: str
    last_used_at: str | None
    revoked: bool
    revoked_at: str | None


class KeyCreated(KeyPublic):
    token: str = Field(description="pk_<id>_<secret>: shown only in this response; store it")


class KeyList(BaseModel):
    items: list[KeyPublic]


Keys = Annotated[KeyStore, Depends(get_keys)]


@router.post("", status_code=201, response_model=KeyCreated, summary="Create an API key")
def create_key(body: KeyCreate, keys: Keys) -> KeyCreated:
    """The response holds the token; Pantau keeps only its hash, so it cannot be shown again."""
    if not body.name.strip():
        raise HTTPException(422, "name: give the key a name that says who or what uses it")
    key, token = keys.create(body.name, list(body.scopes), body.rate_per_minute)
    return KeyCreated(**key.public(), token=token)


@router.get("", response_model=KeyList, summary="List API keys (never their tokens)")
def list_keys(keys: Keys) -> KeyList:
    return KeyList(items=[KeyPublic(**k.public()) for k in keys.all()])


@router.delete("/{key_id}", response_model=KeyPublic, summary="Revoke an API key")
def revoke_key(key_id: str, keys: Keys) -> KeyPublic:
    """Revoked keys stop working at once; revoking twice is harmless."""
    key = keys.revoke(key_id) if len(key_id) <= 64 else None
    if key is None:
        raise HTTPException(404, f"no API key with id {key_id!r}")
    return KeyPublic(**key.public())
