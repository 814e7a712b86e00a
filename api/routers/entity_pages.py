"""/entitas and /pejabat: entity and official pages, built on the entities package (the same
queries as /api/v1/entities and /api/v1/officials)."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from api.templating import templates
from entities.deps import DayRange, get_entities, query
from entities.listing import EntityFilter, list_entities
from entities.officials import OfficialFilter, list_officials
from entities.profile import entity_profile
from entities.service import EntityService

router = APIRouter(include_in_schema=False)
Entities = Annotated[EntityService, Depends(get_entities)]
Text = Annotated[str | None, Query(max_length=200)]
Cursor = Annotated[str | None, Query(max_length=500)]
TYPE_LABELS = {"person": "Tokoh", "official": "Pejabat", "organization": "Organisasi",
               "location": "Wilayah"}  # fmt: skip


def next_url(request: Request, cursor: str | None) -> str | None:
    if not cursor:
        return None
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    return f"{request.url.path}?{urlencode([*items, ('cursor', cursor)])}"


@router.get("/entitas", response_class=HTMLResponse)
def entities_page(
    request: Request, entities: Entities, days: Annotated[DayRange, Depends()],
    q: Text = None, type: Literal["person", "official", "organization", "location"] | None = None,
    cursor: Cursor = None,
) -> HTMLResponse:  # fmt: skip
    f = EntityFilter(type=type, q=q, date_from=days.date_from, date_to=days.date_to)
    items, token = query(entities, lambda conn: list_entities(conn, f, size=50, cursor=cursor))
    return templates.TemplateResponse(
        request, "entities.html",
        {"items": items, "q": q or "", "type": type, "types": TYPE_LABELS,
         "next_url": next_url(request, token)},
    )  # fmt: skip


@router.get("/entitas/{entity_id}", response_class=HTMLResponse)
def entity_page(
    request: Request, entity_id: str, entities: Entities,
    interval: Literal["day", "week"] = "week",
) -> HTMLResponse:  # fmt: skip
    profile = (
        query(entities, lambda conn: entity_profile(conn, entity_id, interval=interval))
        if len(entity_id) <= 100
        else None
    )
    if profile is None:
        raise HTTPException(404, "entitas tidak ditemukan")
    peak = max((p.mentions for p in profile.timeline), default=0)
    search_key = {"person": "person", "official": "person", "organization": "organization"}
    search_url = "/?" + urlencode([(search_key.get(profile.type, "entity"), profile.name)])
    return templates.TemplateResponse(
        request, "entity.html",
        {"e": profile, "peak": peak, "types": TYPE_LABELS, "search_url": search_url},
    )  # fmt: skip


@router.get("/pejabat", response_class=HTMLResponse)
def officials_page(
    request: Request, entities: Entities, days: Annotated[DayRange, Depends()],
    name: Text = None, institution: Text = None, region: Text = None, cursor: Cursor = None,
) -> HTMLResponse:  # fmt: skip
    f = OfficialFilter(
        name=name, institution=institution, regions=[region] if region else [],
        date_from=days.date_from, date_to=days.date_to,
    )  # fmt: skip
    items, token = query(entities, lambda conn: list_officials(conn, f, size=50, cursor=cursor))
    return templates.TemplateResponse(
        request, "officials.html",
        {"items": items, "name": name or "", "institution": institution or "",
         "region": region or "", "next_url": next_url(request, token)},
    )  # fmt: skip
