"""Request dependencies: the store, and search parameters shared by the API and the pages."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Annotated, Literal

from fastapi import HTTPException, Query, Request

from store.base import SearchQuery, Store

WIB = timezone(timedelta(hours=7), "WIB")


def get_store(request: Request) -> Store:
    return request.app.state.store


def parse_when(value: str | None, *, end: bool, name: str) -> datetime | None:
    """ISO date or datetime; a bare date is a whole WIB day, a naive time is WIB."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        if len(value) == 10:
            day = datetime.fromisoformat(value).date()
            return datetime.combine(day, time.max if end else time.min, tzinfo=WIB)
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise HTTPException(
            400, f"{name}: expected a date like 2024-02-14 or an ISO datetime"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)


class SearchParams:
    """Query-string parameters for article search (all optional, repeatable filters)."""

    def __init__(
        self,
        q: Annotated[
            str | None, Query(max_length=1000, description='Words, "phrases", OR, -exclude')
        ] = None,
        source: Annotated[list[str], Query(description="Outlet/source name (repeatable)")] = [],  # noqa: B006
        region: Annotated[list[str], Query(description="Region name or Kemendagri code")] = [],  # noqa: B006
        date_from: Annotated[
            str | None, Query(description="From date (YYYY-MM-DD, WIB) or ISO datetime")
        ] = None,
        date_to: Annotated[str | None, Query(description="To date (inclusive)")] = None,
        entity: Annotated[list[str], Query(description="Any entity name")] = [],  # noqa: B006
        organization: Annotated[list[str], Query()] = [],  # noqa: B006
        person: Annotated[list[str], Query()] = [],  # noqa: B006
        violation: Annotated[list[str], Query(description="Violation category slug")] = [],  # noqa: B006
        violation_status: Annotated[list[str], Query()] = [],  # noqa: B006
        sort: Literal["relevance", "date", "date_asc"] = "relevance",
        size: Annotated[int, Query(ge=1, le=100)] = 20,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
        histogram: Literal["day", "week", "month", "none"] = "day",
        facets: bool = True,
    ) -> None:
        self.q = q
        self.sources = source
        self.regions = region
        self.date_from = parse_when(date_from, end=False, name="date_from")
        self.date_to = parse_when(date_to, end=True, name="date_to")
        self.entities = entity
        self.organizations = organization
        self.persons = person
        self.violations = violation
        self.violation_status = violation_status
        self.sort = sort
        self.size = size
        self.cursor = cursor
        self.histogram = None if histogram == "none" else histogram
        self.facets = facets

    def to_query(self) -> SearchQuery:
        return SearchQuery(
            q=self.q, sources=self.sources, regions=self.regions, date_from=self.date_from,
            date_to=self.date_to, entities=self.entities, organizations=self.organizations,
            persons=self.persons, violations=self.violations,
            violation_status=self.violation_status, sort=self.sort, size=self.size,
            cursor=self.cursor, histogram=self.histogram, facets=self.facets,
        )  # fmt: skip
