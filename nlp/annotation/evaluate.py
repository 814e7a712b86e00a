"""Score the extraction pipeline on our own annotated test split (or any labelled pool ids).

``pantau nlp evaluate-pool entities|officials [--split test|train|all]`` runs ``pantau
extract``'s code path (``Extractor.extract_records``) over the pool texts of the labelled items
and prints JSON: entity micro/per-label P/R/F1 (exact character span + label, PER/ORG/LOC) and
official triple P/R/F1 (name, position, institution after the normalisation of the shared
scorer: lower case, punctuation removed), plus a reliability table of official confidences.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from nlp.annotation.pool import frozen_ids, load_labels, load_pool
from nlp.scoring import Reliability, norm, prf_dict

NER_LABELS = ("PER", "ORG", "LOC")


ACTING = re.compile(r"\b(Plt|PLT|Pj|PJ|Pjs|Plh)\.?\s+$")


def normalise_official(text: str, official: dict) -> dict:
    """Bring a pass-A official to the conventions decided later (docs/annotation.md): an
    acting prefix written right before the position belongs to it ("Plt Ketua"), and an
    acronym in parentheses right after the unit belongs to the institution."""
    inst = official.get("institution_text")
    if inst:
        at = text.find(inst)
        m = re.match(r"\s*\(([^()\s]{2,12})\)", text[at + len(inst) :]) if at >= 0 else None
        if m:  # the acronym in parentheses after the unit stays in it, as written
            official = {**official, "institution_text": f"{inst} ({m.group(1)})"}
    pos = official.get("position")
    if pos:
        m = ACTING.search(text[max(0, pos[0] - 5) : pos[0]])
        if m and not official["position_text"].lower().startswith(m.group(1).lower()):
            return {**official, "position_text": f"{m.group(1)} {official['position_text']}"}
    return official


def labelled(split: str = "test") -> list[tuple[dict, dict]]:
    """(pool item, labels) pairs of the entities task for ``split`` (test / train / all)."""
    labels = load_labels("entities", ("A", "adjudicated"))
    frozen = frozen_ids("entities")
    pool = load_pool(["sentences_news2025.jsonl", "rss_items_2026.jsonl"])
    out = []
    for rid, rec in sorted(labels.items()):
        if split != "all" and (rid in frozen) != (split == "test"):
            continue
        if rid in pool:
            text = pool[rid]["text"]
            rec = {**rec, "officials": [normalise_official(text, o) for o in rec["officials"]]}
            out.append((pool[rid], rec))
    return out


def evaluate_pool(extractor: Any, split: str = "test") -> dict[str, Any]:
    pairs = labelled(split)
    results = extractor.extract_records({"id": it["id"], "text": it["text"]} for it, _ in pairs)
    ent: dict[str, Counter[str]] = {lab: Counter() for lab in NER_LABELS}
    off: Counter[str] = Counter()
    bins = Reliability()
    for (_item, rec), out in zip(pairs, results, strict=True):
        gold = {(s, e, lab) for s, e, lab in rec["spans"] if lab in NER_LABELS}
        pred = {
            (e["start"], e["end"], e["label"])
            for e in out.get("entities", [])
            if e["label"] in NER_LABELS
        }
        for lab in NER_LABELS:
            g = {x for x in gold if x[2] == lab}
            p = {x for x in pred if x[2] == lab}
            ent[lab].update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        gold_o = {
            (norm(o["name"]), norm(o["position_text"]), norm(o.get("institution_text")))
            for o in rec["officials"]
        }
        for o in out.get("officials", []):
            key = (norm(o.get("name")), norm(o.get("position")), norm(o.get("institution")))
            ok = key in gold_o
            off["tp" if ok else "fp"] += 1
            bins.add(float(o.get("confidence", 1.0)), ok)
        pred_o = {
            (norm(o.get("name")), norm(o.get("position")), norm(o.get("institution")))
            for o in out.get("officials", [])
        }
        off["fn"] += len(gold_o - pred_o)
    total = sum((ent[lab] for lab in NER_LABELS), Counter())
    return {
        "split": split,
        "items": len(pairs),
        "entities": {
            "micro": prf_dict(total["tp"], total["fp"], total["fn"]),
            **{lab: prf_dict(c["tp"], c["fp"], c["fn"]) for lab, c in ent.items()},
        },
        "officials": prf_dict(off["tp"], off["fp"], off["fn"]),
        "officials_reliability": bins.table(),
    }
