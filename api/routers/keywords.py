"""/api/v1/keywords: the operator's flagged keyword lists (issue: violations and alerts).

Lists mark articles (the ``keywords`` field of each analysis) and feed alert subscriptions
that name them. Changes apply to the next analysed article; `pantau analyze` does not
re-flag articles already analysed.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from nlp.keyword_lists import KeywordListError, load, save, validate

router = APIRouter(prefix="/api/v1/keywords", tags=["keywords"])
_lock = threading.Lock()


class KeywordList(BaseModel):
    name: str
    keywords: list[str]


class KeywordListUpdate(BaseModel):
    keywords: list[str] = Field(min_length=1, description="Words or phrases; affixes are matched")


def keywords_file(request: Request) -> Path:
    path: Path = request.app.state.settings.resolved_keywords_file
    return path


def _read(path: Path) -> dict[str, list[str]]:
    try:
        return load(path)
    except KeywordListError as exc:
        raise HTTPException(503, f"the keyword file cannot be read: {exc}") from None


@router.get("", response_model=list[KeywordList], summary="All flagged keyword lists")
def list_keyword_lists(path: Annotated[Path, Depends(keywords_file)]) -> list[KeywordList]:
    return [KeywordList(name=n, keywords=k) for n, k in sorted(_read(path).items())]


@router.get("/{name}", response_model=KeywordList, summary="One keyword list")
def get_keyword_list(name: str, path: Annotated[Path, Depends(keywords_file)]) -> KeywordList:
    lists = _read(path)
    if name not in lists:
        raise HTTPException(404, f"no keyword list named {name!r}")
    return KeywordList(name=name, keywords=lists[name])


@router.put("/{name}", response_model=KeywordList, summary="Create or replace a keyword list")
def put_keyword_list(
    name: str, body: KeywordListUpdate, path: Annotated[Path, Depends(keywords_file)]
) -> KeywordList:
    try:
        keywords = validate(name, body.keywords)
    except KeywordListError as exc:
        raise HTTPException(422, str(exc)) from None
    with _lock:
        lists = _read(path)
        lists[name] = keywords
        save(path, lists)
    return KeywordList(name=name, keywords=keywords)


@router.delete("/{name}", status_code=204, summary="Delete a keyword list")
def delete_keyword_list(name: str, path: Annotated[Path, Depends(keywords_file)]) -> Response:
    with _lock:
        lists = _read(path)
        if lists.pop(name, None) is None:
            raise HTTPException(404, f"no keyword list named {name!r}")
        save(path, lists)
    return Response(status_code=204)
