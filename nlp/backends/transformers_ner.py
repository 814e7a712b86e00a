"""Token-classification NER on any local Hugging Face model, with exact character offsets.

Long texts are cut into overlapping windows of ``max_length`` tokens (``stride`` tokens of
overlap). Every token takes the prediction of the window where it is most central, so the
windows never produce duplicate or conflicting spans. Subword predictions are aggregated to
the tokenizer's words (first subword, as in training), decoded as BIO / BIOES / IO and
turned into character spans via the fast tokenizer's ``offset_mapping``; every returned span
satisfies ``text[start:end] == entity text``. Windows of many texts are batched.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.backends.labels import OUTSIDE, Tag, decode, map_id2label, parse_table
from nlp.backends.loading import load_model, load_tokenizer, resolve_device

log = logging.getLogger(__name__)

SETTING = "PANTAU_TRANSFORMERS_MODEL"
_EDGE = " \t\r\n\u00a0,;:!?\"'()[]{}“”‘’«»"


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    score: float


@dataclass
class _Encoded:
    ids: list[int]
    offsets: list[tuple[int, int]]
    words: list[int | None]


def window_starts(n_tokens: int, size: int, stride: int) -> list[int]:
    """Start of each window of ``size`` tokens overlapping by ``stride``; the last ends at n."""
    if n_tokens <= size:
        return [0]
    step = max(1, size - stride)
    return [*range(0, n_tokens - size, step), n_tokens - size]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces and edge punctuation (a final sentence period too) from a span."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if end - start > 1 and text[end - 1] == "." and "." not in text[start : end - 1]:
        end -= 1
    return start, end


class TransformersNER:
    """Loads a token classifier once; ``predict`` / ``predict_many`` return PER/ORG/LOC spans."""

    def __init__(
        self,
        model: str | Path,
        labels: str | dict[str, str | None] | None = None,
        device: str = "auto",
        batch_size: int = 8,
        max_length: int = 512,
        stride: int = 128,
    ) -> None:
        import torch

        self._torch = torch
        self.tokenizer = load_tokenizer(model, SETTING)
        self.model = load_model(model, "AutoModelForTokenClassification", SETTING)
        self.device = resolve_device(device)
        self.model.to(self.device)
        self.tags: list[Tag] = map_id2label(
            {int(k): v for k, v in self.model.config.id2label.items()}, parse_table(labels)
        )
        self.prefix, self.suffix = self._special_template()
        limit = min(max_length, getattr(self.model.config, "max_position_embeddings", 512))
        if "roberta" in str(getattr(self.model.config, "model_type", "")):
            limit = min(limit, self.model.config.max_position_embeddings - 2)
        self.size = max(2, limit - len(self.prefix) - len(self.suffix))
        self.stride = max(0, min(stride, self.size // 2))
        self.batch_size = max(1, batch_size)
        self.pad_id = self.tokenizer.pad_token_id or 0
        log.info("transformers NER %s on %s: window %d, stride %d", model, self.device,
                 self.size, self.stride)  # fmt: skip

    def _special_template(self) -> tuple[list[int], list[int]]:
        """Special token ids the tokenizer puts before and after one sequence."""
        plain = self.tokenizer("a", add_special_tokens=False)["input_ids"]
        full = self.tokenizer("a", add_special_tokens=True)["input_ids"]
        for i in range(len(full) - len(plain) + 1):
            if full[i : i + len(plain)] == plain:
                return full[:i], full[i + len(plain) :]
        return [], []

    def _encode(self, text: str) -> _Encoded:
        enc = self.tokenizer(
            text, add_special_tokens=False, return_offsets_mapping=True, verbose=False
        )
        return _Encoded(enc["input_ids"], [tuple(o) for o in enc["offset_mapping"]],
                        enc.word_ids())  # fmt: skip

    def _logits(self, windows: Sequence[list[int]]) -> list[Any]:
        """Class probabilities (tokens x classes) of each window's content tokens."""
        torch = self._torch
        out: list[Any] = []
        for b in range(0, len(windows), self.batch_size):
            batch = [self.prefix + w + self.suffix for w in windows[b : b + self.batch_size]]
            width = max(len(x) for x in batch)
            ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for i, x in enumerate(batch):
                ids[i, : len(x)] = torch.tensor(x)
                mask[i, : len(x)] = 1
            with torch.inference_mode():
                logits = self.model(input_ids=ids.to(self.device),
                                    attention_mask=mask.to(self.device)).logits  # fmt: skip
            probs = logits.float().softmax(-1).cpu()
            lo = len(self.prefix)
            out.extend(probs[i, lo : lo + len(windows[b + i])] for i in range(len(batch)))
        return out

    def predict(self, text: str) -> list[Entity]:
        return self.predict_many([text])[0]

    def predict_many(self, texts: Sequence[str]) -> list[list[Entity]]:
        encoded = [self._encode(t) for t in texts]
        jobs = [(d, s) for d, e in enumerate(encoded) if e.ids
                for s in window_starts(len(e.ids), self.size, self.stride)]  # fmt: skip
        probs = self._logits([encoded[d].ids[s : s + self.size] for d, s in jobs])
        per_doc: dict[int, list[tuple[int, Any]]] = {}
        for (d, s), p in zip(jobs, probs, strict=True):
            per_doc.setdefault(d, []).append((s, p))
        return [self._spans(t, e, per_doc.get(d, [])) for d, (t, e) in
                enumerate(zip(texts, encoded, strict=True))]  # fmt: skip

    def _spans(self, text: str, enc: _Encoded, windows: list[tuple[int, Any]]) -> list[Entity]:
        n = len(enc.ids)
        best = [-1] * n
        cls = [0] * n
        conf = [0.0] * n
        for start, probs in windows:
            top, arg = probs.max(-1)
            length = len(arg)
            for k in range(length):
                centrality = min(k, length - 1 - k)
                if centrality > best[start + k]:
                    best[start + k] = centrality
                    cls[start + k], conf[start + k] = int(arg[k]), float(top[k])
        # Words: (first char, last char, tag, score) from their first subword.
        words: list[tuple[int, int, Tag, float]] = []
        last_word: int | None = None
        for t in range(n):
            w, (a, b) = enc.words[t], enc.offsets[t]
            if w is not None and w == last_word and words:
                words[-1] = (words[-1][0], max(words[-1][1], b), words[-1][2], words[-1][3])
                continue
            tag = self.tags[cls[t]] if cls[t] < len(self.tags) else OUTSIDE
            words.append((a, b, tag, conf[t]))
            last_word = w
        entities = []
        for first, stop, label in decode([w[2] for w in words]):
            start, end = trim(text, words[first][0], words[stop - 1][1])
            if end > start:
                score = sum(w[3] for w in words[first:stop]) / (stop - first)
                entities.append(Entity(start, end, label, round(score, 4)))
        return entities
