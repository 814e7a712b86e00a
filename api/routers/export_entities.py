"""/api/v1/export/{entities,officials,violations,quotes}: the entities package's lists as NDJSON.

Same line protocol as the article export (api/routers/export.py): one ``{"entity"|"official"
|"violation"|"quote": {…}}`` line per item, a ``{"next_cursor": …}`` checkpoint after every
page and a final ``{"next_cursor", "complete", "count"}`` line; resume with ``cursor``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from api.routers.export import NDJSON, line
from entities.deps import DayRange, get_entities, query
from entities.listing import EntityFilter, list_entities
from entities.models import EntityType
from entities.officials import OfficialFilter, list_officials
from entities.quotes import QuoteFilter, list_quotes
from entities.service import EntityService
from entities.violations import ViolationFilter, list_violations

router = APIRouter(prefix="/api/v1/export", tags=["export"])
Entities = Annotated[EntityService, Depends(get_entities)]
Cursor = Annotated[str | None, Query(max_length=500, description="Resume after a checkpoint")]
Regions = Annotated[list[str], Query(description="Region name or Kemendagri code")]
PAGE = 100  # the entities package pages at most 100 rows
Fetch = Callable[[str | None], tuple[list[Any], str | None]]


def _stream(name: str, fetch: Fetch, first: tuple[list[Any], str | None]) -> Iterator[bytes]:
    (items, cursor), count = first, 0
    while True:
        for item in items:
            assert isinstance(item, BaseModel)
            yield line({name: item.model_dump(mode="json")})
        count += len(items)
        if cursor is None or not items:
            yield line({"next_cursor": None, "complete": True, "count": count})
            return
        yield line({"next_cursor": cursor})
        items, cursor = fetch(cursor)


def _response(name: str, service: EntityService, run: Callable[..., Any],
              cursor: str | None) -> StreamingResponse:  # fmt: skip
    def fetch(after: str | None) -> tuple[list[Any], str | None]:
        result: tuple[list[Any], str | None] = query(service, lambda conn: run(conn, after))
        return result

    first = fetch(cursor)  # bad filters and cursors are still a 4xx
    return StreamingResponse(_stream(name, fetch, first), media_type=NDJSON,
                             headers={"Cache-Control": "no-store"})  # fmt: skip


NDJSON_DOC: dict[int | str, dict[str, Any]] = {
    200: {"content": {NDJSON: {}}, "description": "One JSON object per line"}
}


@router.get("/entities", summary="Export entities as NDJSON", response_class=StreamingResponse,
            responses=NDJSON_DOC)  # fmt: skip
def export_entities(
    entities: Entities, days: Annotated[DayRange, Depends()], type: EntityType | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None, region: Regions = [],  # noqa: B006
    cursor: Cursor = None,
) -> StreamingResponse:  # fmt: skip
    f = EntityFilter(type=type, q=q, regions=region, date_from=days.date_from,
                     date_to=days.date_to)  # fmt: skip
    run = lambda conn, c: list_entities(conn, f, size=PAGE, cursor=c)  # noqa: E731
    return _response("entity", entities, run, cursor)


@router.get("/officials", summary="Export officials as NDJSON", response_class=StreamingResponse,
            responses=NDJSON_DOC)  # fmt: skip
def export_officials(
    entities: Entities, days: Annotated[DayRange, Depends()],
    institution: Annotated[str | None, Query(max_length=200)] = None,
    position: Annotated[str | None, Query(max_length=100)] = None, region: Regions = [],  # noqa: B006
    name: Annotated[str | None, Query(max_length=200)] = None, cursor: Cursor = None,
) -> StreamingResponse:  # fmt: skip
    f = OfficialFilter(institution=institution, position=position, regions=region, name=name,
                       date_from=days.date_from, date_to=days.date_to)  # fmt: skip
    run = lambda conn, c: list_officials(conn, f, size=PAGE, cursor=c)  # noqa: E731
    return _response("official", entities, run, cursor)


@router.get("/violations", summary="Export violations as NDJSON", response_class=StreamingResponse,
            responses=NDJSON_DOC)  # fmt: skip
def export_violations(
    entities: Entities, days: Annotated[DayRange, Depends()],
    category: Annotated[list[str], Query()] = [],  # noqa: B006
    status: Annotated[list[str], Query()] = [],  # noqa: B006
    region: Regions = [],  # noqa: B006
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None, cursor: Cursor = None,
) -> StreamingResponse:  # fmt: skip
    f = ViolationFilter(categories=category, statuses=status, regions=region,
                        date_from=days.date_from, date_to=days.date_to,
                        min_confidence=min_confidence)  # fmt: skip
    run = lambda conn, c: list_violations(conn, f, size=PAGE, cursor=c)  # noqa: E731
    return _response("violation", entities, run, cursor)


@router.get("/quotes", summary="Export statements as NDJSON", response_class=StreamingResponse,
            responses=NDJSON_DOC)  # fmt: skip
def export_quotes(
    entities: Entities, days: Annotated[DayRange, Depends()],
    speaker: Annotated[str | None, Query(max_length=200)] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
    q: Annotated[str | None, Query(max_length=500)] = None, region: Regions = [],  # noqa: B006
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None, cursor: Cursor = None,
) -> StreamingResponse:  # fmt: skip
    f = QuoteFilter(speaker=speaker, entity=entity, q=q, regions=region, date_from=days.date_from,
                    date_to=days.date_to, min_confidence=min_confidence)  # fmt: skip
    run = lambda conn, c: list_quotes(conn, f, size=PAGE, cursor=c)  # noqa: E731
    return _response("quote", entities, run, cursor)
