"""Operator-defined flagged keyword lists, kept in one YAML file (``PANTAU_KEYWORDS_FILE``).

The file maps a list name to its keywords and phrases::

    politik_uang_lokal:
      - serangan fajar
      - bagi uang        # also matches "membagikan uang", "bagi-bagi uang"
    tokoh_pantauan:
      - Fathul Qorib

Matching is morphology-aware (see nlp/keywords.py). The API edits the file
(/api/v1/keywords); every Extractor re-reads it when it changes, so new lists apply to the
next analysed article without a restart.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from pathlib import Path

import yaml

log = logging.getLogger(__name__)

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_KEYWORDS = 1000
MAX_KEYWORD_CHARS = 200


class KeywordListError(ValueError):
    """A list name or keyword is not acceptable; the message says which and why."""


def validate(name: str, keywords: list[str]) -> list[str]:
    if not NAME.match(name):
        raise KeywordListError(
            f"list name {name!r}: use 1-64 lower-case letters, digits, '_' or '-'"
        )
    cleaned = [" ".join(k.split()) for k in keywords]
    if not cleaned or any(not k for k in cleaned):
        raise KeywordListError(f"list {name!r}: give at least one keyword, none of them empty")
    if len(cleaned) > MAX_KEYWORDS:
        raise KeywordListError(f"list {name!r}: at most {MAX_KEYWORDS} keywords")
    too_long = [k for k in cleaned if len(k) > MAX_KEYWORD_CHARS]
    if too_long:
        raise KeywordListError(
            f"keyword {too_long[0][:40]!r}…: at most {MAX_KEYWORD_CHARS} characters"
        )
    return list(dict.fromkeys(cleaned))


def load(path: Path) -> dict[str, list[str]]:
    """The lists in the file; an absent file is no lists. A broken file is an error."""
    if not path.is_file():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise KeywordListError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(raw, dict):
        raise KeywordListError(f"{path} must map list names to lists of keywords")
    return {
        str(name): validate(str(name), [str(k) for k in (values or [])])
        for name, values in raw.items()
    }


def save(path: Path, lists: dict[str, list[str]]) -> None:
    """Write atomically: readers see the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(dict(sorted(lists.items())), allow_unicode=True, sort_keys=False)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".keywords-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


class WatchedLists:
    """Re-reads the file when its modification time changes."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._stamp: float | None = None

    def changed(self) -> dict[str, list[str]] | None:
        """The lists when the file changed since the last call (or on the first), else None."""
        if self.path is None:
            return None
        try:
            stamp = self.path.stat().st_mtime_ns if self.path.exists() else 0.0
        except OSError:
            return None
        if stamp == self._stamp:
            return None
        self._stamp = stamp
        try:
            return load(self.path)
        except KeywordListError:
            log.exception("keeping the previous keyword lists")
            return None
