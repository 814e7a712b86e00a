"""Sentence-level decisions: is a category matched here reported, denied or only mentioned?

Per category match the rules ask, in order: is the election context missing (for generic
patterns)? does an authority deny it? is it negated? is it under a strong modality (prohibition,
prevention, rawan, hypothetical, pledge, socialisation)? under a weak one (appeal, rule,
oversight, general claim) with no status cue right next to it? Then the strongest status cue
of the clause or sentence gives the status; an act pattern with no cue is ``alleged``; a bare
topic word with no cue is a mention. Confidence comes from which rule decided (see CONFIDENCE).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from nlp.keywords import compile_pattern
from nlp.morphology import Token, tokenize
from nlp.violations.lexicon import STATUSES, CategoryPattern, Cue, Lexicon
from nlp.violations.sentences import Span, split_clauses

log = logging.getLogger(__name__)

LOCAL_WINDOW = 3  # tokens between a status cue and the category match to count as "local"
NEG_WINDOW = 3  # tokens before a status cue / category match in which a negator cancels it
CONFIDENCE = {
    "local_strong": 0.85,
    "clause_strong": 0.8,
    "sentence_strong": 0.7,
    "local_weak": 0.65,
    "clause_weak": 0.6,
    "sentence_weak": 0.55,
    "event": 0.6,
    "event_hedged": 0.5,
    "verdict_factcheck": 0.85,
    "verdict_claim": 0.65,
}
CLAIM_FRAME_PENALTY = 0.15
_SEVERITY = {s: i for i, s in enumerate(STATUSES)}
_QUESTION = Cue("status", compile_pattern("=?"), "?", "alleged", "weak")  # question headline


@dataclass(slots=True)
class Decision:
    category: str
    outcome: str  # report / mention / denied
    status: str = "none"
    confidence: float = 0.0
    rule: str = ""


@dataclass(slots=True)
class SentenceAnalysis:
    sentence: Span
    decisions: list[Decision] = field(default_factory=list)
    denial: bool = False  # an authority says something is not a violation / is false


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    clause: int


@dataclass(slots=True)
class Scan:
    """Everything the index found in one sentence, before any decision."""

    sentence: Span
    tokens: list[Token]
    categories: list[tuple[CategoryPattern, _Hit]] = field(default_factory=list)
    cues: list[tuple[Cue, _Hit]] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)

    @property
    def election_words(self) -> bool:
        return "ELECTION_CONTEXT" in self.markers


class SentenceDetector:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def scan(self, sentence: Span) -> Scan:
        tokens = tokenize(sentence.text)
        out = Scan(sentence, tokens)
        clause_of = self._clause_index(sentence, tokens)
        for pid, i, j in self.lex.index.find(tokens):
            entry = self.lex.entries[pid]
            hit = _Hit(i, j, clause_of[i])
            if isinstance(entry, CategoryPattern):
                out.categories.append((entry, hit))
            elif isinstance(entry, Cue):
                out.cues.append((entry, hit))
            else:
                out.markers.add(entry.name)
        return out

    def decide(self, scan: Scan, election_context: bool) -> SentenceAnalysis:
        """Decisions for one scanned sentence; ``election_context`` comes from the caller."""
        sentence = scan.sentence
        out = SentenceAnalysis(sentence)
        cues = scan.cues
        negs = {h.start for c, h in cues if c.type == "negator"}
        authority = "AUTHORITY" in scan.markers
        denial = any(c.type == "denial" for c, _ in cues)
        out.denial = denial and authority
        statuses = [
            (c, h)
            for c, h in cues
            if c.type == "status" and not any(h.start - NEG_WINDOW <= n < h.start for n in negs)
        ]
        if sentence.text.rstrip().endswith("?"):
            statuses.append((_QUESTION, _Hit(0, 0, -1)))
        mentions = [(c, h) for c, h in cues if c.type == "mention"]
        verdict = self._verdict(sentence.text, authority) if election_context else None
        if verdict and verdict[2] == "verdict_claim" and mentions:
            verdict = None  # "Perangi Hoaks", "Hoaks Harus Dihentikan": talk about hoaxes
        claim_frame = any(c.type == "claim_frame" and h.start == 0 for c, h in cues)
        if verdict:
            out.decisions.append(Decision("kampanye_hitam", "report", *verdict))
        for cat, hit in scan.categories:
            if cat.context and not election_context:
                continue
            if verdict:
                out.decisions.append(Decision(cat.category, "mention", rule="verdict"))
                continue
            d = self._decide(cat, hit, negs, statuses, mentions, denial, authority)
            if claim_frame and d.outcome == "report":
                d = self._claim_framed(d)
            out.decisions.append(d)
        self._apply_precedence(out)
        return out

    def _apply_precedence(self, out: SentenceAnalysis) -> None:
        """Within one sentence, a more specific category absorbs a broader one."""
        reported = {d.category for d in out.decisions if d.outcome == "report"}
        for drop, when in self.lex.precedence:
            if drop in reported and when in reported:
                for d in out.decisions:
                    if d.category == drop and d.outcome == "report":
                        d.outcome, d.status, d.rule = "mention", "none", f"absorbed_by_{when}"

    def _clause_index(self, sentence: Span, tokens: list[Token]) -> list[int]:
        clauses = split_clauses(Span(sentence.text, 0, len(sentence.text)))
        index: list[int] = []
        n = 0  # tokens and clauses both run left to right, clauses without overlap
        for tok in tokens:
            while n < len(clauses) and clauses[n].end <= tok.start:
                n += 1
            inside = n < len(clauses) and clauses[n].start <= tok.start
            index.append(n if inside else (index[-1] if index else 0))
        return index

    def _verdict(self, text: str, authority: bool) -> tuple[str, float, str] | None:
        for v in self.lex.verdicts:
            if v.regex.search(text):
                if v.source == "factcheck" or authority:
                    return ("found", CONFIDENCE["verdict_factcheck"], "verdict_factcheck")
                return ("alleged", CONFIDENCE["verdict_claim"], "verdict_claim")
        return None

    def _decide(
        self,
        cat: CategoryPattern,
        hit: _Hit,
        negs: set[int],
        statuses: list[tuple[Cue, _Hit]],
        mentions: list[tuple[Cue, _Hit]],
        denial: bool,
        authority: bool,
    ) -> Decision:
        name = cat.category
        if denial and authority:
            return Decision(name, "denied", "denied", 0.7, "authority_denial")
        own_neg = any(w in cat.spec for w in ("=tidak", "=tak", "=belum", "=kurang"))
        if not own_neg and any(hit.start - 2 <= n < hit.end for n in negs):
            return Decision(name, "mention", rule="negated")
        if denial:
            return Decision(name, "mention", rule="denied_by_party")
        same_clause = [(c, h) for c, h in mentions if h.clause == hit.clause]
        local = [
            (c, h)
            for c, h in statuses
            if h.clause == hit.clause
            and (hit.start - LOCAL_WINDOW <= h.end and h.start <= hit.end + LOCAL_WINDOW)
        ]
        local_strong = [x for x in local if x[0].strength == "strong"]
        if any(c.strength == "strong" for c, _ in same_clause):
            return Decision(name, "mention", rule="strong_modality")
        if same_clause and not local_strong:
            return Decision(name, "mention", rule="weak_modality")
        for tier, pool in (
            ("local", local),
            ("clause", [x for x in statuses if x[1].clause == hit.clause]),
            ("sentence", statuses),
        ):
            strong = [c for c, _ in pool if c.strength == "strong"]
            chosen = strong or [c for c, _ in pool]
            if chosen:
                # an act named in the outlet's voice ("Curi Start") keeps its own status
                # unless a strong cue in its clause says otherwise ("diduga curi start")
                weak_only = not strong or tier == "sentence"
                floor = [cat.status] if cat.kind == "event" and weak_only else []
                status = max([c.status for c in chosen] + floor, key=_SEVERITY.__getitem__)
                rule = f"{tier}_{'strong' if strong else 'weak'}"
                return Decision(name, "report", status, self._conf(cat, rule), rule)
        if cat.kind == "event":
            rule = "event_hedged" if mentions else "event"
            return Decision(name, "report", cat.status, self._conf(cat, rule), rule)
        return Decision(name, "mention", rule="topic_only")

    @staticmethod
    def _claim_framed(d: Decision) -> Decision:
        """'Video petugas KPPS coblos surat suara': an artefact described, not an incident."""
        if d.rule.endswith("_strong"):
            d.confidence = round(max(0.05, d.confidence - CLAIM_FRAME_PENALTY), 3)
            d.rule += "+claim_frame"
            return d
        return Decision(d.category, "mention", rule="claim_frame")

    @staticmethod
    def _conf(cat: CategoryPattern, rule: str) -> float:
        conf = CONFIDENCE[rule] + cat.weight - (0.05 if cat.context else 0.0)
        return round(min(0.95, max(0.05, conf)), 3)
