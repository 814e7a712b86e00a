"""An optional sequence-classification or NLI model as an extra signal on rule-found reports.

The model scores each rule-found report's evidence sentence; the score ``s`` (0..1, "this
sentence reports a violation of this category") nudges the rule confidence by
``WEIGHT * (s - 0.5)`` and, below ``DEMOTE_BELOW``, demotes the report to a mention. The
model never adds reports, evidence or categories: the rule layer stays the source of truth.

Label conventions (read from the model's ``id2label``, case-insensitive):

- NLI: a label ``entailment`` → premise = evidence, hypothesis = the category's sentence in
  ``HYPOTHESES``; ``s`` = P(entailment).
- Category classifier: labels named after category slugs (``politik_uang``…) → ``s`` = P(slug).
- Report/mention classifier: a label ``report`` → ``s`` = P(report).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from nlp.backends.loading import TransformersModelError, load_model, load_tokenizer
from nlp.backends.loading import resolve_device as _device
from nlp.violations import CATEGORIES

log = logging.getLogger(__name__)

SETTING = "PANTAU_VIOLATION_CLASSIFIER"
WEIGHT = 0.4
DEMOTE_BELOW = 0.1
HYPOTHESES: dict[str, str] = {
    "politik_uang": "politik uang atau pembagian uang dan barang kepada pemilih",
    "netralitas": "pelanggaran netralitas ASN, TNI, Polri atau kepala desa",
    "fasilitas_negara": "penggunaan fasilitas negara untuk kampanye",
    "kampanye_hitam": "kampanye hitam, fitnah atau hoaks terhadap peserta pemilu",
    "sara": "kampanye bernuansa SARA",
    "intimidasi": "intimidasi atau kekerasan terhadap pemilih atau penyelenggara",
    "manipulasi_suara": "manipulasi atau penggelembungan suara",
    "kampanye_ilegal": "kampanye di luar jadwal atau di tempat terlarang",
    "dana_kampanye": "pelanggaran dana kampanye",
    "penyelenggara": "pelanggaran kode etik penyelenggara pemilu",
    "hak_pilih": "penghilangan hak pilih warga",
}


class ViolationClassifier:
    """Scores (evidence, category) pairs with a local sequence-classification model."""

    def __init__(self, model: str | Path, device: str = "auto", batch_size: int = 16) -> None:
        import torch

        self._torch = torch
        self.tokenizer = load_tokenizer(model, SETTING)
        self.model = load_model(model, "AutoModelForSequenceClassification", SETTING)
        self.device = _device(device)
        self.model.to(self.device)
        self.batch_size = max(1, batch_size)
        labels = {int(k): str(v).lower() for k, v in self.model.config.id2label.items()}
        self.index = {name: idx for idx, name in labels.items()}
        if "entailment" in self.index:
            self.mode = "nli"
        elif set(CATEGORIES) & set(self.index):
            self.mode = "category"
        elif "report" in self.index:
            self.mode = "report"
        else:
            raise TransformersModelError(
                f"{model}: {SETTING} needs labels 'entailment' (NLI), category slugs or "
                f"'report'/'mention'; the model has {sorted(self.index)}"
            )
        log.info("violation classifier %s (%s mode) on %s", model, self.mode, self.device)

    def _label(self, category: str) -> int | None:
        if self.mode == "nli":
            return self.index["entailment"]
        if self.mode == "category":
            return self.index.get(category)
        return self.index["report"]

    def scores(self, pairs: list[tuple[str, str]]) -> list[float | None]:
        """``s`` for each (evidence, category); None where the model has no opinion."""
        torch = self._torch
        result: list[float | None] = []
        for b in range(0, len(pairs), self.batch_size):
            chunk = pairs[b : b + self.batch_size]
            texts = [evidence for evidence, _ in chunk]
            args: dict[str, Any] = dict(padding=True, truncation=True, max_length=256,
                                        return_tensors="pt")  # fmt: skip
            if self.mode == "nli":
                hyps = [f"Teks ini melaporkan {HYPOTHESES.get(c, c)}." for _, c in chunk]
                enc = self.tokenizer(texts, hyps, **args)
            else:
                enc = self.tokenizer(texts, **args)
            with torch.inference_mode():
                logits = self.model(**{k: v.to(self.device) for k, v in enc.items()}).logits
            probs = logits.float().softmax(-1).cpu()
            for row, (_, category) in zip(probs, chunk, strict=True):
                idx = self._label(category)
                result.append(None if idx is None else float(row[idx]))
        return result

    def adjust(
        self, violations: list[dict[str, Any]], mentioned: list[str]
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Rule reports with adjusted confidence, and mentions plus any demoted categories."""
        scores = self.scores([(v["evidence"], v["category"]) for v in violations])
        kept: list[dict[str, Any]] = []
        demoted: set[str] = set()
        for violation, s in zip(violations, scores, strict=True):
            if s is None:
                kept.append(violation)
                continue
            if s < DEMOTE_BELOW:
                log.debug("classifier demotes %s (s=%.3f)", violation["category"], s)
                demoted.add(violation["category"])
                continue
            conf = violation["confidence"] + WEIGHT * (s - 0.5)
            kept.append({**violation, "confidence": round(min(0.99, max(0.05, conf)), 3),
                         "classifier": round(s, 3)})  # fmt: skip
        return kept, sorted(set(mentioned) | demoted)
