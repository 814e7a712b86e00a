"""Active learning: the pool items the current models are least sure of.

``pantau nlp queue --pool FILE --n 200 [--task violations|officials]`` runs the shipped
pipeline over a pool file and lists the items whose decisions sit closest to the models'
thresholds, so that each annotation round buys the most:

- violations: the largest report probability of any candidate category closest to the
  classifier's threshold (an item the model would report or not by a hair);
- officials: the smallest margin between an official's link confidence and 0.5, and sentences
  with a position word but no official found.

Items already labelled, and the frozen test splits, are skipped. Output: JSONL lines
``{"id", "score", "why"}`` (no text: ids point into the pool), most uncertain first.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from nlp.annotation.pool import frozen_ids, load_labels, read_jsonl

POSITION_WORD = re.compile(
    r"\b(Ketua|Wakil|Kepala|Bupati|Wali ?kota|Gubernur|Menteri|Direktur|Sekretaris|Anggota|"
    r"Kapol\w+|Kajari|Camat|Lurah|Kades|Komisioner|Koordinator)\b"
)


def _violations(items: list[dict], extractor: Any) -> Iterator[tuple[float, dict]]:
    from nlp.violations import detect
    from nlp.violations.model import candidates, text_features, text_stems

    comp = extractor.nlp.get_pipe("pantau_violations_v1")
    model = getattr(comp, "model", None)
    if model is None:
        raise ValueError("no violation classifier is configured (PANTAU_VIOLATION_MODEL)")
    from nlp.morphology import tokenize

    for it in items:
        res = detect(it["text"])
        feats = text_features(it["text"], None, res)
        stems = text_stems([t.text for t in tokenize(it["text"])])
        probs = model.report_probabilities(feats, stems, candidates(stems, res))
        if not probs:
            continue
        cat, p = max(probs.items(), key=lambda kv: kv[1])
        margin = abs(p - model.threshold)
        yield margin, {"id": it["id"], "score": round(1 - margin, 4),
                       "why": f"{cat} p={p:.2f} (threshold {model.threshold})"}  # fmt: skip


def _officials(items: list[dict], extractor: Any) -> Iterator[tuple[float, dict]]:
    records = extractor.extract_records({"id": it["id"], "text": it["text"]} for it in items)
    for it, out in zip(items, records, strict=True):
        officials = out.get("officials", [])
        if officials:
            o = min(officials, key=lambda o: abs(o.get("confidence", 1.0) - 0.5))
            margin = abs(o.get("confidence", 1.0) - 0.5)
            why = f"{o['name']} / {o['position']} confidence {o.get('confidence')}"
        elif POSITION_WORD.search(it["text"]):
            margin, why = 0.25, "a position word but no official"
        else:
            continue
        yield margin, {"id": it["id"], "score": round(1 - margin, 4), "why": why}


def queue(
    pool_file: Path, n: int, task: str, extractor: Any, limit: int | None = None
) -> list[dict]:
    """The ``n`` most uncertain of (the first ``limit``) unlabelled items of ``pool_file``."""
    label_task = "violations" if task == "violations" else "entities"
    done = set(load_labels(label_task, ("A", "B"))) | frozen_ids(label_task)
    todo = (it for it in read_jsonl(pool_file) if it["id"] not in done and it.get("text"))
    items = list(islice(todo, limit))
    scored = _violations(items, extractor) if task == "violations" else _officials(items, extractor)
    best = heapq.nsmallest(n, scored, key=lambda pair: pair[0])
    return [record for _, record in best]
