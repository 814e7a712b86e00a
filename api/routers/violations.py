"""/api/v1/violations: every reported possible violation with its article."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from entities.deps import DayRange, get_entities, query
from entities.models import ViolationList
from entities.service import EntityService
from entities.violations import ViolationFilter, list_violations

router = APIRouter(prefix="/api/v1/violations", tags=["violations"])


@router.get("", response_model=ViolationList, summary="List reported violations")
def search_violations(
    entities: Annotated[EntityService, Depends(get_entities)],
    days: Annotated[DayRange, Depends()],
    category: Annotated[list[str], Query(description="Category slug (repeatable)")] = [],  # noqa: B006
    status: Annotated[list[str], Query(description="Status slug (repeatable)")] = [],  # noqa: B006
    region: Annotated[list[str], Query(description="Region name or Kemendagri code")] = [],  # noqa: B006
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> ViolationList:
    """Newest first. The region is the article's (its source or dateline, else the first
    region it names); a province code includes its kabupaten/kota."""
    f = ViolationFilter(
        categories=category, statuses=status, regions=region, date_from=days.date_from,
        date_to=days.date_to, min_confidence=min_confidence,
    )  # fmt: skip
    items, token = query(entities, lambda conn: list_violations(conn, f, size=size, cursor=cursor))
    return ViolationList(items=items, next_cursor=token)
