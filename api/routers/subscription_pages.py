"""/langganan: alert subscriptions as pages (list, create from a search, pause, delete),
built on the alerts package (the same service as /api/v1/subscriptions)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from alerts.models import (
    CATEGORIES,
    STATUSES,
    SubscriptionCreate,
    SubscriptionUpdate,
    WebhookChannel,
)
from alerts.netguard import literal_forbidden
from alerts.service import AlertService
from api.auth import current_owner
from api.forms import check_same_origin, first, form_fields, split_list
from api.routers.subscriptions import get_alerts
from api.templating import templates

router = APIRouter(prefix="/langganan", include_in_schema=False)
Alerts = Annotated[AlertService, Depends(get_alerts)]
Owner = Annotated[str | None, Depends(current_owner)]


def _form_from_search(request: Request) -> dict[str, Any]:
    """The create form, pre-filled from search parameters (the search page's link)."""
    qp = request.query_params
    entities = qp.getlist("entity") + qp.getlist("organization") + qp.getlist("person")
    return {
        "name": (qp.get("q") or ", ".join(entities + qp.getlist("violation")) or "")[:200],
        "query": qp.get("q", ""), "regions": ", ".join(qp.getlist("region")),
        "outlets": ", ".join(qp.getlist("source")), "entities": ", ".join(entities),
        "categories": qp.getlist("violation"), "statuses": qp.getlist("violation_status"),
        "channel": "feed", "webhook_url": "", "email": "", "frequency": "instant",
    }  # fmt: skip


def _form_from_post(fields: dict[str, list[str]]) -> dict[str, Any]:
    keys = ("name", "query", "regions", "outlets", "entities", "webhook_url", "email")
    form: dict[str, Any] = {k: first(fields, k) for k in keys}
    form["categories"] = [c for c in fields.get("categories", []) if c]
    form["statuses"] = [s for s in fields.get("statuses", []) if s]
    form["channel"] = first(fields, "channel", "feed")
    form["frequency"] = first(fields, "frequency", "instant")
    return form


def _create_body(form: dict[str, Any]) -> SubscriptionCreate:
    channel: dict[str, Any] = {"type": form["channel"]}
    if form["channel"] == "webhook":
        channel["url"] = form["webhook_url"]
    elif form["channel"] == "email":
        channel["to"] = split_list(form["email"])
    criteria = {
        "query": form["query"] or None, "regions": split_list(form["regions"]),
        "outlets": split_list(form["outlets"]), "entities": split_list(form["entities"]),
        "categories": form["categories"], "statuses": form["statuses"],
    }  # fmt: skip
    return SubscriptionCreate.model_validate(
        {"name": form["name"], "criteria": criteria, "channel": channel,
         "frequency": form["frequency"]}
    )  # fmt: skip


def _render_form(
    request: Request, form: dict[str, Any], errors: list[str], status: int = 200
) -> Response:
    return templates.TemplateResponse(
        request, "subscription_form.html",
        {"form": form, "errors": errors, "categories": CATEGORIES, "statuses": STATUSES},
        status_code=status,
    )  # fmt: skip


@router.get("", response_class=HTMLResponse)
def subscriptions_page(request: Request, alerts: Alerts, owner: Owner) -> HTMLResponse:
    base = str(request.base_url)
    items = [s.public(base) for s in alerts.repo.owned_by(owner)]
    return templates.TemplateResponse(request, "subscriptions.html", {"items": items})


@router.get("/baru", response_class=HTMLResponse)
def new_subscription_page(request: Request) -> Response:
    return _render_form(request, _form_from_search(request), [])


@router.post("/baru", response_model=None)
async def create_subscription(request: Request, alerts: Alerts, owner: Owner) -> Response:
    check_same_origin(request)
    form = _form_from_post(await form_fields(request))
    try:
        body = _create_body(form)
    except ValidationError as exc:
        errors = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
        return _render_form(request, form, errors, 422)
    allow_private = request.app.state.settings.webhook_allow_private
    channel = body.channel
    if isinstance(channel, WebhookChannel) and not allow_private and literal_forbidden(channel.url):
        msg = "channel.url: alamat privat/loopback ditolak; gunakan alamat publik"
        return _render_form(request, form, [msg], 422)
    sub = alerts.create(body, owner)
    created = sub.public(str(request.base_url))
    return templates.TemplateResponse(
        request, "subscription_created.html", {"sub": created, "secret": sub.secret},
        status_code=201,
    )  # fmt: skip


def _owned_id(alerts: AlertService, sub_id: str, owner: str | None) -> Any:
    sub = alerts.repo.get(sub_id) if len(sub_id) <= 64 else None
    if sub is None or (owner is not None and sub.owner != owner):
        raise HTTPException(404, "langganan tidak ditemukan")
    return sub


@router.post("/{sub_id}/jeda")
def toggle_pause(sub_id: str, request: Request, alerts: Alerts, owner: Owner) -> Response:
    check_same_origin(request)
    sub = _owned_id(alerts, sub_id, owner)
    alerts.update(sub.id, SubscriptionUpdate(paused=not sub.paused))
    return RedirectResponse("/langganan", status_code=303)


@router.post("/{sub_id}/hapus")
def delete_subscription(sub_id: str, request: Request, alerts: Alerts, owner: Owner) -> Response:
    check_same_origin(request)
    alerts.delete(_owned_id(alerts, sub_id, owner).id)
    return RedirectResponse("/langganan", status_code=303)
