"""Scores the official linker on a JSONL set in the eval/officials_dev.jsonl schema.

Triples (name, position, institution) are compared after lower-casing, removing punctuation,
extra spaces and leading honorifics; micro precision / recall / F1 over items. Person and
organization recall are measured on the "persons" and "organizations" lists.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from nlp.officials import extract_officials
from nlp.officials.lexicon import get_official_lexicon
from nlp.officials.persons import find_persons
from nlp.orgs import find_organizations

log = logging.getLogger(__name__)

_PUNCT = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def norm(value: str | None) -> str:
    """Lower case, no punctuation, single spaces."""
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value).casefold()
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()


def norm_name(value: str | None) -> str:
    words = norm(value).split()
    honorifics = {k[0] for k in get_official_lexicon().before.items if len(k) == 1}
    while len(words) > 1 and words[0] in honorifics:
        words = words[1:]
    return " ".join(words)


def _triple(o: dict) -> tuple[str, str, str]:
    return norm_name(o.get("name")), norm(o.get("position")), norm(o.get("institution"))


def _org_forms(org: dict) -> set[str]:
    forms = {norm(org.get("name")), norm(org.get("canonical")), norm(org.get("acronym"))}
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*(.*)$", org.get("name") or "")
    if m:
        forms |= {norm(m.group(1)), norm(m.group(2)), norm(f"{m.group(1)} {m.group(3)}")}
    return forms - {""}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
    }


def evaluate_file(path: Path, predict: Callable[[str], list[dict]] | None = None) -> dict:
    """Metrics for one JSONL file; ``errors`` lists the items with missed or spurious triples.

    ``predict`` (text -> officials) defaults to the rule linker alone; ``pantau nlp
    evaluate-officials`` passes the whole pipeline, as ``pantau extract`` runs it."""
    predict = predict or extract_officials
    tp = fp = fn = 0
    persons_gold = persons_found = orgs_gold = orgs_found = items = 0
    errors: list[dict] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        items += 1
        text = item["text"]
        gold = Counter(_triple(o) for o in item.get("officials", []))
        pred = Counter(_triple(o) for o in predict(text))
        hit = sum((gold & pred).values())
        tp, fp, fn = tp + hit, fp + sum(pred.values()) - hit, fn + sum(gold.values()) - hit
        if gold != pred:
            errors.append(
                {
                    "id": item.get("id"),
                    "missed": sorted(gold - pred),
                    "spurious": sorted(pred - gold),
                }
            )
        found_persons = {norm_name(p) for p in find_persons(text)}
        for person in item.get("persons", []):
            persons_gold += 1
            persons_found += norm_name(person) in found_persons
        forms: set[str] = set()
        for org in find_organizations(text):
            forms |= _org_forms(org)
        for org in item.get("organizations", []):
            orgs_gold += 1
            orgs_found += norm(org) in forms
    return {
        "file": str(path),
        "items": items,
        "triples": _prf(tp, fp, fn),
        "persons": {
            "gold": persons_gold,
            "found": persons_found,
            "recall": _ratio(persons_found, persons_gold),
        },
        "organizations": {
            "gold": orgs_gold,
            "found": orgs_found,
            "recall": _ratio(orgs_found, orgs_gold),
        },
        "errors": errors,
    }


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0
