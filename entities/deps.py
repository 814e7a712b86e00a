"""FastAPI dependencies shared by the entities, officials and violations routers."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, TypeVar

from fastapi import HTTPException, Query, Request

from entities.regions import UnknownRegion
from entities.service import EntityService

T = TypeVar("T")
_open_lock = threading.Lock()


def get_entities(request: Request) -> EntityService:
    """The app's EntityService (the runner installs its own; otherwise opened on first use)."""
    state = request.app.state
    if getattr(state, "entities", None) is None:
        with _open_lock:
            if getattr(state, "entities", None) is None:
                state.entities = EntityService.open(state.settings, state.store)
    return state.entities


def _day(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise HTTPException(400, f"{name}: expected a WIB day like 2024-02-14") from None


class DayRange:
    """``date_from`` / ``date_to``: inclusive WIB calendar days (YYYY-MM-DD)."""

    def __init__(
        self,
        date_from: Annotated[str | None, Query(description="First WIB day (YYYY-MM-DD)")] = None,
        date_to: Annotated[str | None, Query(description="Last WIB day (inclusive)")] = None,
    ) -> None:
        self.date_from = _day(date_from, "date_from")
        self.date_to = _day(date_to, "date_to")


@contextmanager
def bad_filters() -> Iterator[None]:
    """An unknown region in a filter is the caller's mistake: HTTP 400 with what to pass."""
    try:
        yield
    except UnknownRegion as exc:
        raise HTTPException(400, str(exc)) from None


def query(service: EntityService, run: Callable[[sqlite3.Connection], T]) -> T:
    with bad_filters():
        return run(service.db.conn())
