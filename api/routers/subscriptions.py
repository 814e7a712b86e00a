"""/api/v1/subscriptions: alert subscriptions (create, list, get, update, pause, resume,
delete), their matches with the reason each matched, and a test-fire of the channel."""

from __future__ import annotations

import time
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from alerts.models import (
    MatchPublic,
    SubscriptionCreate,
    SubscriptionCreated,
    SubscriptionPublic,
    SubscriptionUpdate,
    TestResult,
)
from alerts.netguard import literal_forbidden
from alerts.payload import build_payload
from alerts.repo import Subscription
from alerts.service import AlertService

router = APIRouter(prefix="/api/v1/subscriptions", tags=["subscriptions"])


def get_alerts(request: Request) -> AlertService:
    """The app's AlertService (the runner installs its own; otherwise opened on first use)."""
    state = request.app.state
    if getattr(state, "alerts", None) is None:
        state.alerts = AlertService.open(state.settings, state.store)
    return state.alerts


def current_subscriber(request: Request) -> str | None:
    """AUTH HOOK: the owner of the subscriptions a request may see (None: everyone's).

    The authentication issue replaces this dependency; every route already depends on it.
    """
    return None


Alerts = Annotated[AlertService, Depends(get_alerts)]
Owner = Annotated[str | None, Depends(current_subscriber)]


def _owned(alerts: AlertService, sub_id: str, owner: str | None) -> Subscription:
    sub = alerts.repo.get(sub_id)
    if sub is None or (owner is not None and sub.owner != owner):
        raise HTTPException(404, f"no subscription with id {sub_id!r}")
    return sub


def _check_target(request: Request, channel: Any) -> None:
    if getattr(channel, "type", None) != "webhook":
        return
    if not request.app.state.settings.webhook_allow_private and literal_forbidden(channel.url):
        raise HTTPException(
            422, "channel.url: private, loopback and link-local webhook targets are refused; "
            "use a public address (the operator can allow them: PANTAU_WEBHOOK_ALLOW_PRIVATE)",
        )  # fmt: skip


def _base(request: Request) -> str:
    return str(request.base_url)


@router.post("", status_code=201, response_model=SubscriptionCreated, summary="Subscribe")
def create(body: SubscriptionCreate, request: Request, alerts: Alerts, owner: Owner) -> Any:
    """Create a subscription. The response holds the webhook signing ``secret``: it is
    shown only here."""
    _check_target(request, body.channel)
    sub = alerts.create(body, owner)
    return SubscriptionCreated(**sub.public(_base(request)).model_dump(), secret=sub.secret)


@router.get("", summary="List subscriptions")
def list_subscriptions(request: Request, alerts: Alerts, owner: Owner) -> dict[str, Any]:
    return {"items": [s.public(_base(request)) for s in alerts.repo.owned_by(owner)]}


@router.get("/{sub_id}", response_model=SubscriptionPublic, summary="One subscription")
def get(sub_id: str, request: Request, alerts: Alerts, owner: Owner) -> Any:
    return _owned(alerts, sub_id, owner).public(_base(request))


@router.patch("/{sub_id}", response_model=SubscriptionPublic, summary="Change a subscription")
def update(sub_id: str, body: SubscriptionUpdate, request: Request, alerts: Alerts,
           owner: Owner) -> Any:  # fmt: skip
    _owned(alerts, sub_id, owner)
    _check_target(request, body.channel)
    sub = alerts.update(sub_id, body)
    if sub is None:
        raise HTTPException(404, f"no subscription with id {sub_id!r}")
    return sub.public(_base(request))


@router.post("/{sub_id}/pause", response_model=SubscriptionPublic, summary="Pause alerts")
def pause(sub_id: str, request: Request, alerts: Alerts, owner: Owner) -> Any:
    return update(sub_id, SubscriptionUpdate(paused=True), request, alerts, owner)


@router.post("/{sub_id}/resume", response_model=SubscriptionPublic, summary="Resume alerts")
def resume(sub_id: str, request: Request, alerts: Alerts, owner: Owner) -> Any:
    return update(sub_id, SubscriptionUpdate(paused=False), request, alerts, owner)


@router.delete("/{sub_id}", status_code=204, summary="Delete a subscription")
def delete(sub_id: str, alerts: Alerts, owner: Owner) -> Response:
    _owned(alerts, sub_id, owner)
    alerts.delete(sub_id)
    return Response(status_code=204)


@router.get("/{sub_id}/matches", summary="Matched articles and why they matched")
def matches(
    sub_id: str, alerts: Alerts, owner: Owner,
    size: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[int | None, Query(description="next_cursor of the previous page")] = None,
) -> dict[str, Any]:  # fmt: skip
    _owned(alerts, sub_id, owner)
    rows = alerts.outbox.matches(sub_id, size, cursor)
    items = [
        MatchPublic(
            article_id=r["article"]["id"],
            title=r["article"]["title"],
            url=r["article"]["url"],
            source=r["article"]["source"],
            published_at=r["article"].get("published_at"),
            matched_at=r["matched_at"],
            alerted=r["alerted"],
            delivery_id=r["delivery_id"],
            reason=r["reason"],
        )
        for r in rows
    ]
    next_cursor = rows[-1]["cursor"] if len(rows) == size else None
    return {"items": items, "next_cursor": next_cursor}


@router.post("/{sub_id}/test", response_model=TestResult, summary="Send a sample alert now")
def test_fire(sub_id: str, alerts: Alerts, owner: Owner) -> TestResult:
    """Sends one sample delivery through the channel (outside the outbox) and reports what
    the receiver answered."""
    sub = _owned(alerts, sub_id, owner)
    key = "test-" + uuid.uuid4().hex
    sample = {
        "article": {"id": "test", "title": "Pantau test alert", "source": "pantau",
                    "url": "https://pantau.invalid/test", "region": None, "published_at": None},
        "reason": {"test": True}, "matched_at": None,
    }  # fmt: skip
    payload = build_payload(key, sub.id, sub.name, "test", [sample])
    started = time.perf_counter()
    result = alerts.worker.send(sub, payload, key)
    return TestResult(
        ok=result.ok, channel=sub.channel["type"], status_code=result.status_code,
        error=result.error, elapsed_ms=round((time.perf_counter() - started) * 1000, 1),
    )  # fmt: skip
