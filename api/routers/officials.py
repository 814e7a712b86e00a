"""/api/v1/officials: officials with each position held, first/last seen and evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from entities.deps import DayRange, get_entities, query
from entities.models import OfficialList
from entities.officials import OfficialFilter, list_officials
from entities.service import EntityService

router = APIRouter(prefix="/api/v1/officials", tags=["officials"])


@router.get("", response_model=OfficialList, summary="List officials and positions held")
def search_officials(
    entities: Annotated[EntityService, Depends(get_entities)],
    days: Annotated[DayRange, Depends()],
    institution: Annotated[str | None, Query(max_length=200, description="Contains")] = None,
    position: Annotated[str | None, Query(max_length=100, description="Equals, e.g. Ketua")] = None,
    region: Annotated[list[str], Query(description="Region name or Kemendagri code")] = [],  # noqa: B006
    name: Annotated[str | None, Query(max_length=200, description="Name contains")] = None,
    size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> OfficialList:
    """Officials with at least one position matching every filter, by name; each lists all
    the positions they were seen in."""
    f = OfficialFilter(
        institution=institution, position=position, regions=region, name=name,
        date_from=days.date_from, date_to=days.date_to,
    )  # fmt: skip
    items, token = query(entities, lambda conn: list_officials(conn, f, size=size, cursor=cursor))
    return OfficialList(items=items, next_cursor=token)
