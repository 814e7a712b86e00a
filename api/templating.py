"""The one Jinja2 environment of the pages: autoescaped, with the label filters."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates

from api.labels import install_filters

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
install_filters(templates.env)
templates.env.globals["urlencode"] = urlencode


def entity_url(kind: str, name: str) -> str:
    """The entity page of an extracted name (its default entity id; merged ids resolve)."""
    from entities.keys import default_id, organization_key, person_key

    key = person_key(name) if kind == "person" else organization_key(name)
    return f"/entitas/{default_id(kind, key)}"


templates.env.globals["entity_url"] = entity_url
