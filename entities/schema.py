"""The entities tables as numbered migrations, tracked in their own ``entities_schema_version``.

The tables live in the Pantau SQLite store file when the store is SQLite, or in
``PANTAU_DATA_DIR/entities.db`` when it is a search engine. They keep their own version table
(not ``PRAGMA user_version``) so store migrations and entities migrations never collide.
Every table is prefixed ``ent_`` (the store already has an ``entities`` table). Never edit a
released migration: add the next number.
"""

from __future__ import annotations

import logging

from store.sqlite.sidecar import Migrations

log = logging.getLogger(__name__)

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE ent_entity (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,               -- person | organization | location
        name TEXT NOT NULL,
        name_norm TEXT NOT NULL,
        code TEXT,                        -- Kemendagri code (locations)
        merged_into TEXT,                 -- set by a merge override
        created_at TEXT NOT NULL
    );
    CREATE INDEX ent_entity_merged ON ent_entity(merged_into);

    -- Materialised alias resolution: (kind, key) -> entity, overrides applied.
    CREATE TABLE ent_alias (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE INDEX ent_alias_entity ON ent_alias(entity_id);

    -- Analyst corrections, the source of truth that every re-link applies.
    CREATE TABLE ent_override (
        id INTEGER PRIMARY KEY,
        action TEXT NOT NULL,             -- merge | split
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,          -- merge: the kept entity; split: the new entity
        other_id TEXT,                    -- merge: the merged entity; split: the old entity
        key TEXT,                         -- split: the alias key moved to the new entity
        created_at TEXT NOT NULL
    );
    CREATE INDEX ent_override_key ON ent_override(kind, key);

    -- Per-article rows, deleted and rebuilt whenever an article is (re-)linked.
    CREATE TABLE ent_article (
        article_id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL,
        published_at TEXT,
        seen_at TEXT NOT NULL,            -- published_at, or fetched_at without one (UTC ISO)
        day TEXT NOT NULL,                -- WIB calendar day of seen_at
        region TEXT,
        region_code TEXT
    );
    CREATE TABLE ent_link (
        article_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        text TEXT NOT NULL,               -- the surface form in the article
        text_norm TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        code TEXT,                        -- region code the mention carries
        PRIMARY KEY (article_id, kind, key, text)
    ) WITHOUT ROWID;
    CREATE INDEX ent_link_key ON ent_link(kind, key);
    CREATE TABLE ent_position (
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        key TEXT NOT NULL,                -- person alias key
        position TEXT,
        institution TEXT,
        region TEXT,
        region_code TEXT,
        evidence TEXT NOT NULL,
        former INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX ent_position_key ON ent_position(key);
    CREATE TABLE ent_violation (
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        category TEXT NOT NULL,
        status TEXT NOT NULL,
        confidence REAL NOT NULL,
        evidence TEXT NOT NULL,
        actors TEXT NOT NULL,             -- JSON list of names
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX ent_violation_category ON ent_violation(category, status);
    """,
    2: """
    -- Reported statements (nlp/quotes): who said what in which article.
    CREATE TABLE ent_quote (
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,               -- direct | indirect
        text TEXT NOT NULL,               -- the words said
        text_norm TEXT NOT NULL,
        speaker TEXT,                     -- full name (or institution) as the article gives it
        speaker_key TEXT,                 -- person alias key of the speaker
        cue TEXT,
        confidence REAL NOT NULL,
        position TEXT,                    -- when the speaker is an official of the article
        institution TEXT,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    );
    CREATE INDEX ent_quote_speaker ON ent_quote(speaker_key);
    """,
}

MIGRATIONS_SET = Migrations("entities", "entities_schema_version", MIGRATIONS)
LATEST = MIGRATIONS_SET.latest
