"""/api/v1/entities: entities linked across articles; analysts merge and split them.

Merge and split add no auth dependency of their own: the app-wide key check (api/auth.py)
asks for the admin scope on non-GET /api/v1 routes when PANTAU_API_AUTH=on; with auth off
(the default) they are open.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from entities.deps import DayRange, get_entities, query
from entities.listing import EntityFilter, list_entities
from entities.models import EntityList, EntityMerge, EntityPublic, EntitySplit, EntityType
from entities.overrides import OverrideError
from entities.profile import entity_profile
from entities.service import EntityService

router = APIRouter(prefix="/api/v1/entities", tags=["entities"])
Entities = Annotated[EntityService, Depends(get_entities)]


@router.get("", response_model=EntityList, summary="List entities with mention counts")
def search_entities(
    entities: Entities,
    days: Annotated[DayRange, Depends()],
    type: EntityType | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Name contains")] = None,
    region: Annotated[list[str], Query(description="Region name or Kemendagri code")] = [],  # noqa: B006
    size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> EntityList:
    """Most-reported first. Counts cover the date range; ``type=person`` includes officials."""
    f = EntityFilter(type=type, q=q, regions=region, date_from=days.date_from,
                     date_to=days.date_to)  # fmt: skip
    items, token = query(entities, lambda conn: list_entities(conn, f, size=size, cursor=cursor))
    return EntityList(items=items, next_cursor=token)


@router.get("/{entity_id}", response_model=EntityPublic, summary="One entity's profile")
def get_entity(
    entity_id: str, entities: Entities, interval: Literal["day", "week"] = "day"
) -> EntityPublic:
    """Aliases, mention timeline (WIB days or ISO weeks), co-occurring entities, related
    violations and, for officials, the positions held. A merged id answers with the entity
    it was merged into."""
    profile = query(entities, lambda conn: entity_profile(conn, entity_id, interval=interval))
    if profile is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return profile


@router.post("/{entity_id}/merge", response_model=EntityPublic, summary="Merge another entity")
def merge_entity(entity_id: str, body: EntityMerge, entities: Entities) -> EntityPublic:
    """Merge ``other_id`` into this entity: its aliases resolve here, now and after any
    re-analysis."""
    try:
        kept = entities.merge(entity_id, body.other_id)
    except OverrideError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    return get_entity(kept, entities)


@router.post(
    "/{entity_id}/split", response_model=EntityPublic, status_code=201,
    summary="Split an alias off into a new entity",
)  # fmt: skip
def split_entity(entity_id: str, body: EntitySplit, entities: Entities) -> EntityPublic:
    """Move one alias (a surface form or its key) to a new entity, which is returned; the
    split holds after any re-analysis."""
    try:
        new_id = entities.split(entity_id, body.alias)
    except OverrideError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    return get_entity(new_id, entities)
