"""Map a model's own label names (``B-PERSON``, ``S-GPE``, ``LABEL_3``) to Pantau tags.

A tag is ``(scheme, label)``: scheme is one of B (begin), I (inside), E (end), S (single)
or O; label is PER / ORG / LOC. The table maps entity types (the part after the prefix, or a
whole raw label such as ``LABEL_3``) to Pantau labels; ``null`` or ``"O"`` drops a type.
``PANTAU_TRANSFORMERS_LABELS`` (JSON) is merged over the default table.
"""

from __future__ import annotations

import json
import logging
import re

from nlp.training.corpus import LABEL_MAP

log = logging.getLogger(__name__)

DEFAULT_LABELS: dict[str, str | None] = {**LABEL_MAP, "GPE": "LOC"}
_PREFIX = re.compile(r"^(B|I|E|S|L|U)[-_](.+)$")
_SCHEME = {"B": "B", "I": "I", "E": "E", "S": "S", "L": "E", "U": "S"}
Tag = tuple[str, str]
OUTSIDE: Tag = ("O", "")


def parse_table(raw: str | dict[str, str | None] | None) -> dict[str, str | None]:
    """Default table updated with ``raw`` (JSON object text or a dict); keys upper-cased."""
    table = {k.upper(): v for k, v in DEFAULT_LABELS.items()}
    if raw in (None, ""):
        return table
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValueError(f"PANTAU_TRANSFORMERS_LABELS is not valid JSON: {exc}") from exc
    if not isinstance(raw, dict):
        raise ValueError('PANTAU_TRANSFORMERS_LABELS must be a JSON object: {"PERSON": "PER"}')
    for key, value in raw.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"PANTAU_TRANSFORMERS_LABELS[{key!r}] must be a string or null")
        table[str(key).upper()] = None if value in (None, "", "O") else value
    return table


def _lookup(table: dict[str, str | None], key: str) -> str | None:
    value = table.get(key.upper())
    if value is None:
        return None
    match = _PREFIX.match(value)  # a whole-label entry may carry its own prefix: "B-PER"
    return match.group(2) if match else value


def map_label(raw: str, table: dict[str, str | None]) -> Tag:
    """The Pantau tag of one raw model label (``OUTSIDE`` when unmapped)."""
    if raw.upper() == "O":
        return OUTSIDE
    whole = table.get(raw.upper())
    if whole is not None:
        match = _PREFIX.match(whole)
        return (_SCHEME[match.group(1)], match.group(2)) if match else ("I", whole)
    match = _PREFIX.match(raw)
    if match:
        label = _lookup(table, match.group(2))
        return (_SCHEME[match.group(1)], label) if label else OUTSIDE
    label = _lookup(table, raw)  # IO scheme: a bare type continues a same-type neighbour
    return ("I", label) if label else OUTSIDE


def map_id2label(id2label: dict[int, str], table: dict[str, str | None]) -> list[Tag]:
    """Pantau tags indexed by class id; logs the raw labels that map to nothing."""
    tags = [OUTSIDE] * (max(id2label) + 1 if id2label else 0)
    dropped = []
    for idx, raw in id2label.items():
        tags[int(idx)] = map_label(raw, table)
        if tags[int(idx)] == OUTSIDE and raw.upper() != "O":
            dropped.append(raw)
    if dropped:
        log.info("model labels mapped to O (extend PANTAU_TRANSFORMERS_LABELS): %s", dropped)
    return tags


def decode(tags: list[Tag]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first, last + 1, label)`` over a word-level BIOES / IO tag sequence."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, (scheme, lab) in enumerate(tags):
        continues = start >= 0 and lab == label and scheme in ("I", "E")
        if start >= 0 and not continues:
            spans.append((start, i, label))
            start = -1
        if scheme != "O" and start < 0:
            start, label = i, lab
        if start >= 0 and scheme in ("E", "S"):
            spans.append((start, i + 1, label))
            start = -1
    if start >= 0:
        spans.append((start, len(tags), label))
    return spans
