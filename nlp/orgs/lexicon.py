"""The organization gazetteer (``gazetteer.jsonl``) and word lists (``lexicon.json``), indexed.

Full names and aliases match case-insensitively from a capitalised first word; acronyms match
as written ("PAN" the party, not "pan"), or in capitals for mixed-case ones ("BAWASLU").
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from nlp.regions.tokens import Token, keys_of, token_key, tokenize

log = logging.getLogger(__name__)

_DIR = Path(__file__).parent
# Abstract nouns and adjectives ("Pengendalian", "Kedaulatan", "Normalisasi", "Operasional",
# "Struktural") name units and fields, never people.
_NOMINAL = re.compile(r"^(?:(?:pe[mnr]?|ke)[a-z]{4,}an|[a-z]{3,}(?:isasi|ional|tural|itas|isme))$")
# Their names often hold a person's name ("Universitas Sam Ratulangi"): not institution words.
_NAMED_AFTER_PEOPLE = {"university", "media", "civil_society", "pollster", "think_tank"}


@dataclass(frozen=True, slots=True)
class OrgEntry:
    name: str
    acronym: str | None
    type: str
    aliases: tuple[str, ...]
    regional: tuple[str, ...]  # region types it takes as a suffix ("kabupaten", "kota", ...)
    canonical: str
    takes_name: bool = False  # "Komando Daerah Militer Jaya": a proper name follows


class OrgLexicon:
    """Lookup tables for organizations, organization nouns and institution vocabulary."""

    def __init__(self) -> None:
        self.entries: list[OrgEntry] = []
        self._phrases: dict[tuple[str, ...], OrgEntry] = {}
        self._acronyms: dict[tuple[str, ...], OrgEntry] = {}
        for line in (_DIR / "gazetteer.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                self._add(json.loads(line))
        words = json.loads((_DIR / "lexicon.json").read_text(encoding="utf-8"))
        self._nouns = {keys_of(n) for n in words["org_nouns"]}
        self._named_nouns = {keys_of(n) for n in words["named_nouns"]}
        self.connectors = frozenset(words["connectors"])
        vocab = {k for phrase in words["vocab"] for k in keys_of(phrase)}
        for entry in self.entries:
            if entry.type in _NAMED_AFTER_PEOPLE:
                continue
            for phrase in (entry.name, *entry.aliases):
                vocab.update(k for k in keys_of(phrase) if k not in self.connectors)
        vocab.update(k for noun in self._nouns for k in noun)
        # Words of organization names that are also common in people's names ("Agung", "Karya").
        self.vocab = frozenset(vocab - set(words["name_like"]))
        self._lengths: dict[str, list[int]] = {}
        for key in (*self._phrases, *self._acronyms, *self._nouns):
            lengths = self._lengths.setdefault(token_key(key[0]), [])
            if len(key) not in lengths:
                lengths.append(len(key))
        for lengths in self._lengths.values():
            lengths.sort(reverse=True)

    def _add(self, raw: dict) -> None:
        acronym = raw.get("acronym")
        entry = OrgEntry(
            name=raw["name"],
            acronym=acronym,
            type=raw["type"],
            aliases=tuple(raw.get("aliases", ())),
            regional=tuple(raw.get("regional", ())),
            canonical=raw.get("canonical") or acronym or raw["name"],
            takes_name=bool(raw.get("takes_name")),
        )
        self.entries.append(entry)
        for phrase in (entry.name, *entry.aliases):
            self._phrases.setdefault(keys_of(phrase), entry)
        if acronym:
            exact = tuple(t.text for t in tokenize(acronym) if t.is_word)
            self._acronyms.setdefault(exact, entry)
            self._acronyms.setdefault(tuple(w.upper() for w in exact), entry)

    def entry_at(
        self, tokens: list[Token], i: int, upper: bool = False
    ) -> tuple[int, OrgEntry] | None:
        """Longest gazetteer organization starting at token ``i``."""
        if i >= len(tokens) or not tokens[i].is_word:
            return None
        first = tokens[i]
        for n in self._lengths.get(first.key, ()):
            window = tokens[i : i + n]
            if len(window) < n or not all(t.is_word for t in window):
                continue
            entry = self._acronyms.get(tuple(t.text for t in window))
            if entry is None and (upper or first.is_all_caps):
                entry = self._acronyms.get(tuple(t.text.upper() for t in window))
            if entry is None and (first.is_upper_initial or upper):
                entry = self._phrases.get(tuple(t.key for t in window))
            if entry is not None:
                return i + n, entry
        return None

    def noun_at(self, tokens: list[Token], i: int, upper: bool = False) -> tuple[int, bool] | None:
        """An organization noun ("Badan", "Pusat Studi") at ``i``: (end, needs_a_proper_name)."""
        if i >= len(tokens) or not (tokens[i].is_upper_initial or upper):
            return None
        for n in self._lengths.get(tokens[i].key, ()):
            key = tuple(t.key for t in tokens[i : i + n])
            if key in self._nouns:
                return i + n, key in self._named_nouns
        return None

    def is_vocab(self, token: Token) -> bool:
        return token.key in self.vocab or bool(_NOMINAL.match(token.key))

    def is_connector(self, token: Token) -> bool:
        return token.key in self.connectors

    def is_org_word(self, word: str) -> bool:
        key = token_key(word)
        return key in self.vocab or bool(_NOMINAL.match(key))


_lock = threading.Lock()
_instance: OrgLexicon | None = None


def get_lexicon() -> OrgLexicon:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = OrgLexicon()
    return _instance
