"""/masuk and /keluar: sign the web pages in with an API key (only when PANTAU_API_AUTH=on).

The key is checked, then kept in the ``pantau_key`` cookie: HttpOnly (no script reads it),
SameSite=Strict (no other site's form or link sends it), Secure when served over https.
Only the pages read the cookie; the JSON API wants the key in a header.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.auth import COOKIE, get_keys
from api.forms import first, form_fields, safe_next
from api.templating import templates

router = APIRouter(include_in_schema=False)
MAX_AGE = 30 * 24 * 3600


@router.get("/masuk", response_class=HTMLResponse)
def signin_page(request: Request, next: str = "/") -> HTMLResponse:
    return templates.TemplateResponse(
        request, "signin.html", {"next": safe_next(next), "error": None}
    )


@router.post("/masuk", response_model=None)
async def signin(request: Request) -> Response:
    fields = await form_fields(request)
    token, target = first(fields, "key"), safe_next(first(fields, "next", "/"))
    key = get_keys(request).verify(token) if token else None
    if key is None:
        return templates.TemplateResponse(
            request, "signin.html",
            {"next": target, "error": "Kunci API tidak dikenal atau sudah dicabut."},
            status_code=401,
        )  # fmt: skip
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        COOKIE, token, max_age=MAX_AGE, httponly=True, samesite="strict",
        secure=request.url.scheme == "https",
    )  # fmt: skip
    return response


@router.post("/keluar")
def signout() -> RedirectResponse:
    response = RedirectResponse("/masuk", status_code=303)
    response.delete_cookie(COOKIE)
    return response
