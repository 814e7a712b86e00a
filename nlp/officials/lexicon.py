"""Position, rank, honorific and cue-word lexicons of the official linker (data in lexicon/)."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from nlp.orgs.lexicon import OrgLexicon, get_lexicon
from nlp.orgs.phrase import PhraseParser
from nlp.orgs.stopwords import never_org
from nlp.regions import RegionGazetteer, get_gazetteer
from nlp.regions.tokens import Token, keys_of

log = logging.getLogger(__name__)

_DIR = Path(__file__).parent / "lexicon"


@dataclass(frozen=True, slots=True)
class Position:
    text: str  # canonical spelling ("Wakil Bupati" is "Wakil" + "Bupati")
    kind: str  # unit | fused | regional | minister
    portfolio: bool = False  # takes a field after it ("Deputi Penindakan dan Eksekusi")
    unit: str = ""  # fused acronyms: the unit they bundle ("Kapolres" -> "Polres")
    place: bool = False  # fused acronyms: a place follows ("Kapolres Inhu")
    region_type: str = ""  # regional heads: "kabupaten", "kota", "provinsi", "kecamatan"
    label: str = ""  # regional heads: the institution word ("Kabupaten")
    needs_org: bool = False  # only an office when an organization follows ("Irjen Kemendagri")


class PhraseTable:
    """Token-key phrases with a value, matched longest first."""

    def __init__(self, items: dict[tuple[str, ...], object]) -> None:
        self.items = items
        self.lengths: dict[str, list[int]] = {}
        for key in items:
            self.lengths.setdefault(key[0], []).append(len(key))
        for lengths in self.lengths.values():
            lengths.sort(reverse=True)

    def match(self, tokens: list[Token], i: int) -> tuple[int, object] | None:
        if i >= len(tokens) or not tokens[i].is_word:
            return None
        for n in self.lengths.get(tokens[i].key, ()):
            window = tokens[i : i + n]
            if len(window) == n and all(t.is_word for t in window):
                value = self.items.get(tuple(t.key for t in window))
                if value is not None:
                    return i + n, value
        return None


def _lines(name: str) -> list[str]:
    text = (_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


class OfficialLexicon:
    def __init__(self) -> None:
        positions: dict[tuple[str, ...], object] = {}
        for line in _lines("positions.jsonl"):
            raw = json.loads(line)
            positions[keys_of(raw["text"])] = Position(**raw)
        self.positions = PhraseTable(positions)
        self.ranks = PhraseTable({keys_of(r): r for r in _lines("ranks.txt")})
        honor = json.loads((_DIR / "honorifics.json").read_text(encoding="utf-8"))
        self.before = PhraseTable({keys_of(h): h for h in honor["before"]})
        self.after = PhraseTable({keys_of(h): h for h in honor["after"]})
        cues = json.loads((_DIR / "cues.json").read_text(encoding="utf-8"))
        self.prefixes = PhraseTable({keys_of(k): v for k, v in cues["prefixes"].items()})
        self.former = PhraseTable({keys_of(w): w for w in cues["former"]})
        self.candidate = PhraseTable({keys_of(w): w for w in cues["candidate"]})
        self.appointment_verbs = frozenset(cues["appointment_verbs"])
        self.role_links = frozenset(cues["role_links"])
        self.demonstratives = frozenset(cues["demonstratives"])
        self.period = PhraseTable({keys_of(w): w for w in cues["period_words"]})
        self.particles = frozenset(cues["name_particles"])
        self.place_words = frozenset(w.casefold() for w in cues["place_words"])
        self.ordinals = frozenset(cues["ordinals"])
        self.object_markers = frozenset(cues["object_markers"])
        self.shared_name_links = frozenset(cues["shared_name_links"])
        self.balinese = frozenset(cues["balinese_after_i"])
        self.countries = PhraseTable({keys_of(c): c for c in _lines("countries.txt")})
        self.not_names = frozenset(w.casefold() for w in cues["not_names"])
        self.orgs: OrgLexicon = get_lexicon()
        self.regions: RegionGazetteer = get_gazetteer()
        heads = {k[0] for k in positions} | {k[0] for k in self.ranks.items}
        heads |= {k[0] for k in self.prefixes.items} | {k[0] for k in self.former.items}
        # Words that can start a position mention (with its cues): the only tokens worth a look.
        self.mention_heads = heads | {k[0] for k in self.candidate.items}
        self.word_stop = never_org()
        self.stop = self.word_stop | heads
        # Month names are also given names ("I Made Juni Artawan"); inside a name they pass.
        self.name_stop = self.stop - frozenset(cues["name_words"])
        self.parser = PhraseParser(self.orgs, self.regions, self.stop)

    def is_title_word(self, token: Token) -> bool:
        return token.key in self.positions.lengths or token.key in self.prefixes.lengths


_lock = threading.Lock()
_instance: OfficialLexicon | None = None


def get_official_lexicon() -> OfficialLexicon:
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = OfficialLexicon()
    return _instance
