"""/api/v1/quotes: reported statements (who said what), filtered and paged."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from entities.deps import DayRange, get_entities, query
from entities.models import QuoteList
from entities.quotes import QuoteFilter, list_quotes
from entities.service import EntityService

router = APIRouter(prefix="/api/v1/quotes", tags=["quotes"])


@router.get("", response_model=QuoteList, summary="List reported statements")
def search_quotes(
    entities: Annotated[EntityService, Depends(get_entities)],
    days: Annotated[DayRange, Depends()],
    speaker: Annotated[
        str | None, Query(max_length=200, description="Words of the speaker's name")
    ] = None,
    entity: Annotated[str | None, Query(max_length=200, description="Speaker's entity id")] = None,
    q: Annotated[str | None, Query(max_length=500, description="Words in the statement")] = None,
    region: Annotated[list[str], Query(description="Region name or Kemendagri code")] = [],  # noqa: B006
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    size: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> QuoteList:
    """Newest first. ``speaker`` matches words of the speaker's name; ``entity`` the canonical
    person (aliases and analyst merges included); the region is the article's."""
    f = QuoteFilter(
        speaker=speaker, entity=entity, q=q, regions=region, date_from=days.date_from,
        date_to=days.date_to, min_confidence=min_confidence,
    )  # fmt: skip
    items, token = query(entities, lambda conn: list_quotes(conn, f, size=size, cursor=cursor))
    return QuoteList(items=items, next_cursor=token)
