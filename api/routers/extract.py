"""/api/v1/extract: the extraction contract for one text, on the server's pipeline."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from nlp.extract import ExtractionError, Extractor

router = APIRouter(prefix="/api/v1", tags=["extract"])

MAX_TEXT_CHARS = 200_000
"""Longer texts are refused (422): split them, or run ``pantau extract`` locally."""

_lock = threading.Lock()
_extractors: dict[tuple[str, str], Extractor] = {}


def get_extractor(request: Request) -> Extractor:
    """One Extractor per process and model, built on first use (loading takes seconds)."""
    settings = request.app.state.settings
    key = (settings.model, str(settings.resolved_keywords_file))
    with _lock:
        extractor = _extractors.get(key)
        if extractor is None:
            extractor = _extractors[key] = Extractor(
                model=settings.model, keywords_file=settings.resolved_keywords_file
            )
    return extractor


class ExtractRequest(BaseModel):
    text: str = Field(
        max_length=MAX_TEXT_CHARS, description=f"Article text (at most {MAX_TEXT_CHARS:,} chars)"
    )
    title: str | None = Field(None, max_length=2000, description="Headline (optional)")


class ExtractionPublic(BaseModel):
    """The extraction contract (docs/ARCHITECTURE.md); offsets index into ``text``."""

    pipeline: str
    entities: list[dict[str, Any]]
    officials: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    regions: list[dict[str, Any]]
    violations: list[dict[str, Any]]
    mentioned_violations: list[str]
    denied_violations: list[str]
    keywords: list[Any]


@router.post("/extract", response_model=ExtractionPublic, summary="Extract from one text")
def extract(
    body: ExtractRequest, extractor: Annotated[Extractor, Depends(get_extractor)]
) -> ExtractionPublic:
    """Entities (PER/ORG/LOC), officials, organizations, regions, violations with evidence,
    mentioned and denied violation categories, and keyword flags, in the same shapes as
    ``pantau extract``."""
    try:
        with _lock:  # spaCy pipelines are not documented as thread-safe: one text at a time
            result = extractor.extract(body.text, body.title)
    except ExtractionError as exc:
        raise HTTPException(422, f"text: {exc}") from None
    return ExtractionPublic(pipeline=extractor.name, **result)
