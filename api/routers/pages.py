"""Server-rendered pages for analysts (Indonesian UI text, no JavaScript needed)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from api.deps import SearchParams, get_store
from api.highlight import highlight_article
from api.labels import status_label, violation_label
from api.templating import templates
from store.base import QueryError, SearchPage, Store

router = APIRouter(include_in_schema=False)

FACET_TITLES = {
    "source": ("Sumber", "source"),
    "region": ("Wilayah", "region"),
    "organization": ("Organisasi", "organization"),
    "person": ("Tokoh", "person"),
    "violation": ("Dugaan pelanggaran", "violation"),
    "status": ("Status pelanggaran", "violation_status"),
}
ALERT_KEYS = ("q", "source", "region", "entity", "organization", "person", "violation",
              "violation_status")  # fmt: skip
"""Search parameters that a subscription can carry over (see /langganan/baru)."""


def facet_label(name: str, value: str) -> str:
    if name == "violation":
        return violation_label(value)
    if name == "status":
        return status_label(value)
    return value


def _toggle(request: Request, key: str, value: str) -> str:
    """URL of this search with one facet value switched on or off (and the cursor reset)."""
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    if (key, value) in items:
        items.remove((key, value))
    else:
        items.append((key, value))
    return "/?" + urlencode(items)


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    params: Annotated[SearchParams, Depends()],
    store: Annotated[Store, Depends(get_store)],
) -> HTMLResponse:
    error = None
    try:
        page = store.search(params.to_query())
    except QueryError as exc:
        error, page = str(exc), SearchPage(hits=[], total=0)
    selected = set(request.query_params.multi_items())
    peak = max((b.count for b in page.histogram), default=0)
    next_url = None
    if page.next_cursor:
        items = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
        next_url = "/?" + urlencode([*items, ("cursor", page.next_cursor)])
    alert_items = [(k, v) for k, v in request.query_params.multi_items() if k in ALERT_KEYS and v]
    alert_url = "/langganan/baru?" + urlencode(alert_items) if alert_items else None
    export_items = [(k, v) for k, v in request.query_params.multi_items() if k != "cursor"]
    return templates.TemplateResponse(
        request,
        "search.html",
        {
            "params": params,
            "page": page,
            "error": error,
            "facet_titles": FACET_TITLES,
            "selected": selected,
            "toggle": lambda k, v: _toggle(request, k, v),
            "peak": peak,
            "next_url": next_url,
            "alert_url": alert_url,
            "export_url": "/api/v1/export/articles?" + urlencode(export_items),
            "facet_label": facet_label,
        },
        status_code=400 if error else 200,
    )


@router.get("/artikel/{article_id}", response_class=HTMLResponse)
def article_page(
    request: Request, article_id: str, store: Annotated[Store, Depends(get_store)]
) -> HTMLResponse:
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, "artikel tidak ditemukan")
    return templates.TemplateResponse(
        request,
        "article.html",
        {"article": article, "paragraphs": highlight_article(article)},
    )
