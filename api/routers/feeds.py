"""/feeds/{token}.atom: a subscription's alerts as an Atom feed, behind an unguessable token."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from alerts.feed import render_atom
from api.routers.subscriptions import get_alerts

router = APIRouter(tags=["feeds"])

FEED_SIZE = 50


@router.get("/feeds/{token}.atom", summary="Atom feed of a subscription's alerts")
def feed(token: str, request: Request) -> Response:
    alerts = get_alerts(request)
    sub = alerts.repo.by_feed_token(token) if len(token) <= 100 else None
    if sub is None:
        raise HTTPException(404, "no feed with this token; copy feed_url from the subscription")
    items = alerts.outbox.matches(sub.id, FEED_SIZE, alerted_only=True)
    body = render_atom(sub, items, str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")
