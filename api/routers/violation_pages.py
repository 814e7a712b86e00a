"""/pelanggaran: the violations dashboard (counts by category, status, region and week, from
the store's facets) and the evidence list it drills down to (the entities package's
violation list, the same as /api/v1/violations)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import get_store, parse_when
from api.labels import VIOLATION_LABELS
from api.routers.entity_pages import Cursor, Entities, next_url
from api.templating import templates
from entities.deps import DayRange, query
from entities.violations import ViolationFilter, list_violations
from store.base import FacetValue, SearchQuery, Store

router = APIRouter(prefix="/pelanggaran", include_in_schema=False)
Many = Annotated[list[str], Query(max_length=50)]


def _rows(values: list[FacetValue], key: str, extra: dict[str, str]) -> list[dict[str, Any]]:
    peak = max((v.count for v in values), default=0) or 1
    return [
        {"value": v.value, "count": v.count, "width": round(v.count / peak * 100),
         "url": "/pelanggaran/bukti?" + urlencode({**extra, key: v.value})}
        for v in values
    ]  # fmt: skip


@router.get("", response_class=HTMLResponse)
def dashboard(
    request: Request, store: Annotated[Store, Depends(get_store)],
    date_from: Annotated[str | None, Query(max_length=40)] = None,
    date_to: Annotated[str | None, Query(max_length=40)] = None,
) -> HTMLResponse:  # fmt: skip
    page = store.search(SearchQuery(
        violations=list(VIOLATION_LABELS), size=1, facet_size=30, histogram="week",
        highlight=False, date_from=parse_when(date_from, end=False, name="date_from"),
        date_to=parse_when(date_to, end=True, name="date_to"),
    ))  # fmt: skip
    days = {k: v for k, v in (("date_from", date_from), ("date_to", date_to)) if v}
    weeks = []
    for row in _rows(page.histogram, "week", {})[::-1]:
        monday = date.fromisoformat(row["value"][:10])
        span = {"date_from": monday.isoformat(),
                "date_to": (monday + timedelta(days=6)).isoformat()}  # fmt: skip
        weeks.append({**row, "url": "/pelanggaran/bukti?" + urlencode(span)})
    return templates.TemplateResponse(
        request, "violations.html",
        {"total": page.total, "days": days,
         "categories": _rows(page.facets.get("violation", []), "category", days),
         "statuses": _rows(page.facets.get("status", []), "status", days),
         "regions": _rows(page.facets.get("region", []), "region", days), "weeks": weeks},
    )  # fmt: skip


@router.get("/bukti", response_class=HTMLResponse)
def evidence(
    request: Request, entities: Entities, days: Annotated[DayRange, Depends()],
    category: Many = [], status: Many = [], region: Many = [],  # noqa: B006
    cursor: Cursor = None,
) -> HTMLResponse:  # fmt: skip
    f = ViolationFilter(categories=category, statuses=status, regions=region,
                        date_from=days.date_from, date_to=days.date_to)  # fmt: skip
    items, token = query(entities, lambda conn: list_violations(conn, f, size=50, cursor=cursor))
    return templates.TemplateResponse(
        request, "evidence.html",
        {"items": items, "category": category, "status": status, "region": region,
         "days": days, "next_url": next_url(request, token)},
    )  # fmt: skip
