"""Analyst corrections: merge entity B into A, split an alias off into a new entity.

Overrides are rows in ``ent_override`` plus ``ent_entity.merged_into``; ``resolve`` applies
them to any alias key, and the linker resolves every key through it, so re-analysis and
``pantau entities rebuild`` never lose a correction.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid

from entities.db import EntitiesDB
from entities.keys import alias_key, default_id, now_iso
from store.derived import norm

log = logging.getLogger(__name__)


class OverrideError(ValueError):
    """A merge or split that cannot be done; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def final_id(conn: sqlite3.Connection, entity_id: str) -> str:
    """Follow merges to the entity that now stands for ``entity_id``."""
    seen = {entity_id}
    while True:
        row = conn.execute("SELECT merged_into FROM ent_entity WHERE id=?", (entity_id,)).fetchone()
        if row is None or not row[0] or row[0] in seen:
            return entity_id
        entity_id = row[0]
        seen.add(entity_id)


def resolve(conn: sqlite3.Connection, kind: str, key: str) -> str:
    """The entity an alias key links to: the latest split pin, else its default; then merges."""
    pin = conn.execute(
        "SELECT entity_id FROM ent_override WHERE action='split' AND kind=? AND key=? "
        "ORDER BY id DESC LIMIT 1",
        (kind, key),
    ).fetchone()
    return final_id(conn, pin[0] if pin else default_id(kind, key))


def _entity(conn: sqlite3.Connection, entity_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM ent_entity WHERE id=?", (entity_id,)).fetchone()
    if row is None:
        raise OverrideError(404, f"no entity with id {entity_id!r}")
    return row


def merge(db: EntitiesDB, entity_id: str, other_id: str) -> str:
    """Merge ``other_id`` into ``entity_id``: its aliases resolve to ``entity_id`` from now on."""
    with db.write() as conn:
        target = _entity(conn, final_id(conn, _entity(conn, entity_id)["id"]))
        source = _entity(conn, final_id(conn, _entity(conn, other_id)["id"]))
        if target["id"] == source["id"]:
            raise OverrideError(422, f"{other_id!r} is already {target['id']!r}; nothing to merge")
        if target["kind"] != source["kind"]:
            raise OverrideError(
                409, f"cannot merge a {source['kind']} into a {target['kind']}; merge entities "
                "of one kind",
            )  # fmt: skip
        conn.execute("UPDATE ent_entity SET merged_into=? WHERE id=?", (target["id"], source["id"]))
        conn.execute(
            "UPDATE ent_alias SET entity_id=? WHERE entity_id=?", (target["id"], source["id"])
        )
        conn.execute(
            "INSERT INTO ent_override (action, kind, entity_id, other_id, created_at) "
            "VALUES ('merge', ?, ?, ?, ?)",
            (target["kind"], target["id"], source["id"], now_iso()),
        )
    log.info("merged entity %s into %s", source["id"], target["id"])
    return str(target["id"])


def split(db: EntitiesDB, entity_id: str, alias: str) -> str:
    """Move one alias (a key or a surface form) of an entity to a new entity; return its id."""
    with db.write() as conn:
        entity = _entity(conn, final_id(conn, _entity(conn, entity_id)["id"]))
        kind, key = entity["kind"], _key_of(conn, entity["id"], entity["kind"], alias)
        keys = conn.execute("SELECT count(*) FROM ent_alias WHERE entity_id=?", (entity["id"],))
        if keys.fetchone()[0] < 2:
            raise OverrideError(409, f"{alias!r} is the only alias of {entity['id']!r}")
        texts = conn.execute(
            "SELECT text FROM ent_link WHERE kind=? AND key=? GROUP BY text "
            "ORDER BY sum(mentions) DESC, text LIMIT 1",
            (kind, key),
        ).fetchone()
        new_id = "ent_" + uuid.uuid4().hex[:12]
        name = texts[0] if texts else alias.strip()
        code = key if kind == "location" and not key.startswith("name:") else None
        conn.execute(
            "INSERT INTO ent_entity (id, kind, name, name_norm, code, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (new_id, kind, name, norm(name), code, now_iso()),
        )
        conn.execute(
            "INSERT INTO ent_override (action, kind, entity_id, other_id, key, created_at) "
            "VALUES ('split', ?, ?, ?, ?, ?)",
            (kind, new_id, entity["id"], key, now_iso()),
        )
        conn.execute("UPDATE ent_alias SET entity_id=? WHERE kind=? AND key=?", (new_id, kind, key))
    log.info("split alias %r of entity %s into %s", key, entity["id"], new_id)
    return new_id


def _key_of(conn: sqlite3.Connection, entity_id: str, kind: str, alias: str) -> str:
    """The entity's alias key that ``alias`` names: the key itself or one of its surface forms."""
    for key in (alias.strip(), alias_key(kind, alias)):
        row = conn.execute(
            "SELECT 1 FROM ent_alias WHERE kind=? AND key=? AND entity_id=?", (kind, key, entity_id)
        ).fetchone()
        if row:
            return key
    row = conn.execute(
        "SELECT l.key FROM ent_link l JOIN ent_alias a ON a.kind=l.kind AND a.key=l.key "
        "WHERE a.entity_id=? AND l.text_norm=? LIMIT 1",
        (entity_id, norm(alias)),
    ).fetchone()
    if row is None:
        raise OverrideError(422, f"{alias!r} is not an alias of {entity_id!r}; see its aliases")
    return str(row[0])
