"""Server-rendered pages for analysts (Indonesian UI text, no JavaScript needed)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from api.deps import SearchParams, get_store
from api.highlight import highlight_article
from store.base import QueryError, SearchPage, Store

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent.parent / "templates")

FACET_TITLES = {
    "source": ("Sumber", "source"),
    "region": ("Wilayah", "region"),
    "organization": ("Organisasi", "organization"),
    "person": ("Tokoh", "person"),
    "violation": ("Dugaan pelanggaran", "violation"),
}


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
