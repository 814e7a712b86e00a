"""/api/v1/articles: search with filters, facets, highlights, histogram and cursors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from api.deps import SearchParams, get_store
from api.schemas import ArticlePublic, ArticleSearch, public_of, search_of
from store.base import Store

router = APIRouter(prefix="/api/v1/articles", tags=["articles"])


@router.get("", response_model=ArticleSearch, summary="Search articles")
def search_articles(
    params: Annotated[SearchParams, Depends()], store: Annotated[Store, Depends(get_store)]
) -> ArticleSearch:
    """Full-text search (bm25) with filters, facet counts, a date histogram (WIB days) and
    an opaque ``next_cursor`` for the next page. Snippets and title highlights are HTML with
    every character escaped and matches wrapped in ``<mark>``."""
    return search_of(store.search(params.to_query()))


@router.get(
    "/{article_id}", response_model=ArticlePublic, summary="One article with its extraction"
)
def get_article(article_id: str, store: Annotated[Store, Depends(get_store)]) -> ArticlePublic:
    article = store.get_article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return public_of(article)
