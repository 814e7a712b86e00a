"""Election-violation detection over the taxonomy in docs/VIOLATIONS.md.

``detect(text, title)`` separates reports (alleged / investigated / found / sanctioned) from
mere mentions and from denials by an authority. Patterns and cues live in ``patterns/*.jsonl``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from nlp.violations.actors import ActorFinder
from nlp.violations.detector import Scan, SentenceAnalysis, SentenceDetector
from nlp.violations.lexicon import CATEGORIES, STATUSES, load_lexicon
from nlp.violations.sentences import split_sentences

log = logging.getLogger(__name__)

__all__ = ["CATEGORIES", "STATUSES", "ViolationResult", "detect"]

MULTI_SENTENCE_BONUS = 0.05
CONTEXT_WINDOW = 1  # sentences either side whose election words count for this one
SHORT_TEXT = 3  # sentences: up to this, candidate names also count as election context


@dataclass
class ViolationResult:
    """Reported violations (with evidence), mentioned-only and denied categories."""

    violations: list[dict] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)
    denied: list[str] = field(default_factory=list)
    denial: bool = False  # an authority denied something, even when no category is named
    # What the pattern layer saw (cues, markers, category patterns, decisions) as short
    # strings: the features the learned classifier (nlp/violations/model.py) builds on.
    signals: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """Text-level status: the strongest report's status, else "denied" or "none"."""
        if self.violations:
            return max(self.violations, key=lambda v: v["confidence"])["status"]
        return "denied" if (self.denial or self.denied) else "none"


@lru_cache(maxsize=1)
def _engine() -> tuple[SentenceDetector, ActorFinder]:
    lexicon = load_lexicon()
    return SentenceDetector(lexicon), ActorFinder(lexicon)


def detect(text: str, title: str | None = None) -> ViolationResult:
    """Detect reported, mentioned and denied violations in ``text`` (and ``title``)."""
    detector, actors = _engine()
    scans: dict[str, list[Scan]] = {
        name: [detector.scan(s) for s in split_sentences(source or "")]
        for name, source in (("title", title), ("text", text))
    }
    title_context = any(s.election_words for s in scans["title"])
    short = len(scans["title"]) + len(scans["text"]) <= SHORT_TEXT
    markers = {m for v in scans.values() for s in v for m in s.markers}
    names = short and "ELECTION_NAMES" in markers and "NAMES_VETO" not in markers
    analyses: list[tuple[str, SentenceAnalysis]] = []
    for field_name, field_scans in scans.items():
        for k, scan in enumerate(field_scans):
            window = field_scans[max(0, k - CONTEXT_WINDOW) : k + CONTEXT_WINDOW + 1]
            context = title_context or names or any(s.election_words for s in window)
            analyses.append((field_name, detector.decide(scan, context)))

    reports: dict[str, list[dict[str, Any]]] = {}
    mentioned: set[str] = set()
    denied: set[str] = set()
    signals = _signals(scans, analyses)
    for field_name, analysis in analyses:
        sent = analysis.sentence
        for d in analysis.decisions:
            if d.outcome == "report":
                item: dict[str, Any] = {
                    "category": d.category,
                    "status": d.status,
                    "evidence": sent.text,
                    "start": sent.start,
                    "end": sent.end,
                    "confidence": d.confidence,
                    "actors": [],
                }
                if field_name == "title":
                    item["field"] = "title"
                reports.setdefault(d.category, []).append(item)
            elif d.outcome == "denied":
                denied.add(d.category)
            else:
                mentioned.add(d.category)

    violations = []
    for category in CATEGORIES:
        items = reports.get(category)
        if not items:
            continue
        top = max(items, key=lambda v: (v["confidence"], v.get("field") == "title"))
        best: dict[str, Any] = dict(top)
        if len({(v.get("field"), v["start"]) for v in items}) > 1:
            best["confidence"] = round(min(0.95, best["confidence"] + MULTI_SENTENCE_BONUS), 3)
        best["actors"] = actors.find(best["evidence"])
        violations.append(best)
        signals.append(f"conf:{category}:{min(9, int(best['confidence'] * 10))}")
    reported = {v["category"] for v in violations}
    return ViolationResult(
        violations=violations,
        mentioned=sorted(mentioned - reported - denied),
        denied=sorted(denied - reported),
        denial=any(a.denial for _, a in analyses) and not violations,
        signals=signals,
    )


def _signals(
    scans: dict[str, list[Scan]], analyses: list[tuple[str, SentenceAnalysis]]
) -> list[str]:
    out: set[str] = set()
    for field_scans in scans.values():
        for scan in field_scans:
            out.update(f"mk:{m}" for m in scan.markers)
            out.update(f"cue:{c.type}:{c.status or c.kind}" for c, _ in scan.cues)
            out.update(f"pat:{c.category}:{c.kind}" for c, _ in scan.categories)
            if scan.sentence.text.rstrip().endswith("?"):
                out.add("question")
    for _, analysis in analyses:
        if analysis.denial:
            out.add("authority_denial")
        for d in analysis.decisions:
            out.add(f"dec:{d.category}:{d.outcome}")
            out.add(f"dec:{d.outcome}:{d.status}")
            if d.rule:
                out.add(f"rule:{d.rule}")
    return sorted(out)
