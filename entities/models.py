"""API shapes for entities, officials and violations (families: Summary / Public / List)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

EntityType = Literal["person", "official", "organization", "location"]


class AliasPublic(BaseModel):
    text: str  # a surface form seen in articles
    key: str  # the normalised key it links by (what a split moves)
    mentions: int


class TimelinePoint(BaseModel):
    date: str  # WIB day, or the Monday that starts the ISO week
    mentions: int
    articles: int


class CoEntity(BaseModel):
    id: str
    type: EntityType
    name: str
    articles: int  # articles both entities appear in


class EvidencePublic(BaseModel):
    article_id: str
    published_at: datetime | None
    evidence: str


class PositionPublic(BaseModel):
    position: str | None
    institution: str | None
    region: str | None
    region_code: str | None
    former: bool  # every evidence sentence called it a former position
    first_seen: datetime
    last_seen: datetime
    articles: int
    evidence: list[EvidencePublic]


class ViolationPublic(BaseModel):
    article_id: str
    url: str
    title: str
    source: str
    published_at: datetime | None
    category: str
    status: str
    confidence: float
    evidence: str
    actors: list[str]
    region: str | None
    region_code: str | None


class EntitySummary(BaseModel):
    id: str
    type: EntityType
    name: str
    code: str | None  # Kemendagri code of a location
    mentions: int
    articles: int
    first_seen: datetime | None
    last_seen: datetime | None


class EntityPublic(EntitySummary):
    aliases: list[AliasPublic]
    interval: Literal["day", "week"]
    timeline: list[TimelinePoint]
    co_occurring: list[CoEntity]
    violations: list[ViolationPublic]
    positions: list[PositionPublic]  # empty unless the entity is an official
    quotes: list[QuotePublic] = []  # what this person said, newest first


class EntityList(BaseModel):
    items: list[EntitySummary]
    next_cursor: str | None


class OfficialPublic(BaseModel):
    id: str
    name: str
    positions: list[PositionPublic]
    first_seen: datetime
    last_seen: datetime
    evidence_article_ids: list[str]


class OfficialList(BaseModel):
    items: list[OfficialPublic]
    next_cursor: str | None


class QuotePublic(BaseModel):
    """A statement with its article; offsets are into the article's analysed text."""

    article_id: str
    url: str
    title: str
    source: str
    published_at: datetime | None
    kind: str
    text: str
    speaker: str | None
    speaker_entity_id: str | None
    cue: str | None
    confidence: float
    position: str | None
    institution: str | None
    start: int
    end: int
    region: str | None
    region_code: str | None


class QuoteList(BaseModel):
    items: list[QuotePublic]
    next_cursor: str | None


class ViolationList(BaseModel):
    items: list[ViolationPublic]
    next_cursor: str | None


class EntityMerge(BaseModel):
    other_id: str = Field(min_length=1, max_length=100, description="Entity merged into this one")


class EntitySplit(BaseModel):
    alias: str = Field(min_length=1, max_length=500, description="Alias text or key to split off")


EntityPublic.model_rebuild()  # QuotePublic is defined after it
