"""An article as the matcher sees it: token keys with positions, entities, regions, violations.

Built once per article and shared by every candidate subscription, so verifying one more
subscription costs a few set look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from alerts.query import PREFIX_KEY, Node, Or, Phrase, Term, token_keys
from alerts.regions import code_prefixes
from store.derived import derived_rows, norm
from store.records import Article

try:
    from nlp.morphology import tokenize
except ImportError:  # pragma: no cover
    tokenize = None  # type: ignore[assignment]

_FIELD_GAP = 100_000  # body positions start here, so phrases never span title and body


@dataclass
class MatchDoc:
    article: Article
    spans: dict[int, tuple[str, int, int]] = field(default_factory=dict)  # pos -> field, start, end
    surfaces: dict[int, str] = field(default_factory=dict)  # pos -> lower-cased token
    by_prefix: dict[str, list[int]] = field(default_factory=dict)  # first letters -> positions
    positions: dict[str, list[int]] = field(default_factory=dict)
    entities: dict[str, str] = field(default_factory=dict)  # norm -> display name
    speakers: dict[str, str] = field(default_factory=dict)  # norm -> who said something
    region_codes: set[str] = field(default_factory=set)
    region_names: set[str] = field(default_factory=set)
    violations: list[tuple[str, str, float]] = field(default_factory=list)
    keyword_lists: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    memo: dict[int, frozenset[int]] = field(default_factory=dict)  # id(term) -> positions
    reasons: dict[frozenset[int], dict[str, Any]] = field(default_factory=dict)

    @property
    def cluster_key(self) -> str:
        return cluster_key(self.article)


def cluster_key(article: Article) -> str:
    """One alert per story: ``Article.cluster_id`` where the store has it, else the article."""
    cluster = getattr(article, "cluster_id", None)
    return str(cluster) if cluster else article.id


def _words(text: str) -> list[tuple[str, int, int]]:
    if tokenize is not None:
        return [(t.text, t.start, t.end) for t in tokenize(text)]
    import re

    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"\w+", text)]


def build(article: Article) -> MatchDoc:
    doc = MatchDoc(article)
    for fname, text, base in (("title", article.title, 0), ("body", article.body, _FIELD_GAP)):
        for offset, (word, start, end) in enumerate(_words(text)):
            pos = base + offset
            doc.spans[pos] = (fname, start, end)
            doc.surfaces[pos] = low = word.lower()
            doc.by_prefix.setdefault(low[:PREFIX_KEY], []).append(pos)
            for key in token_keys(word):
                doc.positions.setdefault(key, []).append(pos)
    doc.keys.update("w:" + k for k in doc.positions)
    doc.keys.update("p:" + k for k in doc.by_prefix)
    entities, regions, _ = derived_rows(article, article.analysis)
    for kind, value, key, code in entities:
        if kind == "location":
            if code:
                doc.region_codes.update(code_prefixes(code))
            doc.region_names.add(key)
        else:
            doc.entities.setdefault(key, value)
    for _name, key, code in regions:
        doc.region_names.add(key)
        if code:
            doc.region_codes.update(code_prefixes(code))
    analysis = article.analysis
    if analysis is not None:
        for org in analysis.organizations:
            if org.acronym:
                doc.entities.setdefault(norm(org.acronym), org.acronym)
        for official in analysis.officials:
            if official.region_code:
                doc.region_codes.update(code_prefixes(official.region_code))
        doc.violations = [(v.category, v.status, v.confidence) for v in analysis.violations]
        for q in analysis.quotes:
            if q.speaker:
                doc.speakers.setdefault(norm(q.speaker), q.speaker)
            held = q.official or {}
            role = " ".join(x for x in (held.get("position"), held.get("institution")) if x)
            if role:  # "Ketua KPU" says something
                doc.speakers.setdefault(norm(role), f"{role} ({q.speaker})")
        doc.keyword_lists = {n for n in map(_list_name, analysis.keywords) if n}
    doc.keys.update("e:" + e for e in doc.entities)
    doc.keys.update("sp:" + s for s in doc.speakers)
    doc.keys.update("r:" + c for c in doc.region_codes)
    doc.keys.update("rn:" + n for n in doc.region_names)
    doc.keys.add("o:" + norm(article.source))
    doc.keys.update("c:" + v[0] for v in doc.violations)
    doc.keys.update("s:" + v[1] for v in doc.violations)
    doc.keys.update("k:" + norm(n) for n in doc.keyword_lists)
    return doc


def _list_name(item: Any) -> str | None:
    """Keyword hits are list names, or dicts {"list", "keyword", ...} from the flagger."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        return item.get("list")
    return None


def _term_positions(node: Term, doc: MatchDoc) -> frozenset[int]:
    found = doc.memo.get(id(node))
    if found is not None:
        return found
    if node.prefix and len(node.word) >= PREFIX_KEY:
        near = doc.by_prefix.get(node.word[:PREFIX_KEY], ())
        found = frozenset(p for p in near if doc.surfaces[p].startswith(node.word))
    elif node.prefix:
        found = frozenset(p for p, w in doc.surfaces.items() if w.startswith(node.word))
    else:
        out: set[int] = set()
        for key in node.keys:
            out.update(doc.positions.get(key, ()))
        found = frozenset(out)
    doc.memo[id(node)] = found
    return found


def _phrase_positions(node: Phrase, doc: MatchDoc) -> set[int]:
    sets = [_term_positions(t, doc) for t in node.terms]
    hits: set[int] = set()
    for start in sets[0]:
        if all(start + i in s for i, s in enumerate(sets)):
            hits.update(range(start, start + len(sets)))
    return hits


def matches(node: Node, doc: MatchDoc) -> bool:
    """Whether ``node`` matches; cheap set tests, positions only where unavoidable."""
    if isinstance(node, Term):
        if node.prefix:
            return bool(_term_positions(node, doc))
        return not doc.positions.keys().isdisjoint(node.keys)
    if isinstance(node, Phrase):
        if not all(matches(t, doc) for t in node.terms):
            return False
        return bool(_phrase_positions(node, doc))
    if isinstance(node, Or):
        return any(matches(c, doc) for c in node.children)
    return all(matches(c, doc) for c in node.children) and not any(
        matches(ex, doc) for ex in node.excluded
    )


def evaluate(node: Node, doc: MatchDoc) -> set[int] | None:
    """Positions that made ``node`` match (for highlights), or None when it does not match."""
    if not matches(node, doc):
        return None
    out: set[int] = set()
    _collect(node, doc, out)
    return out


def _collect(node: Node, doc: MatchDoc, out: set[int]) -> None:
    if isinstance(node, Term):
        out.update(_term_positions(node, doc))
    elif isinstance(node, Phrase):
        out.update(_phrase_positions(node, doc))
    else:
        for child in node.children:
            if matches(child, doc):
                _collect(child, doc, out)
