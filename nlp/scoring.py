"""Small scoring helpers shared by the evaluation commands: the shared scorer's text
normalisation, precision/recall/F1 and reliability tables of confidences."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

DEFAULT_BINS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0001)


def norm(s: str | None) -> str:
    """Lower case, punctuation removed, single spaces (as ../shared/tools/score.py compares)."""
    s = unicodedata.normalize("NFKC", s or "").lower()
    return " ".join(re.sub(r"[^\w\s]", " ", s).split())


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def prf_dict(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p, r, f = prf(tp, fp, fn)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


class Reliability:
    """Confidence bins: how many predictions, their mean confidence, the share that was right."""

    def __init__(self, bins: tuple[float, ...] = DEFAULT_BINS) -> None:
        self.bins = bins
        self.rows: list[list[float]] = [[0, 0.0, 0] for _ in bins[:-1]]

    def add(self, confidence: float, right: bool) -> None:
        k = next(i for i in range(len(self.bins) - 1) if confidence < self.bins[i + 1])
        row = self.rows[k]
        row[0] += 1
        row[1] += confidence
        row[2] += right

    def table(self, right_key: str = "accuracy") -> list[dict[str, Any]]:
        return [
            {
                "bin": f"{self.bins[k]:.1f}-{min(self.bins[k + 1], 1.0):.1f}",
                "n": int(n),
                "mean_confidence": round(total / n, 3) if n else None,
                right_key: round(right / n, 3) if n else None,
            }
            for k, (n, total, right) in enumerate(self.rows)
        ]
