"""Load the violation patterns and cues from ``patterns/*.jsonl`` and compile them."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.keywords import PatternIndex, TokenPattern, compile_pattern
from nlp.morphology import register_roots

log = logging.getLogger(__name__)

PATTERN_DIR = Path(__file__).parent / "patterns"
CATEGORIES = (
    "politik_uang",
    "netralitas",
    "fasilitas_negara",
    "kampanye_hitam",
    "sara",
    "intimidasi",
    "manipulasi_suara",
    "kampanye_ilegal",
    "dana_kampanye",
    "penyelenggara",
    "hak_pilih",
)
STATUSES = ("alleged", "investigated", "found", "sanctioned")


@dataclass(frozen=True, slots=True)
class CategoryPattern:
    category: str
    kind: str  # "event": an act, reported unless hedged; "topic": needs a status cue
    pattern: TokenPattern
    spec: str
    context: bool = False  # needs an election word somewhere in the text
    status: str = "alleged"  # status when no cue says otherwise
    weight: float = 0.0  # confidence adjustment


@dataclass(frozen=True, slots=True)
class Cue:
    type: str  # status / mention / negator / denial
    pattern: TokenPattern
    spec: str
    status: str = ""
    strength: str = "strong"
    kind: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    regex: re.Pattern[str]
    source: str  # "factcheck" (a fact-checker's label) or "claim" (someone calls it a hoax)


@dataclass(frozen=True, slots=True)
class Marker:
    """A named word set searched in every sentence (authority, election context...)."""

    name: str
    pattern: TokenPattern


@dataclass(frozen=True, slots=True)
class Lexicon:
    categories: tuple[CategoryPattern, ...]
    cues: tuple[Cue, ...]
    verdicts: tuple[Verdict, ...]
    sets: dict[str, tuple[str, ...]]
    precedence: tuple[tuple[str, str], ...]  # (drop, when): same-sentence subsumption
    index: PatternIndex  # every category pattern, cue and marker, in one pass
    entries: tuple[CategoryPattern | Cue | Marker, ...]  # index id -> what it is


MARKERS = ("AUTHORITY", "ELECTION_CONTEXT", "ELECTION_NAMES", "NAMES_VETO")


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("//"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: invalid JSON ({exc}); fix the line") from exc
    return rows


def _expand_sets(raw: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    def expand(name: str, seen: tuple[str, ...]) -> list[str]:
        if name in seen:
            raise ValueError(f"word set {name!r} refers to itself through {seen}")
        if name not in raw:
            raise ValueError(f"unknown word set {name!r}; define it in sets.jsonl")
        out: list[str] = []
        for word in raw[name]:
            out.extend(expand(word[1:], (*seen, name)) if word.startswith("@") else [word])
        return out

    return {name: tuple(dict.fromkeys(expand(name, ()))) for name in raw}


def _roots(specs: list[str]) -> set[str]:
    """Plain root words of the patterns (not exact, cased, prefix or set references)."""
    words: set[str] = set()
    for spec in specs:
        for alt in re.split(r"[\s|]+", spec):
            if alt and alt[0].isalpha() and not alt.endswith("*"):
                words.update(w.lower() for w in alt.split("_") if w)
    return words


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = PATTERN_DIR) -> Lexicon:
    """Compile every pattern file in ``directory`` (cached)."""
    sets = _expand_sets({r["name"]: r["words"] for r in _read_jsonl(directory / "sets.jsonl")})
    categories = []
    for row in _read_jsonl(directory / "categories.jsonl"):
        if row["category"] not in CATEGORIES:
            raise ValueError(f"unknown category {row['category']!r} in categories.jsonl")
        pattern = compile_pattern(row["pattern"], sets, row.get("gap", 0), row.get("gaps", ()))
        categories.append(
            CategoryPattern(
                category=row["category"],
                kind=row.get("kind", "topic"),
                pattern=pattern,
                spec=row["pattern"],
                context=row.get("context", False),
                status=row.get("status", "alleged"),
                weight=float(row.get("weight", 0.0)),
            )
        )
    cues, verdicts = [], []
    for row in _read_jsonl(directory / "cues.jsonl"):
        if row["type"] == "verdict":
            verdicts.append(Verdict(re.compile(row["regex"], re.IGNORECASE), row["source"]))
            continue
        cues.append(
            Cue(
                type=row["type"],
                pattern=compile_pattern(
                    row["pattern"], sets, row.get("gap", 0), row.get("gaps", ())
                ),
                spec=row["pattern"],
                status=row.get("status", ""),
                strength=row.get("strength", "strong"),
                kind=row.get("kind", ""),
            )
        )
    register_roots(_roots([c.spec for c in categories] + [c.spec for c in cues]))
    log.debug("violation lexicon: %d category patterns, %d cues", len(categories), len(cues))
    markers = [Marker(name, compile_pattern(f"@{name}", sets)) for name in MARKERS]
    index = PatternIndex()
    entries: list[CategoryPattern | Cue | Marker] = [*categories, *cues, *markers]
    for entry in entries:
        index.add(entry.pattern)
    precedence = tuple((r["drop"], r["when"]) for r in _read_jsonl(directory / "precedence.jsonl"))
    return Lexicon(
        categories=tuple(categories),
        cues=tuple(cues),
        verdicts=tuple(verdicts),
        sets=sets,
        precedence=precedence,
        index=index,
        entries=tuple(entries),
    )
