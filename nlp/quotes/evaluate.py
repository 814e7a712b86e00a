"""Score statements on a JSONL set in the quotes_dev schema (../shared/data/eval/README.md).

A predicted statement matches a gold one when their character spans overlap with Jaccard >=
0.5 (greedy, each gold statement once); attribution is right when the speakers agree after
lower-casing and removing punctuation (a predicted name that is the gold name's last word, or
contains it, also counts). Prints quote P/R/F1, attribution accuracy, attributed-quote F1,
per-kind recall and a reliability table of statement confidences.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from nlp.scoring import Reliability, norm, prf


def same_speaker(pred: str | None, gold: str | None) -> bool:
    p, g = norm(pred), norm(gold)
    return bool(p and g) and (p == g or g in p or p == g.split()[-1] or (len(p) > 3 and p in g))


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def evaluate_items(items: Iterable[dict], predict: Callable[[dict], list[dict]]) -> dict[str, Any]:
    """``items``: {text, quotes: [{start, end, kind, speaker}]}; ``predict(item)`` -> quotes."""
    tp = fp = fn = atp = n = 0
    kinds: Counter[str] = Counter()
    found: Counter[str] = Counter()
    bins = Reliability()
    for item in items:
        n += 1
        gold = item["quotes"]
        used: set[int] = set()
        for g in gold:
            kinds[g["kind"]] += 1
        for q in predict(item):  # in output order, as the shared scorer matches them
            span = (q["start"], q["end"])
            best = max(
                (
                    (jaccard(span, (g["start"], g["end"])), i)
                    for i, g in enumerate(gold)
                    if i not in used
                ),
                default=(0.0, None),
            )
            ok = False
            if best[1] is not None and best[0] >= 0.5:
                used.add(best[1])
                tp += 1
                found[gold[best[1]]["kind"]] += 1
                ok = same_speaker(q.get("speaker"), gold[best[1]].get("speaker"))
                atp += ok
            else:
                fp += 1
            bins.add(float(q.get("confidence", 0.0)), ok)
        fn += len(gold) - len(used)
    qp, qr, qf = prf(tp, fp, fn)
    _, _, af = prf(atp, fp + tp - atp, fn + tp - atp)
    return {
        "articles": n,
        "gold_quotes": sum(kinds.values()),
        "quotes": {
            "precision": round(qp, 4),
            "recall": round(qr, 4),
            "f1": round(qf, 4),
            "tp": tp,
            "fp": fp,
            "fn": fn,
        },
        "attribution_accuracy": round(atp / tp, 4) if tp else 0.0,
        "attributed_f1": round(af, 4),
        "recall_by_kind": {k: round(found[k] / v, 4) for k, v in kinds.items()},
        "reliability": bins.table("attributed_right"),
    }


def read_items(path: Path) -> list[dict]:
    return [
        json.loads(line)
        for line in Path(path).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def pool_items(split: str = "test") -> list[dict]:
    """Our annotated articles (annotations/quotes) with their texts, for ``split``."""
    from nlp.annotation.pool import articles, frozen_ids, load_labels

    labels = load_labels("quotes", ("A", "adjudicated"))
    frozen = frozen_ids("quotes")
    texts = {a["id"]: a["text"] for a in articles()}
    return [
        {"id": rid, "text": texts[rid], "quotes": rec["quotes"]}
        for rid, rec in sorted(labels.items())
        if rid in texts and (split == "all" or (rid in frozen) == (split == "test"))
    ]
