"""HTML form bodies (application/x-www-form-urlencoded) without python-multipart."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import HTTPException, Request

MAX_FORM_BYTES = 64 * 1024


async def form_fields(request: Request) -> dict[str, list[str]]:
    """The submitted fields (repeatable names keep every value, blanks included)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise HTTPException(415, "send the form as application/x-www-form-urlencoded")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise HTTPException(413, f"the form is larger than {MAX_FORM_BYTES // 1024} KiB")
    try:
        return parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=500)
    except (UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(400, f"the form cannot be read: {exc}") from None


def first(fields: dict[str, list[str]], name: str, default: str = "") -> str:
    values = fields.get(name)
    return values[0].strip() if values else default


def safe_next(target: str) -> str:
    """A local path to go back to after a form (never another site)."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def check_same_origin(request: Request) -> None:
    """Refuse a form posted from another site (the pages' CSRF guard: browsers send Origin
    on every cross-site POST, so a foreign page cannot act on a local Pantau)."""
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and not request.headers.get("referer")):
        return  # same-origin navigations from old browsers, curl, tests
    host = request.headers.get("host", "")
    if origin.split("://", 1)[-1] != host:
        raise HTTPException(403, "this form was sent from another site; open Pantau and retry")


def split_list(value: str) -> list[str]:
    """Comma- or newline-separated names from a text field."""
    return [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]
