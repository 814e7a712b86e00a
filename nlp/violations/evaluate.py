"""Score ``detect`` on a JSONL file in the violations_dev schema (see data/eval/README.md)."""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from nlp.violations import CATEGORIES, ViolationResult, detect

log = logging.getLogger(__name__)

BUCKETS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "f1": round(f, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def read_items(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def evaluate_items(
    items: Iterable[dict], predict: Callable[[str, str | None], ViolationResult] | None = None
) -> dict:
    """Metrics for gold items ({text[, title], reported, status, mentioned}); ``predict``
    (text, title) -> ViolationResult defaults to the pattern layer alone (``detect``)."""
    predict = predict or detect
    tp = fp = fn = 0
    per_cat: dict[str, Counter[str]] = {c: Counter() for c in CATEGORIES}
    confusion: Counter[str] = Counter()
    text_level: Counter[str] = Counter()
    status_hits: Counter[str] = Counter()
    status_pairs: Counter[str] = Counter()
    mention: Counter[str] = Counter()
    buckets: Counter[tuple[int, bool]] = Counter()
    n = 0
    for item in items:
        n += 1
        result: ViolationResult = predict(item["text"], item.get("title"))
        gold = set(item.get("reported", []))
        gold_mentioned = set(item.get("mentioned", []))
        gold_status = item.get("status", "none")
        pred = {v["category"]: v for v in result.violations}
        for cat, v in pred.items():
            correct = cat in gold
            k = next(i for i in range(len(BUCKETS) - 1) if v["confidence"] < BUCKETS[i + 1])
            buckets[(k, correct)] += 1
            per_cat[cat]["tp" if correct else "fp"] += 1
            tp, fp = tp + correct, fp + (not correct)
            if correct:
                status_hits["correct" if v["status"] == gold_status else "wrong"] += 1
                status_pairs[f"{gold_status}->{v['status']}"] += 1
            elif cat in gold_mentioned:
                confusion["gold_mention_pred_report"] += 1
            elif gold_status == "denied":
                confusion["gold_denied_pred_report"] += 1
            else:
                confusion["gold_none_pred_report"] += 1
        pred_mentioned = set(result.mentioned) | set(result.denied)
        for cat in gold - set(pred):
            per_cat[cat]["fn"] += 1
            fn += 1
            key = "mention" if cat in pred_mentioned else "nothing"
            confusion[f"gold_report_pred_{key}"] += 1
        mention["tp"] += len(gold_mentioned & pred_mentioned)
        mention["fp"] += len(pred_mentioned - gold_mentioned - gold)
        mention["fn"] += len(gold_mentioned - pred_mentioned)
        g, p = bool(gold), bool(pred)
        text_level[f"{'gold' if g else 'nogold'}_{'pred' if p else 'nopred'}"] += 1
        if gold_status == "denied":
            text_level["denied_gold"] += 1
            text_level["denied_correct"] += result.status == "denied"
        text_level["denied_pred"] += result.status == "denied"
    return _summary(
        n, tp, fp, fn, per_cat, confusion, text_level, status_hits, status_pairs, mention, buckets
    )


def _summary(
    n, tp, fp, fn, per_cat, confusion, text_level, status_hits, status_pairs, mention, buckets
) -> dict:
    predicted = text_level["gold_pred"] + text_level["nogold_pred"]
    gold_reports = text_level["gold_pred"] + text_level["gold_nopred"]
    checked = status_hits["correct"] + status_hits["wrong"]
    reliability = []
    for k in range(len(BUCKETS) - 1):
        right, wrong = buckets[(k, True)], buckets[(k, False)]
        if right + wrong:
            hi = min(BUCKETS[k + 1], 1.0)
            reliability.append(
                {
                    "bucket": f"[{BUCKETS[k]:.1f},{hi:.1f})",
                    "n": right + wrong,
                    "precision": round(right / (right + wrong), 4),
                }
            )
    return {
        "items": n,
        "micro": _prf(tp, fp, fn),
        "report_accuracy": round((text_level["gold_pred"] + text_level["nogold_nopred"]) / n, 4)
        if n
        else 0.0,
        "report_precision": round(text_level["gold_pred"] / predicted, 4) if predicted else 0.0,
        "report_recall": round(text_level["gold_pred"] / gold_reports, 4) if gold_reports else 0.0,
        "text_confusion": {
            k: text_level[k] for k in ("gold_pred", "gold_nopred", "nogold_pred", "nogold_nopred")
        },
        "report_mention_confusion": {
            k: confusion[k]
            for k in (
                "gold_report_pred_mention",
                "gold_report_pred_nothing",
                "gold_mention_pred_report",
                "gold_denied_pred_report",
                "gold_none_pred_report",
            )
        },
        "per_category": {c: _prf(v["tp"], v["fp"], v["fn"]) for c, v in per_cat.items()},
        "status_accuracy": round(status_hits["correct"] / checked, 4) if checked else 0.0,
        "status_checked": checked,
        "status_pairs": dict(sorted(status_pairs.items())),
        "denial": {
            "gold": text_level["denied_gold"],
            "correct": text_level["denied_correct"],
            "predicted": text_level["denied_pred"],
        },
        "mentioned_micro": _prf(mention["tp"], mention["fp"], mention["fn"]),
        "reliability": reliability,
    }


def evaluate_file(
    path: Path, predict: Callable[[str, str | None], ViolationResult] | None = None
) -> dict:
    """Read gold JSONL at ``path`` and return JSON-able metrics (prints nothing)."""
    return evaluate_items(read_items(Path(path)), predict)


if __name__ == "__main__":  # pragma: no cover - convenience for development
    import sys

    print(json.dumps(evaluate_file(Path(sys.argv[1])), indent=2))
